package org.onegrid.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A kept answer is given until it is old, then still given once while the new one is computed. */
class RecentTest {

  private Instant now = Instant.parse("2026-11-30T02:00:00Z");

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void anOldAnswerIsGivenWhileTheNewOneIsComputedInTheBackground() {
    List<Runnable> background = new ArrayList<>();
    Recent<String, Integer> recent =
        new Recent<>(clock, Duration.ofSeconds(30), 10, background::add);
    AtomicInteger computed = new AtomicInteger();

    assertThat(recent.get("city", computed::incrementAndGet)).isEqualTo(1);
    now = now.plusSeconds(29);
    assertThat(recent.get("city", computed::incrementAndGet)).isEqualTo(1);
    assertThat(background).isEmpty();

    now = now.plusSeconds(2);
    assertThat(recent.get("city", computed::incrementAndGet)).isEqualTo(1);
    assertThat(recent.get("city", computed::incrementAndGet)).isEqualTo(1);
    // One refresh for however many asked while it was old.
    assertThat(background).hasSize(1);
    background.get(0).run();
    assertThat(recent.get("city", computed::incrementAndGet)).isEqualTo(2);
    assertThat(computed).hasValue(2);
  }

  @Test
  void keepingForNoTimeComputesEveryTime() {
    Recent<String, Integer> recent = new Recent<>(clock, Duration.ZERO, 10, Runnable::run);
    AtomicInteger computed = new AtomicInteger();
    recent.get("x", computed::incrementAndGet);
    recent.get("x", computed::incrementAndGet);
    assertThat(computed).hasValue(2);
  }
}
