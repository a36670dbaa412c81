package org.onegrid.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.FakeTwilio;
import org.onegrid.support.SignIn;
import org.onegrid.support.TwilioWebhooks;

/**
 * Calls and texts to 民主路社区's hotline (+8637168010001) as Twilio sends them, signed. While the test
 * runs 王淑珍 is on duty (an override); the community admin is the fallback.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "onegrid.twilio.account-sid", value = FakeTwilio.ACCOUNT_SID)
@Property(name = "onegrid.twilio.auth-token", value = FakeTwilio.AUTH_TOKEN)
@Property(name = "onegrid.twilio.from-number", value = "+15005550006")
@Property(name = "onegrid.public-url", value = HotlineTwilioTest.PUBLIC_URL)
class HotlineTwilioTest extends ApiTest implements TestPropertyProvider {

  static final String PUBLIC_URL = "https://onegrid.example.org";
  static final FakeTwilio TWILIO = FakeTwilio.start();

  @Override
  protected SignIn signIn() {
    return SignIn.through(TWILIO);
  }

  private static final String HOTLINE = "+8637168010001";
  private static final String VOICE = "/api/v1/webhooks/twilio/voice";
  private static final String WANG_WORK_PHONE = "+8637168020002";

  private Browser admin;
  private long community;
  private TwilioWebhooks twilio;

  @Override
  public Map<String, String> getProperties() {
    return Map.of("onegrid.twilio.api-base-url", TWILIO.baseUrl());
  }

  @AfterAll
  void stop() {
    TWILIO.stop();
  }

  @BeforeAll
  void wangIsOnDuty() {
    twilio = new TwilioWebhooks(server.getURL().toString(), PUBLIC_URL);
    admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    community = admin.get("/api/v1/me").<Number>at("staffNode.id").longValue();
    long wang = staff(DemoCity.LEADER_MINZHULU_2).get("/api/v1/me").<Number>at("id").longValue();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Browser.Reply override =
        admin.post(
            "/api/v1/staff/communities/" + community + "/roster/overrides",
            Map.of(
                "from", now.minus(Duration.ofMinutes(5)).toString(),
                "to", now.plus(Duration.ofHours(3)).toString(),
                "accountId", wang));
    assertThat(override.status()).as(override.text()).isEqualTo(200);
  }

  private static long contactOf(String twiml) {
    Matcher m = Pattern.compile("contact=(\\d+)").matcher(twiml);
    assertThat(m.find()).as(twiml).isTrue();
    return Long.parseLong(m.group(1));
  }

  private List<Map<String, Object>> log() {
    return admin
        .get("/api/v1/staff/communities/" + community + "/hotline-log")
        .<List<Map<String, Object>>>at("contacts");
  }

  private Map<String, Object> logEntry(long id) {
    return log().stream()
        .filter(c -> ((Number) c.get("id")).longValue() == id)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theOneOnDutyPressesOneToTakeACallAndItIsLoggedAsAnswered() {
    Resident caller = residentOfMinzhulu1("来电人", "2001");
    Map<String, String> call =
        Map.of("CallSid", "CA-answered", "From", "+86" + caller.phone(), "To", HOTLINE);
    HttpResponse<String> greeting = twilio.signed(VOICE + "/incoming", call);
    assertThat(greeting.statusCode()).isEqualTo(200);
    assertThat(greeting.headers().firstValue("Content-Type").orElse("")).contains("xml");
    String twiml = greeting.body();
    assertThat(twiml)
        .contains("<Say language=\"zh-CN\">")
        .contains("民主路社区二十四小时值班热线")
        .contains("answerOnBridge=\"true\"")
        .contains("timeout=\"20\"")
        .contains(">" + WANG_WORK_PHONE + "</Number>")
        .contains(PUBLIC_URL + VOICE + "/screen?contact=")
        .contains(PUBLIC_URL + VOICE + "/dialed?contact=");
    long contact = contactOf(twiml);
    // A replay of the same call finds the same record.
    assertThat(contactOf(twilio.signed(VOICE + "/incoming", call).body())).isEqualTo(contact);

    String screen = VOICE + "/screen?contact=" + contact + "&step=0";
    String whisper = twilio.signed(screen, Map.of("CallSid", "CA-leg-1")).body();
    assertThat(whisper)
        .contains("<Gather")
        .contains("numDigits=\"1\"")
        .contains("来电人")
        .contains("接听请按1");
    String accepted =
        twilio
            .signed(VOICE + "/screened?contact=" + contact + "&step=0", Map.of("Digits", "1"))
            .body();
    assertThat(accepted).doesNotContain("Hangup");
    String after =
        twilio
            .signed(
                VOICE + "/dialed?contact=" + contact + "&step=0",
                Map.of("CallSid", "CA-answered", "DialCallStatus", "completed"))
            .body();
    assertThat(after).contains("<Hangup/>");
    twilio.signed(VOICE + "/status", Map.of("CallSid", "CA-answered", "CallStatus", "completed"));

    Map<String, Object> logged = logEntry(contact);
    assertThat(logged.get("status")).isEqualTo("ANSWERED");
    assertThat(logged.get("answeredBy")).isEqualTo("王淑珍");
    assertThat(logged.get("from")).isEqualTo("来电人");
    assertThat(logged.get("problemId")).isNull();

    // 王淑珍 could not settle it on the phone: the call becomes a request to the caller's leader.
    Browser wang = staff(DemoCity.LEADER_MINZHULU_2);
    String file = "/api/v1/staff/hotline-contacts/" + contact + "/request";
    Map<String, String> body = Map.of("text", "来电反映：单元门禁坏了，外人随便进");
    assertThat(caller.browser().post(file, body).status()).isEqualTo(404);
    Browser.Reply filed = wang.post(file, body);
    assertThat(filed.status()).as(filed.text()).isEqualTo(200);
    assertThat(filed.<Object>at("problemId")).isNotNull();
    assertThat(filed.<String>at("phone")).isEqualTo("+86" + caller.phone());
    assertThat(wang.post(file, body).<Object>at("problemId")).isEqualTo(filed.at("problemId"));
    assertThat(staff(DemoCity.LEADER_MINZHULU_1).get("/api/v1/staff/problems?source=CALL").text())
        .contains("单元门禁坏了");
  }

  @Test
  void anUntakenCallWalksTheChainThenTakesAVoicemailThatBecomesARequest() {
    Resident caller = residentOfMinzhulu1("留言来电", "2002");
    Map<String, String> call =
        Map.of("CallSid", "CA-voicemail", "From", "+86" + caller.phone(), "To", HOTLINE);
    long contact = contactOf(twilio.signed(VOICE + "/incoming", call).body());

    // Her personal voicemail picks up: nobody presses 1, the dial ends "completed" all the same.
    String dialed0 = VOICE + "/dialed?contact=" + contact + "&step=0";
    Map<String, String> ended = Map.of("CallSid", "CA-voicemail", "DialCallStatus", "completed");
    String second = twilio.signed(dialed0, ended).body();
    assertThat(second).contains(">+8613800000010</Number>").contains("step=1");
    // Twilio retries the same callback: the same next ring, not a skip.
    assertThat(twilio.signed(dialed0, ended).body()).isEqualTo(second);

    String third =
        twilio
            .signed(
                VOICE + "/dialed?contact=" + contact + "&step=1",
                Map.of("CallSid", "CA-voicemail", "DialCallStatus", "no-answer"))
            .body();
    assertThat(third).contains("<Record").contains("maxLength=\"120\"").contains("提示音后留言");
    assertThat(third).doesNotContain("<Dial");

    String recording = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1";
    String bye =
        twilio
            .signed(
                VOICE + "/recorded?contact=" + contact,
                Map.of(
                    "CallSid", "CA-voicemail",
                    "RecordingUrl", recording,
                    "RecordingDuration", "14"))
            .body();
    assertThat(bye).contains("留言已收到").contains("<Hangup/>");
    twilio.signed(VOICE + "/status", Map.of("CallSid", "CA-voicemail", "CallStatus", "completed"));

    Map<String, Object> logged = logEntry(contact);
    assertThat(logged.get("status")).isEqualTo("VOICEMAIL");
    assertThat(logged.get("recordingUrl")).isEqualTo(recording);
    long problem = ((Number) logged.get("problemId")).longValue();
    assertThat(staff(DemoCity.LEADER_MINZHULU_1).get("/api/v1/staff/problems?source=CALL").list())
        .anySatisfy(
            p -> {
              assertThat(((Number) p.get("id")).longValue()).isEqualTo(problem);
              assertThat((String) p.get("description")).contains(recording);
            });
    assertThat(outbox.sentTo("+8613800001002", 50))
        .anySatisfy(m -> assertThat(m.body()).contains("#" + problem));
  }

  @Test
  void aCallThatEndsUntakenIsMissedAndFollowedUp() {
    Resident caller = residentOfMinzhulu1("挂断", "2003");
    long contact =
        contactOf(
            twilio
                .signed(
                    VOICE + "/incoming",
                    Map.of("CallSid", "CA-missed", "From", "+86" + caller.phone(), "To", HOTLINE))
                .body());
    twilio.signed(VOICE + "/status", Map.of("CallSid", "CA-missed", "CallStatus", "completed"));
    twilio.signed(VOICE + "/status", Map.of("CallSid", "CA-missed", "CallStatus", "completed"));
    Map<String, Object> logged = logEntry(contact);
    assertThat(logged.get("status")).isEqualTo("MISSED");
    assertThat(logged.get("problemId")).isNotNull();
    assertThat(outbox.sentTo("+8613800001002", 50))
        .filteredOn(m -> m.body().contains("#" + logged.get("problemId")))
        .hasSize(1);

    // 王淑珍, on duty, calls back and says so; a resident may not.
    String handled = "/api/v1/staff/hotline-contacts/" + contact + "/handled";
    assertThat(caller.browser().post(handled, Map.of()).status()).isEqualTo(404);
    assertThat(staff(DemoCity.LEADER_MINZHULU_2).post(handled, Map.of()).status()).isEqualTo(204);
    assertThat(logEntry(contact).get("handledAt")).isNotNull();
    Browser.Reply summary = admin.get("/api/v1/staff/communities/" + community + "/hotline-log");
    assertThat(summary.<Number>at("summary.missed").intValue()).isGreaterThanOrEqualTo(1);
    assertThat(summary.<Number>at("summary.calls").intValue()).isGreaterThanOrEqualTo(1);
    assertThat(summary.<Object>at("summary.medianMinutesToCallBack")).isNotNull();
    assertThat(summary.<List<?>>at("summary.byHour")).hasSize(24);
  }

  @Test
  void unsignedOrWronglySignedVoiceWebhooksAreRefusedAndRecordNothing() {
    int before = log().size();
    Map<String, String> call =
        Map.of("CallSid", "CA-forged", "From", "+8613700000000", "To", HOTLINE);
    assertThat(twilio.post(VOICE + "/incoming", call, null).statusCode()).isEqualTo(403);
    assertThat(
            twilio
                .post(VOICE + "/incoming", call, twilio.sign(VOICE + "/incoming?x=1", call))
                .statusCode())
        .isEqualTo(403);
    // The query is signed too: a signature for step 0 does not answer step 1.
    assertThat(
            twilio
                .post(
                    VOICE + "/screened?contact=1&step=1",
                    Map.of("Digits", "1"),
                    twilio.sign(VOICE + "/screened?contact=1&step=0", Map.of("Digits", "1")))
                .statusCode())
        .isEqualTo(403);
    assertThat(log()).hasSize(before);
  }

  @Test
  void textsToTheHotlineBecomeARequestThenJoinItsThreadAndReplaysChangeNothing() {
    Resident resident = residentOfMinzhulu1("发短信", "2004");
    String inbound = "/api/v1/webhooks/twilio/sms-inbound";
    Map<String, String> first =
        Map.of(
            "MessageSid", "SM-1", "From", "+86" + resident.phone(), "To", HOTLINE, "Body", "垃圾道堵了");
    String reply = twilio.signed(inbound, first).body();
    Matcher number = Pattern.compile("#(\\d+)").matcher(reply);
    assertThat(number.find()).as(reply).isTrue();
    long problem = Long.parseLong(number.group(1));
    assertThat(reply).contains("<Message>").contains("网格长会尽快处理");
    // Twilio delivers the same text twice: one request, no second reply.
    HttpResponse<String> replay = twilio.signed(inbound, first);
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
    assertThat(replay.body()).doesNotContain("<Message>");

    Map<String, String> more =
        Map.of(
            "MessageSid", "SM-2", "From", "+86" + resident.phone(), "To", HOTLINE, "Body", "在3号楼");
    assertThat(twilio.signed(inbound, more).body()).contains("已补充到您的热线诉求 #" + problem);
    assertThat(resident.browser().get("/api/v1/problems/" + problem + "/messages").text())
        .contains("在3号楼");
    assertThat(resident.browser().get("/api/v1/me/problems").text()).contains("垃圾道堵了");

    Map<String, String> stranger =
        Map.of("MessageSid", "SM-3", "From", "+8613712345670", "To", HOTLINE, "Body", "请回电");
    assertThat(twilio.signed(inbound, stranger).body()).contains("值班人员会尽快与您联系");
    assertThat(outbox.sentTo("+8613800001002", 50))
        .anySatisfy(m -> assertThat(m.body()).contains("+8613712345670").contains("请回电"));
    assertThat(log())
        .filteredOn(c -> "SMS".equals(c.get("channel")))
        .hasSizeGreaterThanOrEqualTo(3);
  }
}
