package org.onegrid.notify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.onegrid.platform.Tx;

/**
 * A dispatcher as another backend instance would run one, sending through the sender a test gives
 * it: six attempts, one second's first backoff, four sends at once, a 40-second lease, codes valid
 * five minutes.
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
    return through(
        sender,
        outbox,
        optOuts,
        tx,
        clock,
        new SmsDispatcher.Settings(
            6,
            Duration.ofSeconds(1),
            4,
            Duration.ofSeconds(40),
            keepSecrets,
            Duration.ofMinutes(5)));
  }

  static SmsDispatcher through(
      SmsSender sender,
      OutboxRepository outbox,
      OptOutRepository optOuts,
      Tx tx,
      Clock clock,
      SmsDispatcher.Settings settings) {
    return new SmsDispatcher(
        outbox, optOuts, sender, PushChannel.NONE, tx, clock, settings, new SimpleMeterRegistry());
  }
}
