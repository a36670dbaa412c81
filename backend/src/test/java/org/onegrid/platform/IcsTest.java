package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Calendar files a phone accepts: long Chinese lines folded at 75 octets, never inside a character.
 */
class IcsTest {

  @Test
  void longLinesAreFoldedAt75OctetsWithoutSplittingACharacter() {
    String title = "民主路社区太极拳队周六晨练（社区中心广场东侧，请穿运动鞋，自带水杯，雨天改在二楼活动室）";
    String ics =
        Ics.event(
            "a1",
            Instant.parse("2026-11-30T00:00:00Z"),
            Instant.parse("2026-12-05T00:00:00Z"),
            Instant.parse("2026-12-05T01:00:00Z"),
            title,
            "社区中心广场",
            "x".repeat(200));
    for (String line : ics.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
    }
    // Unfolding (a CRLF followed by a space is removed) gives the summary back whole.
    assertThat(ics.replace("\r\n ", "")).contains("SUMMARY:" + title);
    assertThat(ics).endsWith("END:VCALENDAR\r\n");
  }
}
