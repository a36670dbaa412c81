package org.onegrid.platform;

import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of the app under test: the real time plus an offset a test may move forward, so that a
 * test waits for nothing to see what happens later. Tests that move it put it back when done.
 */
@Singleton
@Replaces(value = Clock.class, factory = ClockFactory.class)
public class TestClock extends Clock {

  private volatile Duration offset = Duration.ZERO;

  /** Moves the app's time forward (or back) by this much from now on. */
  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  /** Real time again. */
  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), offset);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }
}
