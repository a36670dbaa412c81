package org.onegrid.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The duty rotation's arithmetic: whose turn each shift is, however the shifts are written ahead.
 * No database.
 */
class RotationTest {

  private static final Instant FIRST = Instant.parse("2026-12-01T00:00:00Z");
  private static final Rotation TWELVE_HOURS =
      new Rotation(FIRST, Duration.ofHours(12), List.of(1L, 2L, 3L));

  private static Instant h(int hours) {
    return FIRST.plus(Duration.ofHours(hours));
  }

  @Test
  void membersTakeTurnsInTheirOrderAndEachShiftEndsWhereTheNextBegins() {
    Rotation.Batch batch = TWELVE_HOURS.turns(h(0), h(72));
    assertThat(batch.turns())
        .extracting(Rotation.Turn::accountId)
        .containsExactly(1L, 2L, 3L, 1L, 2L, 3L);
    for (int i = 1; i < batch.turns().size(); i++) {
      assertThat(batch.turns().get(i).startsAt()).isEqualTo(batch.turns().get(i - 1).endsAt());
    }
    assertThat(batch.next()).isEqualTo(h(72));
  }

  @Test
  void writingAheadInBatchesGivesTheSameRosterAsWritingItAtOnce() {
    List<Rotation.Turn> inBatches = new ArrayList<>();
    Instant from = h(0);
    for (Instant until : List.of(h(5), h(30), h(31), h(72))) {
      Rotation.Batch batch = TWELVE_HOURS.turns(from, until);
      inBatches.addAll(batch.turns());
      from = batch.next();
    }
    assertThat(inBatches).isEqualTo(TWELVE_HOURS.turns(h(0), h(72)).turns());
  }

  @Test
  void aBatchStartingLaterContinuesTheCountFromTheFirstStart() {
    // Day 3, morning: the seventh shift since the first start, so member 1's again; then member 2.
    assertThat(TWELVE_HOURS.turns(h(72), h(96)).turns())
        .containsExactly(new Rotation.Turn(h(72), h(84), 1L), new Rotation.Turn(h(84), h(96), 2L));
  }

  @Test
  void theShiftRunningNowIsWhereANewRotationStartsWriting() {
    assertThat(TWELVE_HOURS.startCovering(h(-5))).isEqualTo(FIRST);
    assertThat(TWELVE_HOURS.startCovering(h(0))).isEqualTo(FIRST);
    assertThat(TWELVE_HOURS.startCovering(h(13).plusSeconds(600))).isEqualTo(h(12));
  }

  @Test
  void withoutMembersNothingIsWrittenButTheBatchStillMovesOn() {
    Rotation nobody = new Rotation(FIRST, Duration.ofHours(8), List.of());
    Rotation.Batch batch = nobody.turns(h(0), h(24));
    assertThat(batch.turns()).isEmpty();
    assertThat(batch.next()).isEqualTo(h(24));
    assertThatThrownBy(() -> new Rotation(FIRST, Duration.ZERO, List.of(1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
