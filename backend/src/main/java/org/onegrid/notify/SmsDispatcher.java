package org.onegrid.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.onegrid.db.tables.records.SmsOutboxRecord;
import org.onegrid.platform.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds, a few messages at a time.
 *
 * <p>A row is claimed for a short lease just before it is sent (SKIP LOCKED, so any number of
 * instances share one outbox), and "handed to the provider" is recorded as a moment of its own. A
 * row whose lease ran out goes back to the queue if it was never handed over; one handed over with
 * no answer (a timeout, a reset connection, a gateway error) is settled by asking the provider
 * whether it holds the message, never by guessing. On shutdown the dispatcher stops claiming, lets
 * what is in flight finish and gives back what it holds, before the database goes.
 */
@Singleton
@Requires(property = "onegrid.sms.dispatcher.enabled", notEquals = "false")
public class SmsDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(SmsDispatcher.class);

  /** Twilio's error for a recipient who replied STOP to this sender. */
  static final int TWILIO_OPTED_OUT = 21610;

  /** How far the provider's clock may be behind ours when asking it about a message. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

  /** What is left of a secret text once it was sent. */
  static final String SECRET_SENT = "(已发送；含验证码或密码，发送后不保留内容)";

  private final OutboxRepository outbox;
  private final OptOutRepository optOuts;
  private final SmsSender sender;
  private final PushChannel push;
  private final Tx tx;
  private final Clock clock;
  private final Settings settings;
  private final MeterRegistry metrics;
  private final String instance;
  private final ExecutorService senders;
  private final Semaphore slots;
  private final Object claiming = new Object();
  private volatile boolean running = true;

  /**
   * How the dispatcher sends.
   *
   * @param maxAttempts attempts before a text fails for good
   * @param firstBackoff wait before the second attempt (doubling after), and before asking the
   *     provider about an attempt that got no answer
   * @param concurrency sends in flight at once
   * @param lease how long a claim holds; longer than a send and a lookup together
   * @param keepSecrets whether texts that carry a secret (sign-in codes, temporary passwords) stay
   *     readable once sent: only in demo mode with the log provider, where the demo inbox is the
   *     phone
   * @param otpTtl how long a sign-in code is valid: one older is not sent
   */
  record Settings(
      int maxAttempts,
      Duration firstBackoff,
      int concurrency,
      Duration lease,
      boolean keepSecrets,
      Duration otpTtl) {}

  SmsDispatcher(
      OutboxRepository outbox,
      OptOutRepository optOuts,
      SmsSender sender,
      PushChannel push,
      Tx tx,
      Clock clock,
      Settings settings,
      MeterRegistry metrics) {
    this.outbox = outbox;
    this.optOuts = optOuts;
    this.sender = sender;
    this.push = push;
    this.tx = tx;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
    this.instance =
        ManagementFactory.getRuntimeMXBean().getName()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    this.slots = new Semaphore(settings.concurrency());
    AtomicInteger threads = new AtomicInteger();
    this.senders =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            task -> {
              Thread thread = new Thread(task, "sms-send-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @jakarta.inject.Inject
  SmsDispatcher(
      OutboxRepository outbox,
      OptOutRepository optOuts,
      SmsSender sender,
      PushChannel push,
      Tx tx,
      Clock clock,
      @Value("${onegrid.sms.max-attempts:6}") int maxAttempts,
      @Value("${onegrid.sms.first-backoff:10s}") Duration firstBackoff,
      @Value("${onegrid.sms.concurrency:4}") int concurrency,
      @Value("${onegrid.sms.lease:40s}") Duration lease,
      io.micronaut.context.env.Environment environment,
      org.onegrid.platform.OneGridConfig.Otp otp,
      MeterRegistry metrics) {
    this(
        outbox,
        optOuts,
        sender,
        push,
        tx,
        clock,
        new Settings(
            maxAttempts,
            firstBackoff,
            Math.max(1, concurrency),
            lease,
            org.onegrid.platform.DemoMode.inbox(environment),
            otp.getTtl()),
        metrics);
  }

  @Scheduled(fixedDelay = "${onegrid.sms.dispatch-interval:1s}", initialDelay = "2s")
  void tick() {
    try {
      claimAndSend(false);
    } catch (RuntimeException e) {
      LOG.warn("SMS dispatch round failed; will try again", e);
    }
  }

  /** Sends every due message and waits for the answers; returns how many the provider accepted. */
  public int dispatchDue() {
    return claimAndSend(true);
  }

  /**
   * Claims due rows as send slots come free and hands each to a sender thread, until nothing is
   * due. A slow request holds one slot, not the queue.
   */
  private int claimAndSend(boolean waitForAnswers) {
    AtomicInteger accepted = new AtomicInteger();
    List<Future<?>> inFlight = new ArrayList<>();
    try {
      while (true) {
        slots.acquire();
        int free = 1 + slots.drainPermits();
        List<SmsOutboxRecord> rows;
        synchronized (claiming) {
          if (!running) {
            slots.release(free);
            break;
          }
          try {
            Instant now = clock.instant();
            rows =
                tx.runAlone(
                    () -> {
                      outbox.releaseExpired(now);
                      return outbox.claimDue(now, free, instance, now.plus(settings.lease()));
                    });
          } catch (RuntimeException e) {
            slots.release(free);
            throw e;
          }
          slots.release(free - rows.size());
          for (SmsOutboxRecord row : rows) {
            inFlight.add(
                senders.submit(
                    () -> {
                      try {
                        if (sendOne(row)) {
                          accepted.incrementAndGet();
                        }
                      } catch (RuntimeException e) {
                        LOG.warn(
                            "SMS {} could not be recorded; its lease will settle it",
                            row.getId(),
                            e);
                      } finally {
                        slots.release();
                      }
                    }));
          }
        }
        if (rows.isEmpty()) {
          break;
        }
      }
      if (waitForAnswers) {
        for (Future<?> send : inFlight) {
          send.get();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    return accepted.get();
  }

  /**
   * Stops claiming, lets the sends in flight finish (up to one lease), and gives back what was
   * claimed and never handed to the provider. Runs before the database is closed: this bean needs
   * it, so it is destroyed first.
   */
  @PreDestroy
  void stop() {
    synchronized (claiming) {
      running = false;
    }
    senders.shutdown();
    try {
      if (!senders.awaitTermination(settings.lease().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("SMS sends still in flight at shutdown; their leases will settle them");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      int returned = outbox.returnUnsent(instance);
      LOG.info("SMS dispatcher stopped; {} claimed texts given back to the queue", returned);
    } catch (RuntimeException e) {
      LOG.warn("SMS dispatcher could not give back its claimed texts; their leases will", e);
    }
  }

  /** What became of one row after an attempt or a lookup. */
  private enum Outcome {
    SENT,
    RECONCILED,
    RETRIED,
    UNKNOWN,
    FAILED,
    OPTED_OUT,
    AS_TEXT
  }

  /**
   * Sends (or, if it was handed over before with no answer, settles) one claimed row. Calls to the
   * provider happen outside any transaction; what they answered is recorded in one (retried on a
   * deadlock with another instance).
   */
  private boolean sendOne(SmsOutboxRecord row) {
    if (isPush(row)) {
      return pushOne(row);
    }
    Outcome outcome;
    String detail;
    if (row.getHandedAt() != null) {
      Instant since = row.getHandedAt().minus(CLOCK_SKEW);
      SmsSender.Lookup found =
          isCall(row)
              ? sender.findCall(row.getToE164(), since)
              : sender.find(row.getToE164(), row.getBody(), since);
      detail = found instanceof SmsSender.CannotAsk cannot ? cannot.error() : "";
      outcome = tx.runAlone(() -> settle(row, found));
    } else if (expiredCode(row)) {
      // A sign-in code past its time is useless and confusing: it is not sent, and the sign-in
      // page has the resident ask for a new one.
      detail = "the sign-in code expired before it could be sent";
      outcome = tx.runAlone(() -> fail(row, detail));
    } else {
      if (!handOver(row)) {
        return false; // stopping, or no longer ours: given back, never half-sent
      }
      SmsSender.Result result;
      try {
        result =
            isCall(row)
                ? sender.call(row.getToE164(), row.getBody())
                : sender.send(row.getToE164(), row.getBody());
      } catch (RuntimeException e) {
        result = new SmsSender.TryAgain(e.toString());
      }
      SmsSender.Result answer = result;
      detail = error(answer);
      outcome = tx.runAlone(() -> record(row, answer, row.getAttempts() + 1));
    }
    report(row, outcome, detail);
    return outcome == Outcome.SENT || outcome == Outcome.RECONCILED;
  }

  /**
   * Sends one push message. A push message carries its id as its Topic, so one handed over before
   * with no answer is simply sent again: the push service replaces the first if it has it. When no
   * browser takes it, or the push service keeps failing or refuses it, it becomes a text.
   */
  private boolean pushOne(SmsOutboxRecord row) {
    if (!handOver(row)) {
      return false;
    }
    PushChannel.Delivery delivery;
    try {
      delivery = push.deliver(row.getToE164(), row.getBody(), row.getLink(), row.getId());
    } catch (RuntimeException e) {
      delivery = new PushChannel.TryAgain(e.toString(), null);
    }
    PushChannel.Delivery answer = delivery;
    Outcome outcome = tx.runAlone(() -> recordPush(row, answer));
    report(row, outcome, answer.toString());
    return outcome == Outcome.SENT;
  }

  /** Records that the row is about to reach the provider; false when stopping or no longer ours. */
  private boolean handOver(SmsOutboxRecord row) {
    Instant handedAt = clock.instant();
    return running
        && tx.run(
            () ->
                outbox.handOver(row.getId(), instance, handedAt, handedAt.plus(settings.lease())));
  }

  private Outcome recordPush(SmsOutboxRecord row, PushChannel.Delivery delivery) {
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

  private Outcome record(SmsOutboxRecord row, SmsSender.Result result, int attempts) {
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
        && Integer.valueOf(TWILIO_OPTED_OUT).equals(refused.providerCode())) {
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
  private Outcome settle(SmsOutboxRecord row, SmsSender.Lookup found) {
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

  private Outcome fail(SmsOutboxRecord row, String error) {
    outbox.markFailed(row.getId(), sender.name(), error);
    forgetIfSecret(row);
    return Outcome.FAILED;
  }

  private static String error(SmsSender.Result result) {
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
  private void report(SmsOutboxRecord row, Outcome outcome, String detail) {
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
        secret(row) ? SECRET_SENT : null);
  }

  private static boolean isPush(SmsOutboxRecord row) {
    return OutboxRepository.PUSH.equals(row.getChannel());
  }

  private static boolean isCall(SmsOutboxRecord row) {
    return OutboxRepository.VOICE.equals(row.getChannel());
  }

  private boolean expiredCode(SmsOutboxRecord row) {
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
      outbox.replaceBody(row.getId(), SECRET_SENT);
    }
  }
}
