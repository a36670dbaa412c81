package org.onegrid.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.platform.Tx;
import org.onegrid.support.ApiTest;
import org.onegrid.support.FakeTwilio;
import org.onegrid.support.Phones;

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

  @Inject Tx tx;

  @Override
  public Map<String, String> getProperties() {
    return Map.of("onegrid.twilio.api-base-url", TWILIO.baseUrl());
  }

  @AfterAll
  void stop() {
    TWILIO.stop();
  }

  static String sign(String path, Map<String, String> form) throws Exception {
    StringBuilder data = new StringBuilder(PUBLIC_URL + path);
    new TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(FakeTwilio.AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  HttpResponse<String> post(String path, Map<String, String> form, String signature)
      throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.getURL() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
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
  void deliveryReportsUpdateTheMessage() throws Exception {
    String number = Phones.fresh();
    assertThat(browser().post("/api/v1/auth/otp", Map.of("phone", number)).status()).isEqualTo(202);
    FakeTwilio.Message sent =
        TWILIO.awaitMessageTo("+86" + number, java.time.Duration.ofSeconds(15));
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline
        && !"SENT".equals(outbox.sentTo("+86" + number, 1).get(0).status())) {
      Thread.sleep(50);
    }
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
