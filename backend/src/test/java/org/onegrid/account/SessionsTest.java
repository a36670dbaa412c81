package org.onegrid.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.onegrid.db.Tables;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Phones;

/**
 * A session is a row on the server: signing out, signing out everywhere, a password change and an
 * admin's reset end it, and a copy of the cookie stops working with it.
 */
@MicronautTest
class SessionsTest extends ApiTest {

  /** The same cookies in another browser, as someone who copied them would hold them. */
  Browser copyOf(Browser original) {
    Browser copy = browser();
    copy.cookies().putAll(original.cookies());
    return copy;
  }

  @Test
  void signingOutEndsTheSessionAlsoForACopiedCookie() {
    Browser phone = resident(Phones.fresh());
    Browser stolen = copyOf(phone);
    assertThat(stolen.get("/api/v1/me").status()).isEqualTo(200);

    assertThat(phone.post("/api/v1/auth/logout", Map.of()).status()).isEqualTo(204);
    assertThat(phone.get("/api/v1/me").status()).isEqualTo(401);
    assertThat(stolen.get("/api/v1/me").status()).isEqualTo(401);
  }

  @Inject RecentTokens tokens;

  @Test
  void aCookieSeenBeforeSkipsTheSignatureCheckButNeverOutlivesItsSession() {
    Browser phone = resident(Phones.fresh());
    Browser stolen = copyOf(phone);
    assertThat(phone.get("/api/v1/me").status()).isEqualTo(200);
    long before = tokens.rememberedCount();
    assertThat(stolen.get("/api/v1/me").status()).isEqualTo(200);
    assertThat(phone.get("/api/v1/me").status()).isEqualTo(200);
    assertThat(tokens.rememberedCount()).isGreaterThanOrEqualTo(before + 2);

    assertThat(phone.post("/api/v1/auth/logout", Map.of()).status()).isEqualTo(204);
    assertThat(stolen.get("/api/v1/me").status()).isEqualTo(401);
    // A cookie altered at its signature is another token: checked in full, and refused.
    Browser signedIn = resident(Phones.fresh());
    String jwt = signedIn.cookies().get("ONEGRID_SESSION");
    assertThat(jwt).isNotNull();
    Browser forged = browser();
    forged
        .cookies()
        .put(
            "ONEGRID_SESSION",
            jwt.substring(0, jwt.length() - 2) + (jwt.endsWith("AA") ? "BB" : "AA"));
    assertThat(forged.get("/api/v1/me").status()).isEqualTo(401);
    assertThat(signedIn.get("/api/v1/me").status()).isEqualTo(200);
  }

  @Inject DSLContext db;

  @Test
  void whoIsSignedInIsReadOncePerCheckAndAChangeMadeHereShowsAtOnce() {
    Browser phone = resident(Phones.fresh());
    long id = phone.get("/api/v1/me").<Number>at("id").longValue();
    // Another instance renames them: this one answers from what it read (within check-every) …
    db.update(Tables.ACCOUNTS)
        .set(Tables.ACCOUNTS.NAME, "别处改的")
        .where(Tables.ACCOUNTS.ID.eq(id))
        .execute();
    assertThat(phone.get("/api/v1/me").<String>at("name")).isNotEqualTo("别处改的");
    // … while a change made through this instance shows on the very next request.
    assertThat(phone.patch("/api/v1/me", Map.of("name", "本机改的")).status()).isLessThan(300);
    assertThat(phone.get("/api/v1/me").<String>at("name")).isEqualTo("本机改的");
  }

  @Test
  void signingOutOnAllDevicesEndsEverySessionOfThePerson() {
    Browser phone = staff(DemoCity.LEADER_MINZHULU_2);
    Browser tablet = staff(DemoCity.LEADER_MINZHULU_2);
    Browser someoneElse = staff(DemoCity.LEADER_MINZHULU_1);

    assertThat(phone.post("/api/v1/me/sessions/end-all", Map.of()).status()).isEqualTo(204);
    assertThat(tablet.get("/api/v1/me").status()).isEqualTo(401);
    assertThat(phone.get("/api/v1/me").status()).isEqualTo(401);
    assertThat(someoneElse.get("/api/v1/me").status()).isEqualTo(200);
  }

  @Test
  void anAdminResetsAStaffPasswordAndTheMemberChangesItBack() {
    Browser workerAtWork = staff(DemoCity.WORKER_MINZHULU_1);
    long workerId = workerAtWork.get("/api/v1/me").<Number>at("id").longValue();
    String reset = "/api/v1/staff/members/" + workerId + "/password-reset";

    // Only admins above the member, in whose subtree the member works, may reset it.
    assertThat(staff(DemoCity.LEADER_MINZHULU_1).post(reset, Map.of()).status()).isEqualTo(403);
    assertThat(staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU).post(reset, Map.of()).status())
        .isEqualTo(404);
    assertThat(workerAtWork.get("/api/v1/me").status()).isEqualTo(200);

    Browser admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    assertThat(admin.post(reset, Map.of()).status()).isEqualTo(204);
    assertThat(workerAtWork.get("/api/v1/me").status()).isEqualTo(401);
    String text = outbox.sentTo("+86" + DemoCity.WORKER_MINZHULU_1, 1).get(0).body();
    Matcher m = Pattern.compile("临时密码：(\\w+)").matcher(text);
    assertThat(m.find()).as(text).isTrue();
    String temporary = m.group(1);
    assertThat(login(browser(), DemoCity.STAFF_PASSWORD).status()).isEqualTo(401);

    Browser laptop = browser();
    assertThat(login(laptop, temporary).status()).isEqualTo(200);
    Browser phone = browser();
    assertThat(login(phone, temporary).status()).isEqualTo(200);

    Browser.Reply wrong =
        laptop.put(
            "/api/v1/me/password",
            Map.of("currentPassword", "not-it-at-all", "newPassword", DemoCity.STAFF_PASSWORD));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.text()).contains("currentPassword");
    Browser.Reply tooShort =
        laptop.put(
            "/api/v1/me/password", Map.of("currentPassword", temporary, "newPassword", "short"));
    assertThat(tooShort.status()).isEqualTo(400);

    Browser.Reply changed =
        laptop.put(
            "/api/v1/me/password",
            Map.of("currentPassword", temporary, "newPassword", DemoCity.STAFF_PASSWORD));
    assertThat(changed.status()).as(changed.text()).isEqualTo(204);
    assertThat(laptop.get("/api/v1/me").status()).isEqualTo(200);
    assertThat(phone.get("/api/v1/me").status()).isEqualTo(401);
    assertThat(login(browser(), temporary).status()).isEqualTo(401);
    assertThat(login(browser(), DemoCity.STAFF_PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void residentsHaveNoPasswordToChange() {
    Browser resident = resident(Phones.fresh());
    assertThat(
            resident
                .put(
                    "/api/v1/me/password",
                    Map.of("currentPassword", "anything-at-all", "newPassword", "something-new-1"))
                .status())
        .isEqualTo(403);
  }

  Browser.Reply login(Browser b, String password) {
    return b.post(
        "/api/v1/auth/login", Map.of("phone", DemoCity.WORKER_MINZHULU_1, "password", password));
  }
}
