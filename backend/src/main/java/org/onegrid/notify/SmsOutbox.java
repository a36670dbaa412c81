package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * How every feature sends an SMS: {@link #enqueue} inside the transaction that causes the message.
 * The row commits or rolls back with the change, and the dispatcher sends it afterwards.
 */
@Singleton
public class SmsOutbox {

  private final OutboxRepository outbox;
  private final Clock clock;

  SmsOutbox(OutboxRepository outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Queues one SMS; returns its outbox id. Call inside the transaction of the change that causes
   * it.
   */
  public long enqueue(String toE164, String body, String purpose) {
    return outbox.insert(toE164, body, purpose, clock.instant());
  }

  /** Messages sent to one phone, newest first, for the owner's own view. */
  public List<OutboxMessage> sentTo(String toE164, int limit) {
    return outbox.findByRecipient(toE164, limit);
  }

  /** Newest messages to anyone, for the demo inbox. */
  public List<OutboxMessage> latest(int limit, @Nullable Instant before) {
    return outbox.findLatest(limit, before);
  }
}
