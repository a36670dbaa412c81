package org.onegrid.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.onegrid.db.Tables;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Phones;

@MicronautTest
class PhoneSignInTest extends ApiTest {

  @Test
  void newResidentSignsUpByCodePicksTheirHomeAndSeesTheirGridLeader() {
    Browser phone = browser();
    String number = Phones.fresh();

    Browser.Reply sent = phone.post("/api/v1/auth/otp", Map.of("phone", number));
    assertThat(sent.status()).isEqualTo(202);
    assertThat(sent.<String>at("phoneMasked"))
        .isEqualTo(number.substring(0, 3) + "****" + number.substring(7));
    String sms = outbox.sentTo("+86" + number, 1).get(0).body();
    assertThat(sms).contains("验证码").contains("5 分钟");

    Browser.Reply signedIn =
        phone.post(
            "/api/v1/auth/otp/verify",
            Map.of("phone", number, "code", signIn().latestCode(number)));
    assertThat(signedIn.status()).isEqualTo(200);
    assertThat(signedIn.<Boolean>at("needsHome")).isTrue();
    assertThat(signedIn.header("Set-Cookie"))
        .containsIgnoringCase("HttpOnly")
        .contains("SameSite=Lax");

    Browser.Reply communities =
        phone.get("/api/v1/communities?q=" + URLEncoder.encode("民主", StandardCharsets.UTF_8));
    Map<String, Object> minzhulu = communities.list().get(0);
    assertThat(minzhulu.get("name")).isEqualTo(DemoCity.MINZHULU);
    List<Map<String, Object>> buildings =
        phone.get("/api/v1/communities/" + minzhulu.get("id") + "/buildings").list();
    @SuppressWarnings("unchecked")
    Map<String, Object> unit = ((List<Map<String, Object>>) buildings.get(0).get("units")).get(0);

    Browser.Reply me =
        phone.put(
            "/api/v1/me/home", Map.of("unitId", unit.get("id"), "room", "302", "name", "刘阿姨"));
    assertThat(me.status()).as(me.text()).isEqualTo(200);
    assertThat(me.<Boolean>at("needsHome")).isFalse();
    assertThat(me.<String>at("home.room")).isEqualTo("302");
    assertThat(me.<String>at("gridPath.3.name")).isEqualTo(DemoCity.MINZHULU);
    assertThat(me.<String>at("gridPath.5.name")).isEqualTo("第1网格");
    assertThat(me.<String>at("gridLeader.name")).isEqualTo(DemoCity.LEADER_MINZHULU_1_NAME);
    assertThat(me.<String>at("gridLeader.phoneMasked")).isEqualTo("138****1001");
    assertThat(me.<String>at("gridLeader.callNumber")).isNotBlank().doesNotContain("13800001001");

    assertThat(phone.get("/api/v1/me").<String>at("gridLeader.name"))
        .isEqualTo(DemoCity.LEADER_MINZHULU_1_NAME);
  }

  @Test
  void wrongCodesCountDownAndTheFifthLocksTheCode() {
    Browser phone = browser();
    String number = Phones.fresh();
    String code = signIn().requestCode(phone, number);
    String wrong = code.equals("000000") ? "111111" : "000000";

    Browser.Reply first =
        phone.post("/api/v1/auth/otp/verify", Map.of("phone", number, "code", wrong));
    assertThat(first.status()).isEqualTo(400);
    assertThat(first.<String>at("code")).isEqualTo("otp-wrong");
    assertThat(first.<String>at("detail")).contains("4");
    for (int i = 0; i < 3; i++) {
      phone.post("/api/v1/auth/otp/verify", Map.of("phone", number, "code", wrong));
    }
    Browser.Reply fifth =
        phone.post("/api/v1/auth/otp/verify", Map.of("phone", number, "code", wrong));
    assertThat(fifth.<String>at("code")).isEqualTo("otp-locked");

    Browser.Reply rightButTooLate =
        phone.post("/api/v1/auth/otp/verify", Map.of("phone", number, "code", code));
    assertThat(rightButTooLate.status()).isEqualTo(400);
    assertThat(rightButTooLate.<String>at("code")).isEqualTo("otp-locked");
    assertThat(phone.cookies()).doesNotContainKey("ONEGRID_SESSION");
  }

