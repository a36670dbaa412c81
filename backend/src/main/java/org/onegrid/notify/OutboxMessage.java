package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One SMS (or phone call, channel "voice") as its sender and the demo inbox see it. */
@Serdeable
public record OutboxMessage(
    long id,
    String to,
    String body,
    String purpose,
    String channel,
    String status,
    int attempts,
    @Nullable String provider,
    @Nullable String providerId,
    Instant createdAt,
    @Nullable Instant sentAt) {

  /** The same message with its text hidden, for sign-in codes shown after the fact. */
  public OutboxMessage withoutBody() {
    return new OutboxMessage(
        id,
        to,
        "******",
        purpose,
        channel,
        status,
        attempts,
        provider,
        providerId,
        createdAt,
        sentAt);
  }
}
