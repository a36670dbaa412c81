package org.onegrid.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance says it is ready only once it is warm: right after start {@code /health} answers 503
 * (DOWN) while the features' {@link WarmUpTask}s run their busiest reads over and over on real
 * rows, so that the JIT has compiled them and the database's pool and pages are in use before a
 * load balancer sends people. Without it the first people after a restart paid for a JVM that had
 * compiled nothing: my problems' p99 at 50 users was 621 ms right after a restart, 9 ms warm
 * (docs/benchmark.md). Ends after {@code onegrid.warm-up.rounds} rounds or {@code
 * onegrid.warm-up.time}, whichever comes first, or sooner once it is warm: when {@code
 * onegrid.warm-up.steady-rounds} rounds in a row were none of them a tenth faster than the fastest
 * before them (the JIT has compiled what the rounds run; 0 turns this off). {@code
 * onegrid.warm-up.enabled=false} turns it off. How long it took, its rounds and its failures are
 * metrics ({@code onegrid_warm_up_*}), so that a warm-up that grows, or fails, shows between
 * restarts.
 */
@Singleton
@Requires(property = "onegrid.warm-up.enabled", notEquals = "false")
final class WarmUp implements HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

  private final List<WarmUpTask> tasks;
  private final int rounds;
  private final Duration time;
  private final int steadyRounds;
  private final Clock clock;
  private volatile boolean warm;
  private volatile long tookMillis;
  private volatile int roundsDone;
  private volatile int failed;

  WarmUp(
      List<WarmUpTask> tasks,
      Clock clock,
      MeterRegistry registry,
      @Value("${onegrid.warm-up.rounds:300}") int rounds,
      @Value("${onegrid.warm-up.time:3s}") Duration time,
      @Value("${onegrid.warm-up.steady-rounds:5}") int steadyRounds) {
    this.tasks = tasks;
    this.rounds = rounds;
    this.time = time;
    this.steadyRounds = steadyRounds;
    this.clock = clock;
    Gauge.builder("onegrid.warm.up.seconds", this, w -> w.tookMillis / 1000.0)
        .description("how long the warm-up after this instance's start took (0 while it runs)")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("onegrid.warm.up.rounds", this, w -> w.roundsDone)
        .description("rounds of the busiest reads the warm-up ran")
        .register(registry);
    Gauge.builder("onegrid.warm.up.failures", this, w -> w.failed)
        .description("warm-up reads that failed (the instance is ready regardless)")
        .register(registry);
  }

  @EventListener
  void atStart(ServerStartupEvent started) {
    Thread thread = new Thread(this::run, "warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs the rounds; whatever happens, the instance is ready afterwards. */
  void run() {
    Instant began = clock.instant();
    Instant deadline = began.plus(time);
    int done = 0;
    int failures = 0;
    Duration first = Duration.ZERO;
    Steadiness steadiness = new Steadiness(steadyRounds);
    try {
      rounds:
      for (; done < rounds; done++) {
        Instant roundBegan = clock.instant();
        for (WarmUpTask task : tasks) {
          if (clock.instant().isAfter(deadline)) {
            break rounds;
          }
          try {
            task.run(done);
          } catch (Exception e) {
            if (failures++ == 0) {
              LOG.warn(
                  "Warming up: {} failed (the rounds go on)", task.getClass().getSimpleName(), e);
            }
          }
        }
        Duration took = Duration.between(roundBegan, clock.instant());
        if (done == 0) {
          first = took;
        }
        if (steadiness.steadyAfter(took)) {
          done++;
          break;
        }
      }
    } finally {
      tookMillis = Math.max(1, Duration.between(began, clock.instant()).toMillis());
      roundsDone = done;
      failed = failures;
      warm = true;
    }
    LOG.info(
        "Warmed up in {} ms: {} rounds of {} tasks (the first {} ms), {} failed",
        Duration.between(began, clock.instant()).toMillis(),
        done,
        tasks.size(),
        first.toMillis(),
        failures);
  }

  boolean warm() {
    return warm;
  }

  /**
   * Whether rounds have stopped getting faster: {@code needed} rounds in a row none of which was a
   * tenth faster than the fastest before it.
   */
  static final class Steadiness {

    private final int needed;
    private long fastestNanos = Long.MAX_VALUE;
    private int inARow;

    Steadiness(int needed) {
      this.needed = needed;
    }

    boolean steadyAfter(Duration round) {
      long nanos = round.toNanos();
      if (fastestNanos == Long.MAX_VALUE || nanos < fastestNanos * 9 / 10) {
        inARow = 0;
      } else {
        inARow++;
      }
      fastestNanos = Math.min(fastestNanos, nanos);
      return needed > 0 && inARow >= needed;
    }
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.just(
        HealthResult.builder("warm-up", warm ? HealthStatus.UP : HealthStatus.DOWN).build());
  }
}
