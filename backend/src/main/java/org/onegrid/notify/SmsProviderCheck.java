package org.onegrid.notify;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import org.onegrid.platform.DemoMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start a deployment that has no way to text anyone: on its own database (not a demo),
 * without Twilio, sign-in codes would only be printed to a log nobody reads. The operator sets up
 * Twilio or says on purpose that the log is enough ({@code onegrid.sms.provider=log}).
 */
@Context
@Requires(missingProperty = DemoMode.TWILIO_ACCOUNT)
final class SmsProviderCheck {

  private static final Logger LOG = LoggerFactory.getLogger(SmsProviderCheck.class);

  SmsProviderCheck(Environment environment) {
    boolean chosen =
        "log".equals(environment.getProperty("onegrid.sms.provider", String.class).orElse(null));
    if (!DemoMode.on(environment) && !chosen) {
      String why =
          "No SMS provider: OneGrid runs on a configured database, so residents' sign-in codes must"
              + " reach their phones. Configure Twilio (ONEGRID_TWILIO_ACCOUNT_SID,"
              + " ONEGRID_TWILIO_AUTH_TOKEN, ONEGRID_TWILIO_FROM_NUMBER) or, knowingly, set"
              + " ONEGRID_SMS_PROVIDER=log to only print texts to the log (nobody receives them).";
      LOG.error(why);
      throw new IllegalStateException(why);
    }
    if (!DemoMode.on(environment)) {
      LOG.warn("SMS go to the log only (onegrid.sms.provider=log): nobody receives them");
    }
  }
}
