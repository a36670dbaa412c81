package org.onegrid.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Fresh, valid mainland mobile numbers for new residents, unique within a test run. */
public final class Phones {

  private static final AtomicInteger NEXT =
      new AtomicInteger((int) (System.nanoTime() % 1_000_000));

  private Phones() {}

  public static String fresh() {
    return String.format("136%08d", NEXT.getAndIncrement() % 100_000_000);
  }
}
