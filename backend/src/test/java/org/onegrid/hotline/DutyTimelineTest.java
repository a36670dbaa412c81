package org.onegrid.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who is on duty when: overrides win over the rotation, gaps are found to the minute. */
class DutyTimelineTest {

  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  private static Instant h(int hours) {
    return T0.plusSeconds(hours * 3600L);
  }

  @Test
  void anOverrideWinsWhereItOverlapsAndTheRotationResumesAfter() {
    DutyTimeline t =
        new DutyTimeline(
            List.of(
                new DutyTimeline.Shift(1, h(0), h(12), 100, false),
                new DutyTimeline.Shift(2, h(12), h(24), 200, false),
                new DutyTimeline.Shift(3, h(10), h(14), 300, true)));
    assertThat(t.at(h(9))).contains(100L);
    assertThat(t.at(h(11))).contains(300L);
    assertThat(t.at(h(13))).contains(300L);
    assertThat(t.at(h(14))).contains(200L);
    assertThat(t.segments(h(0), h(24)))
        .extracting(DutyTimeline.Segment::accountId)
        .containsExactly(100L, 300L, 200L);
    assertThat(t.gaps(h(0), h(24))).isEmpty();
  }

  @Test
  void hoursWithNobodyOnDutyAreGaps() {
    DutyTimeline t =
        new DutyTimeline(
            List.of(
                new DutyTimeline.Shift(1, h(0), h(8), 100, false),
                new DutyTimeline.Shift(2, h(10), h(20), 200, false)));
    assertThat(t.gaps(h(0), h(24)))
        .containsExactly(
            new DutyTimeline.Segment(h(8), h(10), null),
            new DutyTimeline.Segment(h(20), h(24), null));
    assertThat(t.at(h(9))).isEmpty();
  }
}
