package org.onegrid.onboarding;

import java.util.List;
import java.util.function.IntConsumer;
import org.onegrid.account.Account;
import org.onegrid.grid.GridNode;

/**
 * Loads one kind of file: plans it against the database without changing anything, then applies the
 * plan's work in transactions of a few hundred rows, telling how many are done. Rows are matched by
 * their code (or phone), so applying a file again changes nothing.
 */
interface Importer<W> {

  ImportKind kind();

  /** What the file would do for an admin placed at {@code reach}; nothing is written. */
  Plan<W> plan(Account admin, GridNode reach, byte[] file);

  /** Applies work items in order; calls {@code done} with how many are applied so far. */
  void apply(Account admin, List<W> work, IntConsumer done);
}
