package org.onegrid.notify;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Used when no Twilio account is configured: every message is printed to the log and shown in the
 * demo inbox page, so that a newcomer can finish a phone sign-in in the browser without a phone.
 */
@Singleton
@Requires(missingProperty = TwilioSmsSender.ACCOUNT_SID)
final class LogSmsSender implements SmsSender {

  private static final Logger LOG = LoggerFactory.getLogger("onegrid.sms");
  private final AtomicLong sequence = new AtomicLong();

  @Override
  public String name() {
    return "log";
  }

  @Override
  public Result send(String toE164, String body) {
    LOG.info("SMS to {}: {}", toE164, body);
    return new Accepted(
        "LOG" + System.currentTimeMillis() + "-" + sequence.incrementAndGet(), "delivered");
  }

  @Override
  public Result call(String toE164, String words) {
    LOG.info("Phone call to {} says: {}", toE164, words);
    return new Accepted(
        "LOGCALL" + System.currentTimeMillis() + "-" + sequence.incrementAndGet(), "completed");
  }
}
