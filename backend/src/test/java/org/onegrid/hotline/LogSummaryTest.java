package org.onegrid.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.onegrid.db.tables.records.HotlineContactsRecord;

/** The numbers an admin reads at the top of the hotline log, worked out without a database. */
class LogSummaryTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Instant T0 = Instant.parse("2026-12-01T00:30:00Z"); // 08:30 in Shanghai

  private static HotlineContactsRecord contact(
      String channel, String status, int minute, Integer answeredAfterS, Integer handledAfterM) {
    HotlineContactsRecord r = new HotlineContactsRecord();
    r.setChannel(channel);
    r.setStatus(status);
    r.setCreatedAt(T0.plusSeconds(minute * 60L));
    if (answeredAfterS != null) {
      r.setAnsweredAt(r.getCreatedAt().plusSeconds(answeredAfterS));
    }
    if (handledAfterM != null) {
      r.setHandledAt(r.getCreatedAt().plusSeconds(handledAfterM * 60L));
    }
    return r;
  }

  @Test
  void countsByChannelAndOutcomeWithMediansAndHoursInTheCitysZone() {
    HotlineService.Summary s =
        LogSummary.of(
            List.of(
                contact(ContactRepository.CALL, ContactRepository.ANSWERED, 0, 10, 5),
                contact(ContactRepository.CALL, ContactRepository.ANSWERED, 1, 30, null),
                contact(ContactRepository.CALL, ContactRepository.ANSWERED, 2, 20, null),
                contact(ContactRepository.CALL, ContactRepository.MISSED, 60, null, 15),
                contact(ContactRepository.CALL, ContactRepository.VOICEMAIL, 61, null, 45),
                contact(ContactRepository.SMS, ContactRepository.RECEIVED, 120, null, null),
                contact(ContactRepository.WEB, ContactRepository.RECEIVED, 121, null, null)),
            SHANGHAI);
    assertThat(s.calls()).isEqualTo(5);
    assertThat(s.answered()).isEqualTo(3);
    assertThat(s.medianSecondsToAnswer()).isEqualTo(20L);
    assertThat(s.missed()).isEqualTo(1);
    assertThat(s.voicemails()).isEqualTo(1);
    // Calling back counts only contacts nobody answered: 15 and 45 minutes, the upper middle.
    assertThat(s.medianMinutesToCallBack()).isEqualTo(45L);
    assertThat(s.texts()).isEqualTo(1);
    assertThat(s.messages()).isEqualTo(1);
    assertThat(s.byHour()).hasSize(24);
    assertThat(s.byHour().get(8)).isEqualTo(3);
    assertThat(s.byHour().get(9)).isEqualTo(2);
    assertThat(s.byHour().get(10)).isEqualTo(2);
    assertThat(s.byHour().stream().mapToInt(Integer::intValue).sum()).isEqualTo(7);
  }

  @Test
  void anEmptyWindowHasNoMedians() {
    HotlineService.Summary s = LogSummary.of(List.of(), SHANGHAI);
    assertThat(s.calls()).isZero();
    assertThat(s.medianSecondsToAnswer()).isNull();
    assertThat(s.medianMinutesToCallBack()).isNull();
  }
}
