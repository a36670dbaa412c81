package org.onegrid.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
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
import org.onegrid.platform.DemoMode;
import org.onegrid.platform.OneGridConfig;
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
  private final SmsSender sender;
  private final PushChannel push;
  private final Tx tx;
  private final Clock clock;
  private final Settings settings;
  private final SendResults results;
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
    this.sender = sender;
    this.push = push;
    this.tx = tx;
    this.clock = clock;
    this.settings = settings;
    this.results = new SendResults(outbox, optOuts, sender, clock, settings, metrics);
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

  @Inject
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
      Environment environment,
      OneGridConfig.Otp otp,
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
            DemoMode.inbox(environment),
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
    // An interrupt already pending on the closing thread must not cut the wait short: the sends in
    // flight would then find the database closed and leave their rows to the lease.
    boolean interrupted = Thread.interrupted();
    try {
      if (!senders.awaitTermination(settings.lease().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("SMS sends still in flight at shutdown; their leases will settle them");
      }
    } catch (InterruptedException e) {
      LOG.warn(
          "SMS dispatcher interrupted while its sends finished; their leases will settle them");
      interrupted = true;
    }
    try {
      int returned = outbox.returnUnsent(instance);
      LOG.info("SMS dispatcher stopped; {} claimed texts given back to the queue", returned);
    } catch (RuntimeException e) {
      LOG.warn("SMS dispatcher could not give back its claimed texts; their leases will", e);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
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
    SendResults.Outcome outcome;
    String detail;
    if (row.getHandedAt() != null) {
      Instant since = row.getHandedAt().minus(CLOCK_SKEW);
      SmsSender.Lookup found =
          isCall(row)
              ? sender.findCall(row.getToE164(), since)
              : sender.find(row.getToE164(), row.getBody(), since);
      detail = found instanceof SmsSender.CannotAsk cannot ? cannot.error() : "";
      outcome = tx.runAlone(() -> results.settle(row, found));
    } else if (results.expiredCode(row)) {
      // A sign-in code past its time is useless and confusing: it is not sent, and the sign-in
      // page has the resident ask for a new one.
      detail = "the sign-in code expired before it could be sent";
      outcome = tx.runAlone(() -> results.fail(row, detail));
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
      detail = SendResults.error(answer);
      outcome = tx.runAlone(() -> results.record(row, answer, row.getAttempts() + 1));
    }
    results.report(row, outcome, detail);
    return outcome == SendResults.Outcome.SENT || outcome == SendResults.Outcome.RECONCILED;
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
    SendResults.Outcome outcome = tx.runAlone(() -> results.recordPush(row, answer));
    results.report(row, outcome, answer.toString());
    return outcome == SendResults.Outcome.SENT;
  }

  /** Records that the row is about to reach the provider; false when stopping or no longer ours. */
  private boolean handOver(SmsOutboxRecord row) {
    Instant handedAt = clock.instant();
    return running
        && tx.run(
            () ->
                outbox.handOver(row.getId(), instance, handedAt, handedAt.plus(settings.lease())));
  }

  private static boolean isPush(SmsOutboxRecord row) {
    return OutboxRepository.PUSH.equals(row.getChannel());
  }

  private static boolean isCall(SmsOutboxRecord row) {
    return OutboxRepository.VOICE.equals(row.getChannel());
  }
}
