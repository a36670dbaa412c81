package org.onegrid.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.platform.TestClock;
import org.onegrid.support.Browser;
import org.onegrid.support.Eventually;
import org.onegrid.support.FakeTwilio;
import org.onegrid.support.Phones;

/** Phone sign-in with SMS sent by the real Twilio SDK to a local fake Twilio. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "onegrid.twilio.account-sid", value = FakeTwilio.ACCOUNT_SID)
@Property(name = "onegrid.twilio.auth-token", value = FakeTwilio.AUTH_TOKEN)
@Property(name = "onegrid.twilio.from-number", value = "+15005550006")
class TwilioSmsTest implements TestPropertyProvider {

  static final FakeTwilio TWILIO = FakeTwilio.start();

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject SmsOutbox outbox;
  @Inject DSLContext dsl;
  @Inject TestClock clock;
  @Inject SmsDispatcher dispatcher;

  @Override
  public Map<String, String> getProperties() {
    return Map.of("onegrid.twilio.api-base-url", TWILIO.baseUrl());
  }

  @AfterAll
  void stop() {
    TWILIO.stop();
  }

  @BeforeEach
  void reset() {
    TWILIO.reset();
  }

  OutboxMessage awaitStatus(String to, String status) {
    OutboxMessage row =
        Eventually.read(
            Duration.ofSeconds(15),
            () -> outbox.sentTo(to, 1).get(0),
            r -> r.status().equals(status));
    assertThat(row.status()).isEqualTo(status);
    return row;
  }

  Browser browser() {
    return new Browser(server.getURL().toString(), json);
  }

  @Test
  void aResidentSignsInWithTheCodeThatReachedTwilio() {
    Browser phone = browser();
    String number = Phones.fresh();
    assertThat(phone.post("/api/v1/auth/otp", Map.of("phone", number)).status()).isEqualTo(202);

    FakeTwilio.Message message = TWILIO.awaitMessageTo("+86" + number, Duration.ofSeconds(15));
    assertThat(message.from()).isEqualTo("+15005550006");
    assertThat(message.body()).contains("验证码");
    String code = message.body().replaceAll("\\D*(\\d{6}).*", "$1");

    Browser.Reply signedIn =
        phone.post("/api/v1/auth/otp/verify", Map.of("phone", number, "code", code));
    assertThat(signedIn.status()).isEqualTo(200);
    assertThat(signedIn.<String>at("phone")).isEqualTo("+86" + number);
    OutboxMessage row = awaitStatus("+86" + number, "SENT");
    assertThat(row.provider()).isEqualTo("twilio");
    assertThat(row.providerId()).isEqualTo(message.sid());
    // Once sent, the outbox keeps no readable code.
    assertThat(row.body()).doesNotContain(code);
  }

  @Test
  void throttlingAndUnavailableAnswersAreNotRepeatedBehindTheOutboxsBack() {
    for (int status : new int[] {429, 503}) {
      String number = Phones.fresh();
      TWILIO.failNextTo("+86" + number, status);
      assertThat(browser().post("/api/v1/auth/otp", Map.of("phone", number)).status())
          .isEqualTo(202);
      TWILIO.awaitMessageTo("+86" + number, Duration.ofSeconds(20));
      OutboxMessage row = awaitStatus("+86" + number, "SENT");
      // Every request that reached Twilio is an attempt the outbox counted and decided on.
      assertThat(TWILIO.requestsTo("+86" + number)).as("status " + status).isEqualTo(2);
      assertThat(row.attempts()).as("status " + status).isEqualTo(2);
      assertThat(TWILIO.messagesTo("+86" + number)).hasSize(1);
    }
  }

  @Test
  void aTwilioOutageIsRetriedByTheOutboxAndTheMessageArrivesOnce() {
    TWILIO.failNext(2, 500);
    String number = Phones.fresh();
    assertThat(browser().post("/api/v1/auth/otp", Map.of("phone", number)).status()).isEqualTo(202);

    TWILIO.awaitMessageTo("+86" + number, Duration.ofSeconds(20));
    OutboxMessage row = awaitStatus("+86" + number, "SENT");
    List<FakeTwilio.Message> accepted = TWILIO.messagesTo("+86" + number);
    assertThat(accepted).hasSize(1);
    assertThat(row.attempts()).isGreaterThan(1).isEqualTo(TWILIO.requestsTo("+86" + number));
  }

  @Test
  void aRecipientWhoOptedOutIsNotRetriedAndGetsNoMore() {
    TWILIO.refuseNext(21610);
    String number = Phones.fresh();
    browser().post("/api/v1/auth/otp", Map.of("phone", number));
    awaitStatus("+86" + number, "OPTED_OUT");
    assertThat(outbox.isOptedOut("+86" + number)).isTrue();
    // An hour later (past every backoff), a dispatch round still sends it nothing more.
    clock.advance(Duration.ofHours(1));
    try {
      dispatcher.dispatchDue();
    } finally {
      clock.reset();
    }
    assertThat(TWILIO.requestsTo("+86" + number)).isEqualTo(1);
  }

  @Test
  void aResidentWhoCannotReadTextsIsPhonedAndHearsTheCodeTwiceInMandarin() {
    OtherTestsTexts.settle(dsl); // late texts would lift the resend limit this test checks
    Browser phone = browser();
    String number = Phones.fresh();
    Browser.Reply asked =
        phone.post("/api/v1/auth/otp", Map.of("phone", number, "channel", "voice"));
    assertThat(asked.status()).isEqualTo(202);
    assertThat(asked.<String>at("channel")).isEqualTo("voice");

    assertThat(
            Eventually.read(
                Duration.ofSeconds(15), () -> TWILIO.callsTo("+86" + number), c -> !c.isEmpty()))
        .hasSize(1);
    FakeTwilio.Call call = TWILIO.callsTo("+86" + number).get(0);
    assertThat(call.from()).isEqualTo("+15005550006");
    assertThat(call.twiml()).contains("<Say language=\"zh-CN\">");
    String digits = call.twiml().replaceAll("(?s).*验证码是：([0-9，]+)。.*", "$1");
    String code = digits.replace("，", "");
    assertThat(code).hasSize(6);
    // Said twice.
    assertThat(call.twiml().split(Pattern.quote(digits), -1)).hasSize(5);
    assertThat(TWILIO.messagesTo("+86" + number)).isEmpty();

    assertThat(
            phone.post("/api/v1/auth/otp/verify", Map.of("phone", number, "code", code)).status())
        .isEqualTo(200);
    OutboxMessage row = awaitStatus("+86" + number, "SENT");
    assertThat(row.channel()).isEqualTo("voice");
    assertThat(row.body()).doesNotContain(digits);
    // The same limits as texts: asking again at once is refused.
    assertThat(
            browser()
                .post("/api/v1/auth/otp", Map.of("phone", number, "channel", "voice"))
                .status())
        .isEqualTo(429);
  }

  @Test
  void theDemoInboxDoesNotExistWithTwilio() {
    assertThat(browser().get("/api/v1/demo/inbox").status()).isIn(401, 404);
    assertThat(browser().get("/api/v1/config").<Boolean>at("demoInbox")).isFalse();
  }
}
