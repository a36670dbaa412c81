package org.onegrid.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.platform.Tx;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Eventually;
import org.onegrid.support.FakeTwilio;
import org.onegrid.support.Phones;
import org.onegrid.support.SignIn;
import org.onegrid.support.TwilioWebhooks;

/**
 * Twilio's callbacks are believed only when signed; STOP and START switch a phone's SMS off and on.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "onegrid.twilio.account-sid", value = FakeTwilio.ACCOUNT_SID)
@Property(name = "onegrid.twilio.auth-token", value = FakeTwilio.AUTH_TOKEN)
@Property(name = "onegrid.twilio.from-number", value = "+15005550006")
@Property(name = "onegrid.public-url", value = TwilioWebhookTest.PUBLIC_URL)
class TwilioWebhookTest extends ApiTest implements TestPropertyProvider {

  static final String PUBLIC_URL = "https://onegrid.example.org";
  static final FakeTwilio TWILIO = FakeTwilio.start();

  @Override
  protected SignIn signIn() {
    return SignIn.through(TWILIO);
  }

  @Inject Tx tx;

  @Override
  public Map<String, String> getProperties() {
    return Map.of("onegrid.twilio.api-base-url", TWILIO.baseUrl());
  }

  @AfterAll
  void stop() {
    TWILIO.stop();
  }

  private TwilioWebhooks webhooks() {
    return new TwilioWebhooks(server.getURL().toString(), PUBLIC_URL);
  }

  String sign(String path, Map<String, String> form) {
    return webhooks().sign(path, form);
  }

  HttpResponse<String> post(String path, Map<String, String> form, String signature) {
    return webhooks().post(path, form, signature);
  }

  @Test
  void unsignedOrWronglySignedCallbacksAreRefusedAndChangeNothing() throws Exception {
    String phone = "+86" + Phones.fresh();
    Map<String, String> stop = Map.of("From", phone, "Body", "STOP");
    assertThat(post("/api/v1/webhooks/twilio/sms-inbound", stop, null).statusCode()).isEqualTo(403);
    assertThat(
            post("/api/v1/webhooks/twilio/sms-inbound", stop, "bm90IGEgc2lnbmF0dXJl").statusCode())
        .isEqualTo(403);
    Map<String, String> other = Map.of("From", phone, "Body", "START");
    String signedForOther = sign("/api/v1/webhooks/twilio/sms-inbound", other);
    assertThat(post("/api/v1/webhooks/twilio/sms-inbound", stop, signedForOther).statusCode())
        .isEqualTo(403);
    assertThat(outbox.isOptedOut(phone)).isFalse();
  }

  @Test
  void stopInChineseOrEnglishEndsTextsAndStartBringsThemBack() throws Exception {
    String number = Phones.fresh();
    String phone = "+86" + number;
    Map<String, String> stop = Map.of("From", phone, "Body", "退订");
    HttpResponse<String> reply =
        post(
            "/api/v1/webhooks/twilio/sms-inbound",
            stop,
            sign("/api/v1/webhooks/twilio/sms-inbound", stop));
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body()).contains("<Response/>");
    assertThat(outbox.isOptedOut(phone)).isTrue();

    long queued = tx.run(() -> outbox.enqueue(phone, "test message", "test"));
    assertThat(outbox.sentTo(phone, 5))
        .anySatisfy(
            m -> {
              assertThat(m.id()).isEqualTo(queued);
              assertThat(m.status()).isEqualTo("OPTED_OUT");
            });

    Map<String, String> start = Map.of("From", phone, "Body", "start");
    post(
        "/api/v1/webhooks/twilio/sms-inbound",
        start,
        sign("/api/v1/webhooks/twilio/sms-inbound", start));
    assertThat(outbox.isOptedOut(phone)).isFalse();
  }

  @Test
  void aMemberAcceptsSomeoneJoiningTheirHouseholdByReplyingToTheText() throws Exception {
    Resident member = residentOfMinzhulu1("回短信", "1816");
    Resident joining = residentJoining(member, "回短信的女儿");
    TWILIO.awaitMessageTo("+86" + member.phone(), Duration.ofSeconds(15));
    Map<String, String> yes =
        Map.of(
            "From",
            "+86" + member.phone(),
            "To",
            "+15005550006",
            "Body",
            "同意",
            "MessageSid",
            "SM" + UUID.randomUUID().toString().replace("-", ""));
    HttpResponse<String> reply =
        post(
            "/api/v1/webhooks/twilio/sms-inbound",
            yes,
            sign("/api/v1/webhooks/twilio/sms-inbound", yes));
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body()).contains("已同意").contains("回短信的女儿");
    assertThat(joining.browser().get("/api/v1/me").<Boolean>at("home.pending")).isFalse();
    // Twilio delivering the same reply again accepts nobody else.
    HttpResponse<String> again =
        post(
            "/api/v1/webhooks/twilio/sms-inbound",
            yes,
            sign("/api/v1/webhooks/twilio/sms-inbound", yes));
    assertThat(again.body()).contains("没有等待");
  }

  @Test
  void deliveryReportsUpdateTheMessage() throws Exception {
    String number = Phones.fresh();
    assertThat(browser().post("/api/v1/auth/otp", Map.of("phone", number)).status()).isEqualTo(202);
    FakeTwilio.Message sent = TWILIO.awaitMessageTo("+86" + number, Duration.ofSeconds(15));
    Eventually.read(
        Duration.ofSeconds(10),
        () -> outbox.sentTo("+86" + number, 1).get(0).status(),
        "SENT"::equals);
    Map<String, String> delivered =
        Map.of(
            "MessageSid",
            sent.sid(),
            "MessageStatus",
            "undelivered",
            "ErrorCode",
            "21610",
            "To",
            "+86" + number);
    HttpResponse<String> response =
        post(
            "/api/v1/webhooks/twilio/sms-status",
            delivered,
            sign("/api/v1/webhooks/twilio/sms-status", delivered));
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(outbox.isOptedOut("+86" + number)).isTrue();
  }
}
