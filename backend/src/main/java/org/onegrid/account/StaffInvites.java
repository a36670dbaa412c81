package org.onegrid.account;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.onegrid.grid.GridService;
import org.onegrid.notify.SmsOutbox;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Texts imported staff their invitation: a temporary password, set and texted once, never in the
 * import itself. A password takes about a third of a second of one core to hash (PBKDF2, 600,000
 * rounds), so each run keeps inviting, a batch at a time hashed on {@code threads} cores (half the
 * machine's by default, the rest serving requests), until none are waiting or the run has lasted
 * {@code round}; the next run goes on. The claim of each invitation is a conditional update, so two
 * instances never text one person twice and together invite faster. How many are waiting is the
 * metric {@code onegrid_staff_invites_waiting}.
 */
// Made at start-up, not at first use: its gauges are in the metrics from the first scrape.
@Context
class StaffInvites {

  private static final Logger LOG = LoggerFactory.getLogger(StaffInvites.class);

  private final AccountRepository accounts;
  private final AuthService auth;
  private final PasswordHasher passwords;
  private final SmsOutbox sms;
  private final Messages messages;
  private final GridService grids;
  private final Tx tx;
  private final Clock clock;
  private final ExecutorService hashers;
  private final int batch;
  private final Duration round;

  StaffInvites(
      AccountRepository accounts,
      AuthService auth,
      PasswordHasher passwords,
      SmsOutbox sms,
      Messages messages,
      GridService grids,
      Tx tx,
      Clock clock,
      MeterRegistry metrics,
      @Value("${onegrid.staff-invites.threads:0}") int threads,
      @Value("${onegrid.staff-invites.round:8s}") Duration round) {
    this.accounts = accounts;
    this.auth = auth;
    this.passwords = passwords;
    this.sms = sms;
    this.messages = messages;
    this.grids = grids;
    this.tx = tx;
    this.clock = clock;
    int n = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    AtomicInteger count = new AtomicInteger();
    this.hashers =
        Executors.newFixedThreadPool(
            n,
            r -> {
              Thread t = new Thread(r, "staff-invite-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.batch = 10 * n;
    this.round = round;
    Gauge.builder("onegrid.staff.invites.waiting", accounts, AccountRepository::countInvitesDue)
        .description("imported staff not yet texted their invitation")
        .register(metrics);
  }

  @Scheduled(fixedDelay = "${onegrid.staff-invites.interval:10s}", initialDelay = "5s")
  void sendDue() {
    // The time box is the machine's, not the business clock: it bounds how long a run works.
    long stop = System.nanoTime() + round.toNanos();
    try {
      List<Account> due;
      do {
        due = accounts.findInvitesDue(batch);
        inviteAll(due);
      } while (due.size() == batch && System.nanoTime() < stop);
    } catch (RuntimeException e) {
      LOG.warn("Staff invitations paused: {}", e.toString());
    }
  }

  private void inviteAll(List<Account> due) {
    List<Callable<Void>> work =
        due.stream()
            .<Callable<Void>>map(
                m ->
                    () -> {
                      invite(m);
                      return null;
                    })
            .toList();
    try {
      for (Future<Void> done : hashers.invokeAll(work)) {
        done.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  private void invite(Account member) {
    String temporary = auth.temporaryPassword();
    String hash = passwords.hash(temporary);
    var locale = messages.localeOf(member.locale());
    String place = member.nodeId() == null ? "" : grids.get(member.nodeId()).name();
    tx.run(
        () -> {
          if (accounts.claimInvite(member.id(), hash, clock.instant()) == 1) {
            sms.enqueue(
                member.phone(),
                messages.get(
                    locale,
                    "sms.staff-invite",
                    place,
                    messages.get(locale, "role." + member.role().name()),
                    temporary),
                "staff-invite");
          }
        });
  }

  @PreDestroy
  void stop() {
    hashers.shutdownNow();
  }
}
