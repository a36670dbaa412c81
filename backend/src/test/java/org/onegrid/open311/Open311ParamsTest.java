package org.onegrid.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How GeoReport parameters are read: what an app's query means, and what it is told when it is
 * wrong. No app.
 */
class Open311ParamsTest {

  private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");
  private static final Duration NINETY_DAYS = Duration.ofDays(90);

  private static Map<String, List<String>> query(String... pairs) {
    Map<String, List<String>> query = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      query.put(pairs[i], List.of(pairs[i + 1]));
    }
    return query;
  }

  private static int statusOf(Runnable call) {
    try {
      call.run();
    } catch (Open311Exception e) {
      return e.status();
    }
    throw new AssertionError("expected an Open311Exception");
  }

  @Test
  void anEmptyOrBlankParameterIsAbsentAndValuesAreTrimmed() {
    assertThat(Open311Params.one(query("service_code", "  sanitation "), "service_code"))
        .isEqualTo("sanitation");
    assertThat(Open311Params.one(query("service_code", "   "), "service_code")).isNull();
    assertThat(Open311Params.one(query(), "service_code")).isNull();
    assertThat(Open311Params.one(Map.of("service_code", List.of()), "service_code")).isNull();
  }

  @Test
  void aDateNeedsItsTimeZone() {
    assertThat(Open311Params.date(query("start_date", "2026-12-01T08:00:00+08:00"), "start_date"))
        .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThatThrownBy(
            () -> Open311Params.date(query("start_date", "2026-12-01T08:00:00"), "start_date"))
        .isInstanceOf(Open311Exception.class)
        .hasMessageContaining("start_date must be a w3 datetime with a time zone");
    assertThat(statusOf(() -> Open311Params.date(query("end_date", "yesterday"), "end_date")))
        .isEqualTo(400);
  }

  @Test
  void withoutDatesTheWindowIsTheLastStretchBeforeNow() {
    Open311Params.Window window = Open311Params.window(query(), NOW, NINETY_DAYS, NINETY_DAYS);
    assertThat(window.end()).isEqualTo(NOW);
    assertThat(window.start()).isEqualTo(NOW.minus(NINETY_DAYS));
  }

  @Test
  void withOneDateTheWindowRunsFromOrToIt() {
    Instant day = Instant.parse("2026-10-01T00:00:00Z");
    Open311Params.Window from =
        Open311Params.window(
            query("start_date", "2026-10-01T00:00:00Z"), NOW, Duration.ofDays(7), NINETY_DAYS);
    assertThat(from.start()).isEqualTo(day);
    assertThat(from.end()).isEqualTo(day.plus(Duration.ofDays(7)));
    Open311Params.Window to =
        Open311Params.window(
            query("end_date", "2026-10-01T00:00:00Z"), NOW, Duration.ofDays(7), NINETY_DAYS);
    assertThat(to.end()).isEqualTo(day);
    assertThat(to.start()).isEqualTo(day.minus(Duration.ofDays(7)));
  }

  @Test
  void aBackwardOrTooLongWindowIsRefusedWithWhatIsAllowed() {
    assertThatThrownBy(
            () ->
                Open311Params.window(
                    query("start_date", "2026-10-02T00:00:00Z", "end_date", "2026-10-01T00:00:00Z"),
                    NOW,
                    NINETY_DAYS,
                    NINETY_DAYS))
        .isInstanceOf(Open311Exception.class)
        .hasMessage("start_date must be before end_date");
    assertThatThrownBy(
            () ->
                Open311Params.window(
                    query("start_date", "2026-01-01T00:00:00Z", "end_date", "2026-12-01T00:00:00Z"),
                    NOW,
                    NINETY_DAYS,
                    NINETY_DAYS))
        .isInstanceOf(Open311Exception.class)
        .hasMessage("start_date and end_date may not span more than 90 days");
  }

  @Test
  void anIdThatIsNotANumberIsNotFoundRatherThanBad() {
    assertThat(Open311Params.parseId("12345")).isEqualTo(12345L);
    assertThat(statusOf(() -> Open311Params.parseId("abc"))).isEqualTo(404);
  }

  @Test
  void datesAreWrittenInTheCitysZoneToTheSecond() {
    assertThat(
            Open311Params.w3(Instant.parse("2026-12-01T00:00:00.987Z"), ZoneId.of("Asia/Shanghai")))
        .isEqualTo("2026-12-01T08:00:00+08:00");
  }

  @Test
  void longTextIsCutToWhatTheColumnHolds() {
    assertThat(Open311Params.cut("垃圾清运不及时", 4)).isEqualTo("垃圾清运");
    assertThat(Open311Params.cut("ok", 4)).isEqualTo("ok");
    assertThat(Open311Params.cut(null, 4)).isNull();
  }
}
