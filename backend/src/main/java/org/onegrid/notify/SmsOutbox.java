package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * How every feature sends an SMS: {@link #enqueue} inside the transaction that causes the message.
 * The row commits or rolls back with the change, and the dispatcher sends it afterwards.
 */
@Singleton
public class SmsOutbox {

  /**
   * Purposes of texts that carry a secret: their words are not kept once sent (see SmsDispatcher).
   */
  public static final Set<String> SECRET_PURPOSES = Set.of("otp", "password-reset", "staff-invite");

  private final OutboxRepository outbox;
  private final OutboxQueries queries;
  private final OptOutRepository optOuts;
  private final Clock clock;
  private final SmsHealth health;
  private final SmsDigest digest;
  private final PushChannel push;

  SmsOutbox(
      OutboxRepository outbox,
      OutboxQueries queries,
      OptOutRepository optOuts,
      Clock clock,
      SmsHealth health,
      SmsDigest digest,
      PushChannel push) {
    this.outbox = outbox;
    this.queries = queries;
    this.optOuts = optOuts;
    this.clock = clock;
    this.health = health;
    this.digest = digest;
    this.push = push;
  }

  /**
   * Tells one person: by Web Push when a browser of theirs takes it (free, and it opens {@code
   * link}), else by SMS as {@link #enqueue}. Secrets (codes, passwords) always go by SMS. Alerts
   * residents cause for staff may be folded into a digest ({@link SmsDigest}). Call inside the
   * transaction of the change that causes it.
   */
  public void deliver(
      long accountId, String toE164, String body, String purpose, @Nullable String link) {
    if (SECRET_PURPOSES.contains(purpose)) {
      enqueue(toE164, body, purpose);
      return;
    }
    OptOutRepository.Reach reach = optOuts.reach(toE164, push.reaches(accountId));
    if (reach.push()) {
      outbox.insertPush(toE164, body, purpose, link, clock.instant());
    } else if (!reach.optedOut() && digest.folds(purpose)) {
      digest.add(toE164, body, purpose, clock.instant());
    } else {
      enqueue(toE164, body, purpose, reach.optedOut());
    }
  }

  /** Whether texts are leaving late right now (the oldest due one waited too long). */
  public boolean delayed() {
    return health.delayed();
  }

  /**
   * Queues one SMS; returns its outbox id. Call inside the transaction of the change that causes
   * it. To a phone that opted out, the message is recorded as OPTED_OUT and never sent. Sent as it
   * is, never folded into a digest (an admin sending a failed alert again means it now).
   */
  public long enqueue(String toE164, String body, String purpose) {
    return enqueue(toE164, body, purpose, optOuts.isOptedOut(toE164));
  }

  private long enqueue(String toE164, String body, String purpose, boolean optedOut) {
    if (optedOut) {
      long id = outbox.insert(toE164, body, purpose, OutboxRepository.SMS, clock.instant());
      outbox.markOptedOut(id);
      return id;
    }
    return outbox.insert(toE164, body, purpose, OutboxRepository.SMS, clock.instant());
  }

  /**
   * Queues one phone call that says {@code words} (a sign-in code read out twice), sent like a
   * text: once, by the dispatcher, after the transaction commits. An SMS opt-out does not stop it:
   * the person asked for this call.
   */
  public long call(String toE164, String words, String purpose) {
    return outbox.insert(toE164, words, purpose, OutboxRepository.VOICE, clock.instant());
  }

  /** The phone asked for no more SMS (STOP, 退订, or Twilio's 21610). In-app notices go on. */
  public void optOut(String toE164, String source) {
    optOuts.optOut(toE164, source, clock.instant());
  }

  /** The phone asked for SMS again (START, 订阅). */
  public void optIn(String toE164) {
    optOuts.optIn(toE164);
  }

  public boolean isOptedOut(String toE164) {
    return optOuts.isOptedOut(toE164);
  }

  /** Messages sent to one phone, newest first, for the owner's own view. */
  public List<OutboxMessage> sentTo(String toE164, int limit) {
    return queries.findByRecipient(toE164, limit);
  }

  /** Newest messages to anyone, for the demo inbox. */
  public List<OutboxMessage> latest(int limit, @Nullable Instant before) {
    return queries.findLatest(limit, before);
  }
}
