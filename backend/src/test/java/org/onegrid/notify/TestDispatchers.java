package org.onegrid.notify;

import java.time.Clock;
import java.time.Duration;
import org.onegrid.platform.Tx;

/**
 * A dispatcher as another backend instance would run one, sending through the sender a test gives
 * it: six attempts, one second's first backoff, codes valid five minutes.
 */
final class TestDispatchers {

  private TestDispatchers() {}

  static SmsDispatcher through(
      SmsSender sender,
      OutboxRepository outbox,
      OptOutRepository optOuts,
      Tx tx,
      Clock clock,
      boolean keepSecrets) {
    return new SmsDispatcher(
        outbox,
        optOuts,
        sender,
        tx,
        clock,
        6,
        Duration.ofSeconds(1),
        keepSecrets,
        Duration.ofMinutes(5),
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }
}
