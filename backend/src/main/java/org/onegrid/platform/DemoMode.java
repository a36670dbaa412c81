package org.onegrid.platform;

import io.micronaut.core.value.PropertyResolver;

/**
 * Demo mode: {@code onegrid.demo.enabled} when set, otherwise on exactly when the embedded database
 * is in use. Only in demo mode is the demo city loaded and, without Twilio, every text shown in the
 * demo inbox (sign-in codes included); a deployment on its own database has neither.
 */
public final class DemoMode {

  public static final String TWILIO_ACCOUNT = "onegrid.twilio.account-sid";

  private DemoMode() {}

  public static boolean on(PropertyResolver properties) {
    return properties
        .getProperty("onegrid.demo.enabled", Boolean.class)
        .orElseGet(
            () ->
                DatabaseConfigurer.isEmbedded(
                    properties
                        .getProperty(DatabaseConfigurer.URL_PROPERTY, String.class)
                        .orElse(null)));
  }

  /** Whether the demo inbox exists: demo mode, and texts go to the log rather than to Twilio. */
  public static boolean inbox(PropertyResolver properties) {
    return on(properties) && !properties.containsProperty(TWILIO_ACCOUNT);
  }
}
