package org.onegrid.notify;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.onegrid.db.tables.records.SmsOutboxRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What became of a claimed outbox row once the provider (or the push service) answered, or was
 * asked about an attempt that got no answer: written to the row (sent, retried after a backoff,
 * unknown until asked, opted out, failed, a push turned into a text), counted in the metrics and
 * logged with the reason. Called inside the transaction that records it.
 */
final class SendResults {

  private static final Logger LOG = LoggerFactory.getLogger(SmsDispatcher.class);

  private final OutboxRepository outbox;
  private final OptOutRepository optOuts;
  private final SmsSender sender;
  private final Clock clock;
  private final SmsDispatcher.Settings settings;
  private final MeterRegistry metrics;

  SendResults(
      OutboxRepository outbox,
      OptOutRepository optOuts,
      SmsSender sender,
      Clock clock,
      SmsDispatcher.Settings settings,
      MeterRegistry metrics) {
    this.outbox = outbox;
    this.optOuts = optOuts;
    this.sender = sender;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** What became of one row after an attempt or a lookup. */
  enum Outcome {
    SENT,
    RECONCILED,
    RETRIED,
    UNKNOWN,
    FAILED,
    OPTED_OUT,
    AS_TEXT
  }

  Outcome recordPush(SmsOutboxRecord row, PushChannel.Delivery delivery) {
    Instant now = clock.instant();
    if (delivery instanceof PushChannel.Delivered) {
      outbox.markSent(row.getId(), "push", "push-" + row.getId(), "delivered", now, null);
      return Outcome.SENT;
    }
    int attempts = row.getAttempts() + 1;
    if (delivery instanceof PushChannel.TryAgain again && attempts < settings.maxAttempts()) {
      SmsSender.TryAgain wait = new SmsSender.TryAgain(again.error(), again.retryAfter());
      outbox.markRetry(row.getId(), "push", again.error(), now.plus(backoff(wait, attempts)));
      return Outcome.RETRIED;
    }
    outbox.pushToText(row.getId(), now);
    return Outcome.AS_TEXT;
  }

  Outcome record(SmsOutboxRecord row, SmsSender.Result result, int attempts) {
    Instant now = clock.instant();
    if (result instanceof SmsSender.Accepted ok) {
      markSent(row, ok);
      return Outcome.SENT;
    }
    if (result instanceof SmsSender.Unsure unsure) {
      // It may be at the provider: ask it (after a moment, so a request still in progress there
      // has landed) before any new attempt.
      outbox.markUnknown(
          row.getId(), sender.name(), unsure.error(), now.plus(settings.firstBackoff()));
      return Outcome.UNKNOWN;
    }
    if (result instanceof SmsSender.TryAgain again && attempts < settings.maxAttempts()) {
      outbox.markRetry(
          row.getId(), sender.name(), again.error(), now.plus(backoff(again, attempts)));
      return Outcome.RETRIED;
    }
    if (result instanceof SmsSender.Refused refused
        && Integer.valueOf(SmsDispatcher.TWILIO_OPTED_OUT).equals(refused.providerCode())) {
      optOuts.optOut(row.getToE164(), "twilio-21610", now);
      outbox.markOptedOut(row.getId());
      return Outcome.OPTED_OUT;
    }
    return fail(row, error(result));
  }

  /** The wait before the next attempt: doubling, and never shorter than the provider asked. */
  private Duration backoff(SmsSender.TryAgain again, int attempts) {
    Duration backoff =
        settings.firstBackoff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 10));
    return again.retryAfter() != null && again.retryAfter().compareTo(backoff) > 0
        ? again.retryAfter()
        : backoff;
  }

  /**
   * What the provider said about a row handed over with no answer: there → sent; not there → an
   * ordinary failed attempt (tried again, unless too many or a code too old); cannot ask → still
   * unknown, asked again later.
   */
  Outcome settle(SmsOutboxRecord row, SmsSender.Lookup found) {
    if (found instanceof SmsSender.Accepted ok) {
      markSent(row, ok);
      return Outcome.RECONCILED;
    }
    if (found instanceof SmsSender.CannotAsk cannot) {
      outbox.markUnknown(
          row.getId(),
          sender.name(),
          cannot.error(),
          clock.instant().plus(settings.firstBackoff().multipliedBy(6)));
      return Outcome.UNKNOWN;
    }
    if (expiredCode(row)) {
      return fail(row, "the sign-in code expired before it could be sent again");
    }
    return record(
        row,
        new SmsSender.TryAgain("the provider does not have it after an attempt with no answer"),
        row.getAttempts());
  }

  Outcome fail(SmsOutboxRecord row, String error) {
    outbox.markFailed(row.getId(), sender.name(), error);
    forgetIfSecret(row);
    return Outcome.FAILED;
  }

  static String error(SmsSender.Result result) {
    if (result instanceof SmsSender.TryAgain again) {
      return again.error();
    }
    if (result instanceof SmsSender.Refused refused) {
      return refused.error();
    }
    if (result instanceof SmsSender.Unsure unsure) {
      return unsure.error();
    }
    return "";
  }

  /** The log line and the counter for an outcome: every text that did not go says why. */
  void report(SmsOutboxRecord row, Outcome outcome, String detail) {
    String purpose = row.getPurpose();
    switch (outcome) {
      case SENT -> count("sent", row);
      case RECONCILED -> {
        count("sent", row);
        count("reconciled", row);
        LOG.info("SMS {} ({}) was taken by the provider after all", row.getId(), purpose);
      }
      case RETRIED -> {
        count("retried", row);
        LOG.warn("SMS {} ({}) not sent, will try again: {}", row.getId(), purpose, detail);
      }
      case UNKNOWN -> {
        count("unknown", row);
        LOG.warn(
            "SMS {} ({}) may or may not have reached the provider; asking it before any new attempt: {}",
            row.getId(),
            purpose,
            detail);
      }
      case FAILED -> {
        count("failed", row);
        LOG.warn("SMS {} ({}) failed for good: {}", row.getId(), purpose, detail);
      }
      case OPTED_OUT ->
          LOG.info("SMS {} ({}) not sent: the recipient opted out", row.getId(), purpose);
      case AS_TEXT -> {
        count("push.as-text", row);
        LOG.info("Push {} ({}) goes as a text instead: {}", row.getId(), purpose, detail);
      }
    }
  }

  private void markSent(SmsOutboxRecord row, SmsSender.Accepted ok) {
    outbox.markSent(
        row.getId(),
        sender.name(),
        ok.providerId(),
        ok.providerStatus(),
        clock.instant(),
        secret(row) ? SmsDispatcher.SECRET_SENT : null);
  }

  boolean expiredCode(SmsOutboxRecord row) {
    return "otp".equals(row.getPurpose())
        && !clock.instant().isBefore(row.getCreatedAt().plus(settings.otpTtl()));
  }

  private void count(String outcome, SmsOutboxRecord row) {
    metrics.counter("onegrid.sms." + outcome, "purpose", row.getPurpose()).increment();
  }

  private boolean secret(SmsOutboxRecord row) {
    return !settings.keepSecrets() && SmsOutbox.SECRET_PURPOSES.contains(row.getPurpose());
  }

  private void forgetIfSecret(SmsOutboxRecord row) {
    if (secret(row)) {
      outbox.replaceBody(row.getId(), SmsDispatcher.SECRET_SENT);
    }
  }
}
