package org.onegrid.account;

import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.onegrid.db.tables.records.OtpCodesRecord;
import org.onegrid.grid.GridService;
import org.onegrid.notify.SmsOutbox;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.platform.Phones;
import org.onegrid.platform.RateLimiter;
import org.onegrid.platform.SecretStore;
import org.onegrid.platform.Tx;

/**
 * Signing in: residents with their phone and a 6-digit SMS code, staff with phone and password.
 * Codes are stored only as keyed hashes, expire, allow a few wrong tries, and requests for them are
 * limited per phone and per IP.
 */
@Singleton
class AuthService {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration QUARTER = Duration.ofMinutes(15);

  private final AccountRepository accounts;
  private final OtpRepository codes;
  private final PasswordHasher passwords;
  private final SmsOutbox sms;
  private final RateLimiter limiter;
  private final Phones phones;
  private final Messages messages;
  private final SecretStore secrets;
  private final OneGridConfig.Otp otp;
  private final OneGridConfig.Login login;
  private final Tx tx;
  private final Clock clock;
  private final Sessions sessions;
  private final GridService grids;
  private final LoginFailures failures;
  private final SecureRandom random = new SecureRandom();
  private volatile byte[] pepper;

  private final Provider<AdminChangeLog> changes;

  AuthService(
      AccountRepository accounts,
      OtpRepository codes,
      PasswordHasher passwords,
      SmsOutbox sms,
      RateLimiter limiter,
      Phones phones,
      Messages messages,
      SecretStore secrets,
      OneGridConfig.Otp otp,
      OneGridConfig.Login login,
      Tx tx,
      Clock clock,
      Sessions sessions,
      GridService grids,
      LoginFailures failures,
      Provider<AdminChangeLog> changes) {
    this.changes = changes;
    this.accounts = accounts;
    this.codes = codes;
    this.passwords = passwords;
    this.sms = sms;
    this.limiter = limiter;
    this.phones = phones;
    this.messages = messages;
    this.secrets = secrets;
    this.otp = otp;
    this.login = login;
    this.tx = tx;
    this.clock = clock;
    this.sessions = sessions;
    this.grids = grids;
    this.failures = failures;
  }

