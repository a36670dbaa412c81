package org.onegrid.notify;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.onegrid.db.tables.records.SmsOutboxRecord;
import org.onegrid.platform.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds. Rows are claimed in a short transaction with SKIP LOCKED, sent
 * outside it, and the outcome recorded; a failed attempt is retried with exponential backoff up to
 * a limit. Any number of instances can run this at once without sending a row twice.
 */
@Singleton
@Requires(property = "onegrid.sms.dispatcher.enabled", notEquals = "false")
public class SmsDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(SmsDispatcher.class);
  private static final int BATCH = 20;

  /** Twilio's error for a recipient who replied STOP to this sender. */
  static final int TWILIO_OPTED_OUT = 21610;

  private static final Duration LEASE = Duration.ofMinutes(2);

  private final OutboxRepository outbox;
  private final OptOutRepository optOuts;
  private final SmsSender sender;
  private final Tx tx;
  private final Clock clock;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final String instance;

  /**
   * Whether texts that carry a secret (sign-in codes, temporary passwords) are kept readable once
   * sent: only in demo mode with the log provider, where the demo inbox is the phone.
   */
  private final boolean keepSecrets;

  private final Duration otpTtl;
  private final io.micrometer.core.instrument.MeterRegistry metrics;

  /** What is left of a secret text once it was sent. */
  static final String SECRET_SENT = "(已发送；含验证码或密码，发送后不保留内容)";

  SmsDispatcher(
      OutboxRepository outbox,
      OptOutRepository optOuts,
      SmsSender sender,
      Tx tx,
      Clock clock,
      @Value("${onegrid.sms.max-attempts:6}") int maxAttempts,
      @Value("${onegrid.sms.first-backoff:10s}") Duration firstBackoff,
      boolean keepSecrets,
      Duration otpTtl,
      io.micrometer.core.instrument.MeterRegistry metrics) {
    this.outbox = outbox;
    this.optOuts = optOuts;
    this.sender = sender;
    this.tx = tx;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.keepSecrets = keepSecrets;
    this.otpTtl = otpTtl;
    this.metrics = metrics;
    this.instance =
        ManagementFactory.getRuntimeMXBean().getName()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8);
  }

  @jakarta.inject.Inject
  SmsDispatcher(
      OutboxRepository outbox,
      OptOutRepository optOuts,
      SmsSender sender,
      Tx tx,
      Clock clock,
      @Value("${onegrid.sms.max-attempts:6}") int maxAttempts,
      @Value("${onegrid.sms.first-backoff:10s}") Duration firstBackoff,
      io.micronaut.context.env.Environment environment,
      org.onegrid.platform.OneGridConfig.Otp otp,
      io.micrometer.core.instrument.MeterRegistry metrics) {
    this(
        outbox,
        optOuts,
        sender,
        tx,
        clock,
        maxAttempts,
        firstBackoff,
        org.onegrid.platform.DemoMode.inbox(environment),
        otp.getTtl(),
        metrics);
  }

  @Scheduled(fixedDelay = "${onegrid.sms.dispatch-interval:1s}", initialDelay = "2s")
  void tick() {
    try {
      dispatchDue();
    } catch (RuntimeException e) {
      LOG.warn("SMS dispatch round failed; will try again", e);
    }
  }

  /** Sends every due message once; returns how many were handed to the provider. */
  public int dispatchDue() {
    int accepted = 0;
    while (true) {
      Instant now = clock.instant();
      List<SmsOutboxRecord> batch =
          tx.run(
              () -> {
                outbox.markAbandoned(now);
                return outbox.claimDue(now, BATCH, instance, now.plus(LEASE));
              });
      if (batch.isEmpty()) {
        return accepted;
      }
      for (SmsOutboxRecord row : batch) {
        if (sendOne(row)) {
          accepted++;
        }
      }
    }
  }

  private boolean sendOne(SmsOutboxRecord row) {
    // A sign-in code past its time is useless and confusing: it is not sent, and the sign-in
    // page has the resident ask for a new one.
    if ("otp".equals(row.getPurpose())
        && !clock.instant().isBefore(row.getCreatedAt().plus(otpTtl))) {
      outbox.markFailed(row.getId(), sender.name(), "expired before it could be sent");
      forgetIfSecret(row);
      count("failed", row);
      LOG.warn(
          "SMS {} ({}) not sent: the sign-in code expired first", row.getId(), row.getPurpose());
      return false;
    }
    SmsSender.Result result;
    try {
      result = sender.send(row.getToE164(), row.getBody());
    } catch (RuntimeException e) {
      result = new SmsSender.TryAgain(e.toString());
    }
    Instant now = clock.instant();
    if (result instanceof SmsSender.Accepted ok) {
      outbox.markSent(
          row.getId(),
          sender.name(),
          ok.providerId(),
          ok.providerStatus(),
          now,
          secret(row) ? SECRET_SENT : null);
      count("sent", row);
      return true;
    }
    if (result instanceof SmsSender.TryAgain again && row.getAttempts() < maxAttempts) {
      Duration backoff = firstBackoff.multipliedBy(1L << Math.min(row.getAttempts() - 1, 10));
      outbox.markRetry(row.getId(), sender.name(), again.error(), now.plus(backoff));
      count("retried", row);
      LOG.warn(
          "SMS {} ({}) not sent, trying again in {}: {}",
          row.getId(),
          row.getPurpose(),
          backoff,
          again.error());
      return false;
    }
    if (result instanceof SmsSender.Refused refused
        && Integer.valueOf(TWILIO_OPTED_OUT).equals(refused.providerCode())) {
      optOuts.optOut(row.getToE164(), "twilio-21610", now);
      outbox.markOptedOut(row.getId());
      return false;
    }
    String error =
        result instanceof SmsSender.TryAgain again
            ? again.error()
            : ((SmsSender.Refused) result).error();
    outbox.markFailed(row.getId(), sender.name(), error);
    forgetIfSecret(row);
    count("failed", row);
    LOG.warn("SMS {} ({}) failed for good: {}", row.getId(), row.getPurpose(), error);
    return false;
  }

  private void count(String outcome, SmsOutboxRecord row) {
    metrics.counter("onegrid.sms." + outcome, "purpose", row.getPurpose()).increment();
  }

  private boolean secret(SmsOutboxRecord row) {
    return !keepSecrets && SmsOutbox.SECRET_PURPOSES.contains(row.getPurpose());
  }

  private void forgetIfSecret(SmsOutboxRecord row) {
    if (secret(row)) {
      outbox.replaceBody(row.getId(), SECRET_SENT);
    }
  }
}
