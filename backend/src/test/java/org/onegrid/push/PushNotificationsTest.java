package org.onegrid.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.notify.OutboxMessage;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Eventually;

/**
 * A resident who allows notifications in their browser gets the news by Web Push instead of SMS,
 * through a local push service that checks the VAPID signature and decrypts each message as the
 * browser would; when the browser is gone (410) the news goes by text again. Codes stay texts.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "onegrid.push.endpoint-hosts", value = "127.0.0.1")
@Property(name = "onegrid.push.allow-http", value = "true")
class PushNotificationsTest extends ApiTest {

  static final FakePushService PUSH = FakePushService.start();

  @AfterAll
  void stopPush() {
    PUSH.stop();
  }

  FakePushService.Browser allowPush(Browser resident) {
    Browser.Reply status = resident.get("/api/v1/me/push");
    assertThat(status.<Number>at("browsers").intValue()).isZero();
    FakePushService.Browser phone = PUSH.subscribe(status.at("publicKey"));
    Browser.Reply saved =
        resident.put(
            "/api/v1/me/push",
            Map.of(
                "endpoint",
                phone.endpoint(),
                "p256dh",
                phone.p256dh(),
                "auth",
                phone.authSecret()));
    assertThat(saved.status()).as(saved.text()).isEqualTo(204);
    assertThat(resident.get("/api/v1/me/push").<Number>at("browsers").intValue()).isEqualTo(1);
    return phone;
  }

  OutboxMessage await(String to, Predicate<OutboxMessage> done) {
    return Eventually.read(
            Duration.ofSeconds(20),
            () -> outbox.sentTo(to, 10).stream().filter(done).findFirst(),
            Optional::isPresent)
        .orElseThrow(
            () -> new AssertionError("no such message to " + to + ": " + outbox.sentTo(to, 10)));
  }

  @Test
  void newsGoesByPushWhileTheBrowserTakesItAndByTextOnceItIsGone() {
    Resident resident = residentOfMinzhulu1("推送居民", "2702");
    FakePushService.Browser phone = allowPush(resident.browser());
    String to = "+86" + resident.phone();

    long id =
        resident
            .browser()
            .send(
                "POST",
                "/api/v1/problems",
                Map.of("categoryCode", "construction_waste", "description", "楼下堆了装修垃圾"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()))
            .<Number>at("id")
            .longValue();
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    leader.post("/api/v1/problems/" + id + "/actions", Map.of("action", "ACCEPT"));

    OutboxMessage accepted =
        await(to, m -> m.purpose().equals("problem-accept") && m.status().equals("SENT"));
    assertThat(accepted.channel()).isEqualTo("push");
    assertThat(PUSH.shown(phone)).hasSize(1);
    assertThat(PUSH.shown(phone).get(0))
        .contains("\"link\":\"/problems/" + id + "\"")
        .contains("编号 " + id)
        .doesNotContain("【");
    assertThat(PUSH.refusals()).isEmpty();

    // The resident cleared the browser: the push service says it is gone, and the news is texted.
    PUSH.answer(phone, 410);
    leader.post(
        "/api/v1/problems/" + id + "/actions", Map.of("action", "RESOLVE", "reason", "已清运"));
    OutboxMessage resolved =
        await(to, m -> m.purpose().equals("problem-resolve") && m.status().equals("SENT"));
    assertThat(resolved.channel()).isEqualTo("sms");
    assertThat(resident.browser().get("/api/v1/me/push").<Number>at("browsers").intValue())
        .isZero();
    assertThat(outbox.sentTo(to, 10))
        .filteredOn(m -> m.purpose().startsWith("problem-"))
        .hasSize(2);
  }

  @Test
  void signInCodesAreAlwaysTexted() {
    Resident resident = residentOfMinzhulu1("推送验证码", "2703");
    allowPush(resident.browser());
    long accountId = resident.browser().get("/api/v1/me").<Number>at("id").longValue();
    String to = "+86" + resident.phone();
    List<Long> earlier = outbox.sentTo(to, 10).stream().map(OutboxMessage::id).toList();
    outbox.deliver(accountId, to, "【一网通】您的验证码是 123456", "otp", null);
    outbox.deliver(accountId, to, "【一网通】明天停水", "notice", "/");
    assertThat(outbox.sentTo(to, 10))
        .filteredOn(m -> !earlier.contains(m.id()))
        .extracting(OutboxMessage::channel)
        .containsExactlyInAnyOrder("sms", "push");
  }

  @Test
  void onlyPushServicesEndpointsAndRealKeysAreTaken() {
    Resident resident = residentOfMinzhulu1("推送地址", "2704");
    FakePushService.Browser phone =
        PUSH.subscribe(resident.browser().get("/api/v1/me/push").at("publicKey"));
    for (String endpoint :
        List.of(
            "http://169.254.169.254/latest/meta-data",
            "https://intranet.example/push/1",
            "ftp://127.0.0.1/push/1",
            "not a url")) {
      Browser.Reply refused =
          resident
              .browser()
              .put(
                  "/api/v1/me/push",
                  Map.of(
                      "endpoint", endpoint, "p256dh", phone.p256dh(), "auth", phone.authSecret()));
      assertThat(refused.status()).as(endpoint).isEqualTo(400);
      assertThat(refused.text()).contains("endpoint");
    }
    Browser.Reply badKey =
        resident
            .browser()
            .put(
                "/api/v1/me/push",
                Map.of("endpoint", phone.endpoint(), "p256dh", "BAAA", "auth", phone.authSecret()));
    assertThat(badKey.status()).isEqualTo(400);
    assertThat(resident.browser().get("/api/v1/me/push").<Number>at("browsers").intValue())
        .isZero();
  }
}
