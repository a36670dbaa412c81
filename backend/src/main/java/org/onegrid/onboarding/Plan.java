package org.onegrid.onboarding;

import java.util.List;

/**
 * What a file would do, row by row, and the work that applying it means ({@code W}, one item per
 * row to create or change, in the order to do them).
 */
record Plan<W>(List<RowVerdict> verdicts, List<W> work) {

  boolean refusesAny() {
    return verdicts.stream().anyMatch(v -> v.outcome() == RowOutcome.REFUSE);
  }

  long count(RowOutcome outcome) {
    return verdicts.stream().filter(v -> v.outcome() == outcome).count();
  }
}