  @Test
  void aCodeWorksOnlyOnce() {
    Browser phone = browser();
    String number = Phones.fresh();
    String code = signIn().requestCode(phone, number);
    assertThat(
            phone.post("/api/v1/auth/otp/verify", Map.of("phone", number, "code", code)).status())
        .isEqualTo(200);
    Browser.Reply again =
        browser().post("/api/v1/auth/otp/verify", Map.of("phone", number, "code", code));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.<String>at("code")).isEqualTo("otp-expired");
  }

  @Test
  void codesAreStoredOnlyAsHashes() {
    Browser phone = browser();
    String number = Phones.fresh();
    String code = signIn().requestCode(phone, number);
    DSLContext dsl =
        ApplicationContext.class.cast(server.getApplicationContext()).getBean(DSLContext.class);
    String stored =
        dsl.select(Tables.OTP_CODES.CODE_HASH)
            .from(Tables.OTP_CODES)
            .where(Tables.OTP_CODES.PHONE_E164.eq("+86" + number))
            .fetchSingle(Tables.OTP_CODES.CODE_HASH);
    assertThat(stored).hasSize(64).doesNotContain(code);
  }

  @Test
  void askingAgainTooSoonIs429WithRetryAfter() {
    Browser phone = browser();
    String number = Phones.fresh();
    signIn().requestCode(phone, number);
    Browser.Reply again = phone.post("/api/v1/auth/otp", Map.of("phone", number));
    assertThat(again.status()).isEqualTo(429);
    assertThat(Integer.parseInt(again.header("Retry-After"))).isBetween(1, 60);
    assertThat(again.<String>at("code")).isEqualTo("otp-resend-too-soon");
  }

  @Test
  void oneAddressCannotAskForCodesForManyPhones() {
    Browser phone = browser();
    int accepted = 0;
    int refused = 0;
    // 65 tries: more than two windows' worth, so the limit shows even if a window ends mid-test.
    for (int i = 0; i < 65; i++) {
      int status = phone.post("/api/v1/auth/otp", Map.of("phone", Phones.fresh())).status();
      if (status == 202) {
        accepted++;
      } else if (status == 429) {
        refused++;
      }
    }
    assertThat(accepted).isLessThanOrEqualTo(60);
    assertThat(refused).isGreaterThanOrEqualTo(5);
    assertThat(accepted + refused).isEqualTo(65);
  }

  @Test
  void anInvalidNumberIsAClear400InTheCallersLanguage() {
    Browser.Reply chinese = browser().post("/api/v1/auth/otp", Map.of("phone", "12345"));
    assertThat(chinese.status()).isEqualTo(400);
    assertThat(chinese.header("Content-Type")).startsWith("application/problem+json");
    assertThat(chinese.<String>at("errors.0.field")).isEqualTo("phone");
    assertThat(chinese.<String>at("errors.0.message")).isEqualTo("请填写正确的手机号码");

    Browser.Reply english =
        browser().language("en-US,en;q=0.9").post("/api/v1/auth/otp", Map.of("phone", "abc"));
    assertThat(english.<String>at("errors.0.message"))
        .isEqualTo("please enter a valid phone number");
  }

  @Test
  void numbersInOtherFormsAreTheSamePhone() {
    Browser phone = browser();
    String number = Phones.fresh();
    Browser.Reply sent =
        phone.post(
            "/api/v1/auth/otp",
            Map.of("phone", "+86 " + number.substring(0, 3) + " " + number.substring(3)));
    assertThat(sent.status()).isEqualTo(202);
    assertThat(outbox.sentTo("+86" + number, 5)).hasSize(1);
  }

  @Test
  void staffMustUseTheirPassword() {
    Browser.Reply reply =
        browser().post("/api/v1/auth/otp", Map.of("phone", DemoCity.LEADER_MINZHULU_1));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.<String>at("code")).isEqualTo("staff-use-password");
  }
}
