package org.onegrid.account;

import io.micronaut.core.annotation.Nullable;
import org.onegrid.grid.GridNode;

/**
 * Where admins' changes are written down (the audit log, which itself reads accounts: this
 * interface keeps the dependency one way). Call inside the change's transaction.
 */
public interface AdminChangeLog {

  void record(
      Account actor,
      GridNode node,
      String action,
      String subject,
      @Nullable Object before,
      @Nullable Object after);
}
