package org.onegrid.platform;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read again at most once per period: for reference data that only migrations or a database
 * administrator change (problem categories and their questions), which every report and every list
 * would otherwise read anew. A change shows within the period on every instance.
 */
public final class Refreshing<T> {

  private final Supplier<T> load;
  private final long periodNanos;
  private volatile T value;
  private volatile long loadedAt;

  public Refreshing(Supplier<T> load, Duration period) {
    this.load = load;
    this.periodNanos = period.toNanos();
  }

  public T get() {
    T current = value;
    if (current == null || System.nanoTime() - loadedAt > periodNanos) {
      current = refresh();
    }
    return current;
  }

  /** Reads the value now (something it should hold is missing from the last read). */
  public T refresh() {
    T current = load.get();
    value = current;
    loadedAt = System.nanoTime();
    return current;
  }
}
