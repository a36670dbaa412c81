package org.onegrid.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.db.Tables.SMS_OUTBOX;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onegrid.db.tables.records.SmsOutboxRecord;
import org.onegrid.platform.TestClock;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Eventually;

/**
 * A burst of reports texts the grid leader twice, not once each: the first alert at once, the rest
 * folded into one digest sent when the window ends; every report is still in the app.
 */
@MicronautTest
@Property(name = "onegrid.sms.digest-window", value = "10m")
class SmsDigestTest extends ApiTest {

  @Inject DSLContext dsl;
  @Inject TestClock clock;

  @AfterEach
  void realTime() {
    clock.reset();
  }

  List<SmsOutboxRecord> alertsToLeaderSince(Instant since) {
    return dsl.selectFrom(SMS_OUTBOX)
        .where(
            SMS_OUTBOX.TO_E164.eq("+86" + DemoCity.LEADER_MINZHULU_1),
            SMS_OUTBOX.CREATED_AT.ge(since),
            SMS_OUTBOX.PURPOSE.in("problem-new", "digest"))
        .orderBy(SMS_OUTBOX.ID)
        .fetch();
  }

  void report(Browser resident, String words) {
    Browser.Reply r =
        resident.send(
            "POST",
            "/api/v1/problems",
            Map.of("categoryCode", "sanitation", "description", words),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
  }

  @Test
  void fiveReportsInAMinuteAreAtMostTwoTextsAndTheDigestGoesWhenTheWindowEnds() throws Exception {
    Instant start = Instant.now().minusMillis(5);
    Browser resident = residentOfMinzhulu1("连报五条", "3201").browser();
    for (int i = 1; i <= 5; i++) {
      report(resident, "第" + i + "处垃圾没人清");
    }
    List<SmsOutboxRecord> texts = alertsToLeaderSince(start);
    assertThat(texts).hasSizeBetween(1, 2);
    SmsOutboxRecord digest = texts.get(texts.size() - 1);
    assertThat(digest.getPurpose()).isEqualTo("digest");
    int immediate = texts.size() - 1;
    assertThat(immediate + digest.getFolded()).isEqualTo(5);
    // Its words count what it holds, as the database counted them while alerts folded in.
    assertThat(digest.getBody())
        .contains("您还有 " + digest.getFolded() + " 条新提醒")
        .contains("第5处垃圾没人清");
    assertThat(digest.getNextAttemptAt()).isAfter(Instant.now().plus(Duration.ofMinutes(1)));
    assertThat(digest.getStatus()).isEqualTo("PENDING");
    // The leader still has each report in the app.
    List<Map<String, Object>> notes =
        staff(DemoCity.LEADER_MINZHULU_1).get("/api/v1/me/notifications").at("items");
    assertThat(notes.stream().filter(n -> String.valueOf(n.get("body")).contains("垃圾没人清")))
        .hasSizeGreaterThanOrEqualTo(5);

    // When the window ends, the digest goes.
    clock.advance(Duration.ofMinutes(11));
    String status =
        Eventually.read(
            Duration.ofSeconds(15),
            () -> dsl.fetchValue(SMS_OUTBOX.STATUS, SMS_OUTBOX.ID.eq(digest.getId())),
            "SENT"::equals);
    assertThat(status).isEqualTo("SENT");

    // A report after the digest went starts the next one, a window later.
    report(resident, "第六处");
    List<SmsOutboxRecord> after = alertsToLeaderSince(start);
    SmsOutboxRecord next = after.get(after.size() - 1);
    assertThat(next.getId()).isNotEqualTo(digest.getId());
    assertThat(next.getPurpose()).isEqualTo("digest");
    assertThat(next.getFolded()).isEqualTo(1);
  }
}