  /**
   * Texts a new sign-in code to the phone, or rings it and says the code ({@code byCall}: for
   * phones that cannot read texts, or while texts are late). Both share the limits; a call may be
   * asked for at once while texts are late.
   */
  CodeSent requestCode(String rawPhone, boolean byCall, String ip, Locale requestLocale) {
    limiter.hit("otp-ip:" + ip, otp.getPerIpPerHour(), HOUR, "rate-limited");
    String phone = phones.toE164(rawPhone, "phone");
    Optional<Account> account = accounts.findByPhone(phone);
    if (account.filter(a -> a.role().signsInWithPassword()).isPresent()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "staff-use-password");
    }
    Instant now = clock.instant();
    Optional<OtpCodesRecord> previous = codes.findLatest(phone);
    boolean textsLate = sms.delayed();
    if (previous.isPresent() && !(byCall && textsLate)) {
      Instant resendAt = previous.get().getCreatedAt().plus(otp.getResendAfter());
      if (resendAt.isAfter(now)) {
        throw ApiException.tooManyRequests("otp-resend-too-soon", Duration.between(now, resendAt));
      }
    }
    limiter.hit("otp-phone:" + phone, otp.getPerPhonePerHour(), HOUR, "rate-limited");
    String code = String.format("%06d", random.nextInt(1_000_000));
    Locale locale = account.map(Account::locale).map(messages::localeOf).orElse(requestLocale);
    tx.run(
        () -> {
          codes.insert(phone, hash(phone, code), now.plus(otp.getTtl()), now);
          if (byCall) {
            sms.call(phone, messages.get(locale, "voice.otp", spoken(code, locale)), "otp");
          } else {
            sms.enqueue(
                phone, messages.get(locale, "sms.otp", code, otp.getTtl().toMinutes()), "otp");
          }
        });
    return new CodeSent(
        Phones.mask(phone),
        otp.getResendAfter().toSeconds(),
        otp.getTtl().toSeconds(),
        textsLate,
        byCall ? "voice" : "sms");
  }

  /** Checks a code and signs in the phone's resident, creating the account on first sign-in. */
  Account verifyCode(String rawPhone, String code, String ip) {
    limiter.hit("otp-verify-ip:" + ip, otp.getPerIpPerHour() * 3, HOUR, "rate-limited");
    String phone = phones.toE164(rawPhone, "phone");
    if (code == null || !code.matches("\\d{6}")) {
      throw ApiException.invalidField("code", "validation.otp-format");
    }
    Instant now = clock.instant();
    OtpCodesRecord latest =
        codes
            .findLatest(phone)
            .filter(c -> c.getConsumedAt() == null && c.getExpiresAt().isAfter(now))
            .orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "otp-expired"));
    if (!codes.spendAttempt(latest.getId(), otp.getMaxAttempts())) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "otp-locked");
    }
    boolean right =
        MessageDigest.isEqual(
            latest.getCodeHash().getBytes(StandardCharsets.US_ASCII),
            hash(phone, code).getBytes(StandardCharsets.US_ASCII));
    if (!right) {
      int left = otp.getMaxAttempts() - latest.getAttempts() - 1;
      throw left <= 0
          ? new ApiException(HttpStatus.BAD_REQUEST, "otp-locked")
          : new ApiException(HttpStatus.BAD_REQUEST, "otp-wrong", left);
    }
    if (!codes.consume(latest.getId(), now)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "otp-expired");
    }
    long id =
        accounts.insertIfAbsent(phone, null, Role.RESIDENT, null, null, null, null, null, now);
    Account account = accounts.findById(id).orElseThrow();
    if (account.role().signsInWithPassword()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "staff-use-password");
    }
    accounts.touchLogin(id, now);
    return account;
  }

  /** Staff sign-in. The same answer for an unknown phone and a wrong password. */
  Account passwordLogin(String rawPhone, String password, String ip) {
    limiter.hit("login-ip:" + ip, login.getPerIp(), QUARTER, "rate-limited");
    String phone = phones.toE164(rawPhone, "phone");
    failures.requireMayTry(phone, ip);
    Optional<Account> account = accounts.findByPhone(phone);
    String stored = account.map(Account::passwordHash).orElse(null);
    boolean ok = passwords.matches(password == null ? "" : password, stored);
    if (!ok || account.isEmpty()) {
      failures.recordFailure(phone, ip);
      throw new ApiException(HttpStatus.UNAUTHORIZED, "bad-credentials");
    }
    failures.clear(phone, ip);
    accounts.touchLogin(account.get().id(), clock.instant());
    return account.get();
  }

  /**
   * A staff member or clinician changes their own password, giving the current one; their other
   * sessions end (the one making the change stays signed in).
   */
  void changePassword(Account account, String current, String fresh, Authentication session) {
    if (!account.role().signsInWithPassword()) {
      throw ApiException.forbidden();
    }
    limiter.hit("password-change:" + account.id(), 10, QUARTER, "rate-limited");
    if (!passwords.matches(current == null ? "" : current, account.passwordHash())) {
      throw ApiException.invalidField("currentPassword", "validation.password-wrong");
    }
    requireStrong(fresh, current);
    accounts.updatePasswordHash(account.id(), passwords.hash(fresh), clock.instant());
    sessions.endAll(account.id(), session);
  }

  /**
   * An admin resets the password of a staff member of a lower level in their subtree: every session
   * of the member ends and the member is texted a temporary password to sign in with.
   */
  void resetPassword(Account admin, Account member) {
    requireMayReset(admin, member);
    String temporary = temporaryPassword();
    tx.run(
        () -> {
          accounts.updatePasswordHash(member.id(), passwords.hash(temporary), clock.instant());
          sms.enqueue(
              member.phone(),
              messages.get(
                  messages.localeOf(member.locale()),
                  "sms.password-reset",
                  admin.displayName(),
                  temporary),
              "password-reset");
          if (member.nodeId() != null) {
            changes
                .get()
                .record(
                    admin,
                    grids.get(member.nodeId()),
                    "staff.reset-password",
                    member.displayName(),
                    null,
                    null);
          }
        });
    sessions.endAll(member.id(), null);
  }

  private void requireMayReset(Account admin, Account member) {
    if (!admin.role().isAdmin() || member.id() == admin.id()) {
      throw ApiException.forbidden();
    }
    if (!member.role().signsInWithPassword()) {
      throw ApiException.notFound();
    }
    if (member.deactivatedAt() != null) {
      throw new ApiException(HttpStatus.CONFLICT, "staff-deactivated");
    }
    boolean lower =
        member.role().isStaff()
            ? member.role().level().below(admin.role().level())
            : admin.role() == Role.CITY_ADMIN;
    boolean reaches =
        member.nodeId() == null
            ? admin.role() == Role.CITY_ADMIN
            : grids.get(admin.nodeId()).contains(grids.get(member.nodeId()));
    if (!reaches) {
      throw ApiException.notFound();
    }
    if (!lower) {
      throw ApiException.forbidden();
    }
  }

  private static void requireStrong(String fresh, String current) {
    if (fresh == null || fresh.length() < 10 || fresh.length() > 200) {
      throw ApiException.invalidField("newPassword", "validation.password-length");
    }
    if (fresh.equals(current)) {
      throw ApiException.invalidField("newPassword", "validation.password-same");
    }
  }

  String temporaryPassword() {
    String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  @Scheduled(fixedDelay = "1h", initialDelay = "10m")
  void forgetExpiredCodes() {
    codes.deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
  }

  private String hash(String phone, String code) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(pepper(), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((phone + ":" + code).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] pepper() {
    byte[] current = pepper;
    if (current == null) {
      current = secrets.getOrCreate("otp-pepper").getBytes(StandardCharsets.UTF_8);
      pepper = current;
    }
    return current;
  }

  /** What the caller is told after a code is sent. */
  @Serdeable
  record CodeSent(
      String phoneMasked,
      long resendAfterSeconds,
      long expiresInSeconds,
      /* Texts are leaving late right now: the page says so instead of a cheerful "sent". */
      boolean textsDelayed,
      /* How the code goes: "sms" or "voice". */
      String channel) {}

  /** A code as a voice reads it clearly: one digit at a time. */
  private static String spoken(String code, Locale locale) {
    String between = "zh".equals(locale.getLanguage()) ? "，" : ", ";
    return String.join(between, code.split(""));
  }
}
