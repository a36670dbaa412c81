package org.onegrid.onboarding;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * What a file would do, row by row, and the work that applying it means ({@code W}, one item per
 * row to create or change, in the order to do them).
 */
record Plan<W>(List<RowVerdict> verdicts, List<W> work) {

  /** A file that cannot be read as asked: one refusal for the whole file, nothing to do. */
  static <W> Plan<W> refusedFile(String reason, Object... args) {
    return new Plan<>(List.of(RowVerdict.refuse(0, "", reason, args)), List.of());
  }

  /** A CSV whose heading lacks required columns, or null when it has them all. */
  static <W> Plan<W> missingColumns(CsvTable table) {
    return table.missingColumns().isEmpty()
        ? null
        : refusedFile("missing-columns", String.join(", ", table.missingColumns()));
  }

  /**
   * Applies work a chunk at a time (each chunk its own transaction, in {@code each}), telling how
   * many items are done after each.
   */
  static <W> void inChunks(List<W> work, int size, IntConsumer done, Consumer<List<W>> each) {
    for (int i = 0; i < work.size(); i += size) {
      each.accept(work.subList(i, Math.min(work.size(), i + size)));
      done.accept(Math.min(work.size(), i + size));
    }
  }

  boolean refusesAny() {
    return verdicts.stream().anyMatch(v -> v.outcome() == RowOutcome.REFUSE);
  }

  long count(RowOutcome outcome) {
    return verdicts.stream().filter(v -> v.outcome() == outcome).count();
  }
}
