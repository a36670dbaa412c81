package org.onegrid.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.onegrid.notify.OutboxMessage;
import org.onegrid.notify.SmsOutbox;

/**
 * Signs a browser in the ways people do, reading sign-in codes where the phone receives them: the
 * demo inbox (the outbox, in demo mode) or, with Twilio configured, the fake Twilio. Outside demo
 * mode the outbox keeps no code once it is sent.
 */
public final class SignIn {

  private static final Pattern CODE = Pattern.compile("(\\d{6})");
  private final Function<String, String> latestTextTo;

  public SignIn(SmsOutbox outbox) {
    this(
        e164 -> {
          List<OutboxMessage> sent = outbox.sentTo(e164, 1);
          assertThat(sent).as("an SMS to " + e164).isNotEmpty();
          return sent.get(0).body();
        });
  }

  private SignIn(Function<String, String> latestTextTo) {
    this.latestTextTo = latestTextTo;
  }

  /** Reads codes from what the fake Twilio was asked to send. */
  public static SignIn through(FakeTwilio twilio) {
    return new SignIn(
        e164 -> {
          twilio.awaitMessageTo(e164, Duration.ofSeconds(15));
          List<FakeTwilio.Message> all = twilio.messagesTo(e164);
          return all.get(all.size() - 1).body();
        });
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
    String text = latestTextTo.apply(e164);
    Matcher m = CODE.matcher(text);
    assertThat(m.find()).as(text).isTrue();
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
