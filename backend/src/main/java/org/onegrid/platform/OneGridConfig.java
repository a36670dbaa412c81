package org.onegrid.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Every {@code onegrid.*} property; docs/operators.md lists them with their environment variables.
 */
@ConfigurationProperties("onegrid")
public class OneGridConfig {

  /** Zone in which times are shown to people; stored times are always UTC. */
  private ZoneId timeZone = ZoneId.of("Asia/Shanghai");

  /** Region used to read phone numbers written without a country code. */
  private String defaultRegion = "CN";

  /** Public base URL of this deployment, as residents and Twilio reach it. */
  @Nullable private String publicUrl;

  public ZoneId getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(ZoneId timeZone) {
    this.timeZone = timeZone;
  }

  public String getDefaultRegion() {
    return defaultRegion;
  }

  public void setDefaultRegion(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  @Nullable
  public String getPublicUrl() {
    return publicUrl;
  }

  public void setPublicUrl(@Nullable String publicUrl) {
    this.publicUrl = publicUrl;
  }

  /** Phone sign-in codes. */
  @ConfigurationProperties("otp")
  public static class Otp {
    private Duration ttl = Duration.ofMinutes(5);
    private int maxAttempts = 5;
    private Duration resendAfter = Duration.ofSeconds(60);
    private int perPhonePerHour = 5;
    private int perIpPerHour = 30;

    public Duration getTtl() {
      return ttl;
    }

    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getResendAfter() {
      return resendAfter;
    }

    public void setResendAfter(Duration resendAfter) {
      this.resendAfter = resendAfter;
    }

    public int getPerPhonePerHour() {
      return perPhonePerHour;
    }

    public void setPerPhonePerHour(int perPhonePerHour) {
      this.perPhonePerHour = perPhonePerHour;
    }

    public int getPerIpPerHour() {
      return perIpPerHour;
    }

    public void setPerIpPerHour(int perIpPerHour) {
      this.perIpPerHour = perIpPerHour;
    }
  }

  /** Password sign-in for staff: tries allowed per phone and per IP address in 15 minutes. */
  @ConfigurationProperties("login")
  public static class Login {
    private int freeTries = 5;
    private int perIp = 50;

    /** Wrong passwords per account and address before each further try must wait. */
    public int getFreeTries() {
      return freeTries;
    }

    public void setFreeTries(int freeTries) {
      this.freeTries = freeTries;
    }

    public int getPerIp() {
      return perIp;
    }

    public void setPerIp(int perIp) {
      this.perIp = perIp;
    }
  }
}
