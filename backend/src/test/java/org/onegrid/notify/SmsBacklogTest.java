package org.onegrid.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.onegrid.platform.TestClock;
import org.onegrid.platform.Tx;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Phones;

/**
 * Texts that wait: while a notice texts many residents, a sign-in code goes first, and a code that
 * expired while waiting is never sent; when texts stop leaving, /health, the metrics and the
 * sign-in page say so. The scheduled dispatcher is off here, as if the provider were down.
 */
@MicronautTest
@Property(name = "onegrid.sms.dispatcher.enabled", value = "false")
@Property(name = "onegrid.metrics.token", value = "test-scrape-token")
class SmsBacklogTest extends ApiTest {

  @Inject OutboxRepository repository;
  @Inject OptOutRepository optOuts;
  @Inject Tx tx;
  @Inject TestClock clock;
  @Inject DSLContext dsl;

  @Test
  void aFreshCodeJumpsTheQueueAndAStaleOneIsDropped() {
    List<String> sent = new CopyOnWriteArrayList<>();
    SmsSender recording =
        new SmsSender() {
          @Override
          public String name() {
            return "recording";
          }

          @Override
          public Result send(String toE164, String body) {
            sent.add(toE164 + " " + body);
            return new Accepted("R" + sent.size(), "queued");
          }
        };
    String stale = "+8613611114444";
    String fresh = "+8613611113333";
    String crowd = "+8613611112222";
    try {
      clock.advance(Duration.ofMinutes(-6));
      outbox.enqueue(stale, "您的验证码是 111111", "otp");
      clock.reset();
      tx.run(
          () -> {
            for (int i = 0; i < 45; i++) {
              outbox.enqueue(crowd, "通知 " + i, "notice");
            }
            outbox.enqueue(fresh, "您的验证码是 222222", "otp");
          });
    } finally {
      clock.reset();
    }
    SmsDispatcher dispatcher =
        TestDispatchers.through(recording, repository, optOuts, tx, clock, false);
    dispatcher.dispatchDue();

    // Only what this test queued (the shared test database may hold others' leftovers).
    List<String> ours =
        sent.stream()
            .filter(s -> s.startsWith(fresh) || s.startsWith(crowd) || s.startsWith(stale))
            .toList();
    // Claimed first, it goes out with the first few sends in flight, not after 45 notices.
    assertThat(ours.indexOf(fresh + " 您的验证码是 222222")).isBetween(0, 3);
    assertThat(ours).hasSize(46).noneMatch(s -> s.startsWith(stale));
    OutboxMessage dropped = outbox.sentTo(stale, 1).get(0);
    assertThat(dropped.status()).isEqualTo("FAILED");
    assertThat(dropped.body()).doesNotContain("111111");
  }

  @Test
  void whenTextsStopLeavingHealthMetricsAndTheSignInPageSaySo() throws Exception {
    OtherTestsTexts.settle(dsl);
    String phone = Phones.fresh();
    try {
      clock.advance(Duration.ofMinutes(-3));
      outbox.enqueue("+86" + phone, "通知：停水", "notice");
    } finally {
      clock.reset();
    }
    Browser anyone = browser();
    Browser.Reply health = anyone.get("/health");
    assertThat(health.<String>at("status")).isEqualTo("DEGRADED");
    assertThat(health.text()).doesNotContain("oldestDue");
    Browser.Reply asked = anyone.post("/api/v1/auth/otp", Map.of("phone", phone));
    assertThat(asked.status()).isEqualTo(202);
    assertThat(asked.<Boolean>at("textsDelayed")).isTrue();
    String scraped = metrics();
    assertThat(scraped)
        .contains("onegrid_sms_due")
        .contains("onegrid_sms_oldest_due_seconds")
        .contains("onegrid_sms_unsettled");

    // A digest made three minutes ago and due in seven is not late: it waits from when it is due.
    Instant now = clock.instant();
    repository.insertDue(
        "+86" + Phones.fresh(),
        "您还有 3 条新提醒",
        SmsDigest.PURPOSE,
        OutboxRepository.SMS,
        now.minus(Duration.ofMinutes(3)),
        now.plus(Duration.ofMinutes(7)),
        3);
    // Once everything due has left, all is well again.
    TestDispatchers.through(new LogSmsSender(), repository, optOuts, tx, clock, true).dispatchDue();
    assertThat(anyone.get("/health").<String>at("status")).isEqualTo("UP");
  }

  @Test
  void theCityAdminSeesTextsThatFailedAndSendsOneAgainOnPurpose() {
    String notice = "+86" + Phones.fresh();
    String code = "+86" + Phones.fresh();
    long failedNotice = outbox.enqueue(notice, "通知：明天停水", "notice");
    long failedCode = outbox.enqueue(code, "您的验证码是 333333", "otp");
    repository.markFailed(failedNotice, "twilio", "twilio 400 code 21211: invalid number");
    repository.markFailed(failedCode, "twilio", "twilio 400 code 21211: invalid number");

    Browser admin = staff(DemoCity.CITY_ADMIN);
    List<Map<String, Object>> failed = admin.get("/api/v1/admin/sms/failed").list();
    Map<String, Object> row =
        failed.stream()
            .filter(f -> ((Number) f.get("id")).longValue() == failedNotice)
            .findFirst()
            .orElseThrow();
    assertThat(row).containsEntry("reason", "twilio 400 code 21211: invalid number");
    assertThat((String) row.get("toMasked")).contains("****");
    assertThat(failed.toString()).doesNotContain("333333").doesNotContain(notice);
    // A community admin sees texts to the people of their community only, and a grid leader none.
    Resident neighbour = residentOfMinzhulu1("短信没收到的居民", "2601");
    long toNeighbour = outbox.enqueue("+86" + neighbour.phone(), "通知：社区活动改期", "notice");
    repository.markFailed(toNeighbour, "twilio", "twilio 400 code 30003: unreachable handset");
    Browser minzhulu = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    List<Map<String, Object>> ours = minzhulu.get("/api/v1/admin/sms/failed").list();
    assertThat(ours).anyMatch(f -> ((Number) f.get("id")).longValue() == toNeighbour);
    assertThat(ours).noneMatch(f -> ((Number) f.get("id")).longValue() == failedNotice);
    Browser huanghelu = staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU);
    assertThat(huanghelu.get("/api/v1/admin/sms/failed").list())
        .noneMatch(f -> ((Number) f.get("id")).longValue() == toNeighbour);
    assertThat(huanghelu.post("/api/v1/admin/sms/" + toNeighbour + "/resend", Map.of()).status())
        .isEqualTo(404);
    assertThat(minzhulu.post("/api/v1/admin/sms/" + failedNotice + "/resend", Map.of()).status())
        .isEqualTo(404);
    assertThat(staff(DemoCity.LEADER_MINZHULU_1).get("/api/v1/admin/sms/failed").status())
        .isEqualTo(403);
    assertThat(minzhulu.post("/api/v1/admin/sms/" + toNeighbour + "/resend", Map.of()).status())
        .isEqualTo(202);

    assertThat(admin.post("/api/v1/admin/sms/" + failedCode + "/resend", Map.of()).status())
        .isEqualTo(409);
    assertThat(admin.post("/api/v1/admin/sms/" + failedNotice + "/resend", Map.of()).status())
        .isEqualTo(202);
    assertThat(outbox.sentTo(notice, 5))
        .extracting(OutboxMessage::status)
        .containsExactly("PENDING", "RESENT");
    assertThat(admin.get("/api/v1/admin/sms/failed").list())
        .noneMatch(f -> ((Number) f.get("id")).longValue() == failedNotice);
  }
}
