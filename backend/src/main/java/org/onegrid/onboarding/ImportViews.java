package org.onegrid.onboarding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** What the admin pages and the API show of imports. */
final class ImportViews {

  private ImportViews() {}

  /** One row of the dry run: its line, what it names, what applying does and why. */
  @Serdeable
  record Row(int line, String key, RowOutcome outcome, String message) {}

  /**
   * The dry run of a file: how many rows would be created, changed, left or refused, and the rows
   * themselves (refused first, then changed, created, unchanged; the first {@code rows.size()} of
   * {@code total}).
   */
  @Serdeable
  record Report(
      ImportKind kind,
      String fileName,
      int total,
      long create,
      long change,
      long same,
      long refuse,
      List<Row> rows) {}

  /**
   * An import applied or being applied. status: RUNNING, DONE, FAILED, or INTERRUPTED (its instance
   * stopped; applying the file again finishes it, as rows are matched by code).
   */
  @Serdeable
  record Run(
      long id,
      ImportKind kind,
      String fileName,
      String by,
      String status,
      int total,
      int done,
      int created,
      int changed,
      int unchanged,
      @Nullable String error,
      Instant startedAt,
      @Nullable Instant finishedAt) {}
}
