package org.onegrid.association;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Places with a waiting list behind them (an association's members, an activity's sign-ups): the
 * one rule for whether a newcomer gets a place or waits, and for moving the waiting list up as
 * places free. Callers hold the row lock of what the places belong to.
 */
final class Places {

  private final @Nullable Integer limit;
  private final IntSupplier taken;
  private final Supplier<Optional<Long>> firstWaiting;

  /**
   * @param limit how many places there are; null for no limit
   * @param taken how many are taken now
   * @param firstWaiting who has waited longest, if anyone waits
   */
  Places(@Nullable Integer limit, IntSupplier taken, Supplier<Optional<Long>> firstWaiting) {
    this.limit = limit;
    this.taken = taken;
    this.firstWaiting = firstWaiting;
  }

  /** Whether a place is free now. */
  boolean free() {
    return limit == null || taken.getAsInt() < limit;
  }

  /**
   * Gives the free places to those waiting, longest first, each through {@code admit} (which must
   * record the place as taken); how many moved up.
   */
  int moveUp(LongConsumer admit) {
    int moved = 0;
    while (free()) {
      Optional<Long> next = firstWaiting.get();
      if (next.isEmpty()) {
        break;
      }
      admit.accept(next.get());
      moved++;
    }
    return moved;
  }
}
