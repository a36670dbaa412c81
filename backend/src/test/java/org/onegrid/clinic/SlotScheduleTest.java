package org.onegrid.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which slots a service offers, as a resident sees them on the booking page. */
class SlotScheduleTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  // Monday 30 November 2026 … Sunday 6 December.
  private static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);

  private static Instant at(LocalDate day, int hour, int minute, ZoneId zone) {
    return ZonedDateTime.of(day, LocalTime.of(hour, minute), zone).toInstant();
  }

  private static ClinicRepository.Hours hours(int weekday, String opens, String closes) {
    return new ClinicRepository.Hours(weekday, LocalTime.parse(opens), LocalTime.parse(closes));
  }

  @Test
  void aMorningOfHalfHourSlotsEndsWithTheLastSlotThatFitsBeforeClosing() {
    List<Instant> starts =
        SlotSchedule.starts(
            MONDAY,
            MONDAY.plusDays(6),
            at(MONDAY, 0, 0, SHANGHAI),
            Set.of(),
            List.of(hours(6, "08:30", "10:15")),
            30,
            SHANGHAI);
    LocalDate saturday = MONDAY.plusDays(5);
    assertThat(starts)
        .containsExactly(
            at(saturday, 8, 30, SHANGHAI),
            at(saturday, 9, 0, SHANGHAI),
            at(saturday, 9, 30, SHANGHAI));
  }

  @Test
  void closedDaysAndSlotsInsideTheNoticeAreNotOffered() {
    List<Instant> starts =
        SlotSchedule.starts(
            MONDAY,
            MONDAY.plusDays(2),
            at(MONDAY, 9, 1, SHANGHAI),
            Set.of(MONDAY.plusDays(1)),
            List.of(
                hours(1, "09:00", "10:00"), hours(2, "09:00", "10:00"), hours(3, "09:00", "10:00")),
            60,
            SHANGHAI);
    // Monday 9:00 is already past the notice, Tuesday is closed: Wednesday alone.
    assertThat(starts).containsExactly(at(MONDAY.plusDays(2), 9, 0, SHANGHAI));
  }

  @Test
  void twoPeriodsOfADayComeOutInTimeOrder() {
    List<Instant> starts =
        SlotSchedule.starts(
            MONDAY,
            MONDAY,
            at(MONDAY, 0, 0, SHANGHAI),
            Set.of(),
            List.of(hours(1, "14:00", "15:00"), hours(1, "08:00", "09:00")),
            60,
            SHANGHAI);
    assertThat(starts).containsExactly(at(MONDAY, 8, 0, SHANGHAI), at(MONDAY, 14, 0, SHANGHAI));
  }

  @Test
  void aSlotIsItsLocalTimeEvenOnTheDayClocksChange() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    LocalDate change = LocalDate.of(2026, 3, 29); // a Sunday: 2:00 becomes 3:00
    List<Instant> starts =
        SlotSchedule.starts(
            change,
            change,
            at(change, 0, 0, berlin),
            Set.of(),
            List.of(hours(7, "09:00", "10:00")),
            60,
            berlin);
    assertThat(starts).containsExactly(Instant.parse("2026-03-29T07:00:00Z"));
  }

  @Test
  void slotsThatWouldRunPastMidnightAreNotOffered() {
    assertThat(
            SlotSchedule.starts(
                MONDAY,
                MONDAY,
                at(MONDAY, 0, 0, SHANGHAI),
                Set.of(),
                List.of(hours(1, "22:00", "23:59")),
                60,
                SHANGHAI))
        .containsExactly(at(MONDAY, 22, 0, SHANGHAI));
    assertThat(
            SlotSchedule.starts(
                MONDAY,
                MONDAY,
                at(MONDAY, 0, 0, SHANGHAI),
                Set.of(),
                List.of(hours(1, "23:30", "00:30")),
                30,
                SHANGHAI))
        .isEmpty();
  }
}
