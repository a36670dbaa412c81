package org.onegrid.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.onegrid.notify.OutboxMessage;
import org.onegrid.notify.SmsOutbox;

/**
 * Signs a browser in the ways people do, reading sign-in codes from the SMS outbox as a phone would
 * receive them.
 */
public final class SignIn {

  private static final Pattern CODE = Pattern.compile("(\\d{6})");
  private final SmsOutbox outbox;

  public SignIn(SmsOutbox outbox) {
    this.outbox = outbox;
  }

  public Browser.Reply staff(Browser browser, String phone) {
    Browser.Reply reply =
        browser.post(
            "/api/v1/auth/login", Map.of("phone", phone, "password", DemoCity.STAFF_PASSWORD));
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply;
  }

  /** Requests a code for the phone and returns the code from the text message it received. */
  public String requestCode(Browser browser, String phone) {
    Browser.Reply reply = browser.post("/api/v1/auth/otp", Map.of("phone", phone));
    assertThat(reply.status()).as(reply.text()).isEqualTo(202);
    return latestCode(phone);
  }

  public String latestCode(String phone) {
    String e164 = phone.startsWith("+") ? phone : "+86" + phone;
    List<OutboxMessage> sent = outbox.sentTo(e164, 1);
    assertThat(sent).as("an SMS to " + e164).isNotEmpty();
    Matcher m = CODE.matcher(sent.get(0).body());
    assertThat(m.find()).as(sent.get(0).body()).isTrue();
    return m.group(1);
  }

  public Browser.Reply resident(Browser browser, String phone) {
    String code = requestCode(browser, phone);
    Browser.Reply reply =
        browser.post("/api/v1/auth/otp/verify", Map.of("phone", phone, "code", code));
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply;
  }
}
