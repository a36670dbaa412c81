package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * An instance is not ready until warm; the warm-up ends by its rounds or its time, failing or not.
 */
class WarmUpTest {

  private final TestClock clock = new TestClock();
  private final MeterRegistry metrics = new SimpleMeterRegistry();

  @Test
  void notReadyUntilTheRoundsAreDoneThenReady() {
    List<Integer> rounds = new ArrayList<>();
    WarmUp warmUp = new WarmUp(List.of(rounds::add), clock, metrics, 5, Duration.ofSeconds(2), 0);

    assertThat(status(warmUp)).isEqualTo(HealthStatus.DOWN);
    warmUp.run();

    assertThat(rounds).containsExactly(0, 1, 2, 3, 4);
    assertThat(status(warmUp)).isEqualTo(HealthStatus.UP);
  }

  @Test
  void endsWhenItsTimeIsUpEvenWithRoundsLeft() {
    List<Integer> rounds = new ArrayList<>();
    WarmUpTask slow =
        round -> {
          rounds.add(round);
          clock.advance(Duration.ofMillis(900));
        };
    WarmUp warmUp = new WarmUp(List.of(slow), clock, metrics, 300, Duration.ofSeconds(2), 0);
    assertThat(metric("onegrid.warm.up.seconds")).isZero();

    warmUp.run();

    assertThat(rounds).containsExactly(0, 1, 2);
    assertThat(status(warmUp)).isEqualTo(HealthStatus.UP);
    // What an operator reads on /prometheus: how long it took and how far it got.
    // The test clock is real time plus what the rounds advanced it: 2.7 s and the rounds' own few
    // milliseconds (a fourth round would make it 3.6, stopping at the deadline alone 2.0).
    assertThat(metric("onegrid.warm.up.seconds")).isGreaterThanOrEqualTo(2.7).isLessThan(3.0);
    assertThat(metric("onegrid.warm.up.rounds")).isEqualTo(3);
    assertThat(metric("onegrid.warm.up.failures")).isZero();
  }

  @Test
  void endsOnceTheRoundsStopGettingFaster() {
    // The rounds take 800, 400, 200 and 100 ms as the JIT compiles them, then 100 ms each.
    List<Integer> rounds = new ArrayList<>();
    long[] compiling = {800, 400, 200};
    WarmUpTask task =
        round -> {
          rounds.add(round);
          clock.advance(Duration.ofMillis(round < compiling.length ? compiling[round] : 100));
        };
    WarmUp warmUp = new WarmUp(List.of(task), clock, metrics, 300, Duration.ofSeconds(10), 3);

    warmUp.run();

    // Warm after three rounds in a row none of them a tenth faster than 100 ms: 1.8 s, not 10.
    assertThat(rounds).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(status(warmUp)).isEqualTo(HealthStatus.UP);
    assertThat(metric("onegrid.warm.up.seconds")).isEqualTo(1.8);
    assertThat(metric("onegrid.warm.up.rounds")).isEqualTo(7);
  }

  @Test
  void aFailingTaskDoesNotStopTheOthersNorKeepTheInstanceUnready() {
    List<Integer> rounds = new ArrayList<>();
    WarmUpTask failing =
        round -> {
          throw new IllegalStateException("the database is not there yet");
        };
    WarmUp warmUp =
        new WarmUp(List.of(failing, rounds::add), clock, metrics, 3, Duration.ofSeconds(2), 0);

    warmUp.run();

    assertThat(rounds).containsExactly(0, 1, 2);
    assertThat(status(warmUp)).isEqualTo(HealthStatus.UP);
    assertThat(metric("onegrid.warm.up.failures")).isEqualTo(3);
  }

  private double metric(String name) {
    return metrics.get(name).gauge().value();
  }

  private static HealthStatus status(WarmUp warmUp) {
    AtomicReference<HealthResult> result = new AtomicReference<>();
    warmUp
        .getResult()
        .subscribe(
            new Subscriber<>() {
              @Override
              public void onSubscribe(Subscription s) {
                s.request(1);
              }

              @Override
              public void onNext(HealthResult r) {
                result.set(r);
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onComplete() {}
            });
    return result.get().getStatus();
  }
}
