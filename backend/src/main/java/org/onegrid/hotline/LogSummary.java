package org.onegrid.hotline;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.onegrid.db.tables.records.HotlineContactsRecord;

/** The numbers at the top of a community's hotline log, from its contacts. */
final class LogSummary {

  private LogSummary() {}

  /**
   * Counts and times over the log's window: calls and texts per hour of the day (in the city's
   * zone), how many calls were taken and how fast, missed calls, voicemails and how long until
   * someone called back. The median of an even count is the upper of the middle two.
   */
  static HotlineService.Summary of(List<HotlineContactsRecord> rows, ZoneId zone) {
    int[] byHour = new int[24];
    List<Long> answerSeconds = new ArrayList<>();
    List<Long> handledMinutes = new ArrayList<>();
    int calls = 0;
    int answered = 0;
    int missed = 0;
    int voicemails = 0;
    int texts = 0;
    int messages = 0;
    for (HotlineContactsRecord r : rows) {
      byHour[r.getCreatedAt().atZone(zone).getHour()]++;
      switch (r.getChannel()) {
        case ContactRepository.CALL -> calls++;
        case ContactRepository.SMS -> texts++;
        default -> messages++;
      }
      if (r.getAnsweredAt() != null) {
        answered++;
        answerSeconds.add(Duration.between(r.getCreatedAt(), r.getAnsweredAt()).toSeconds());
      }
      if (ContactRepository.MISSED.equals(r.getStatus())) {
        missed++;
      }
      if (ContactRepository.VOICEMAIL.equals(r.getStatus())) {
        voicemails++;
      }
      if (r.getHandledAt() != null && !ContactRepository.ANSWERED.equals(r.getStatus())) {
        handledMinutes.add(Duration.between(r.getCreatedAt(), r.getHandledAt()).toMinutes());
      }
    }
    return new HotlineService.Summary(
        calls,
        answered,
        median(answerSeconds),
        missed,
        voicemails,
        median(handledMinutes),
        texts,
        messages,
        Arrays.stream(byHour).boxed().toList());
  }

  private static @Nullable Long median(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
