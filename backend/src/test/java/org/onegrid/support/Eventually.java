package org.onegrid.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for work the app does on its own threads (a dispatch round, a webhook delivery) by reading
 * again until the answer is the expected one or the time is up; the one way tests poll. Time that a
 * rule measures (backoffs, deadlines, reminders) is moved with {@code TestClock} instead.
 */
public final class Eventually {

  private static final Duration EVERY = Duration.ofMillis(25);

  private Eventually() {}

  /**
   * Reads until {@code done} holds or {@code within} passed, and answers the last reading (which
   * the test then asserts on, so a timeout fails with what was seen).
   */
  public static <T> T read(Duration within, Supplier<T> read, Predicate<? super T> done) {
    long deadline = System.nanoTime() + within.toNanos();
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(EVERY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return value;
      }
      value = read.get();
    }
    return value;
  }
}
