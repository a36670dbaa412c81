package org.onegrid.account;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side identity of sessions. The signed cookie carries a session id ({@code sid}); a session
 * is valid while its row is neither revoked nor expired. Each instance remembers a check for a few
 * seconds ({@code onegrid.sessions.check-every}), so a session revoked on one instance is refused
 * by every instance within that time, and by this one at once.
 *
 * <p>Residents stay signed in on their phone ({@code onegrid.sessions.resident-lifetime}, 90 days);
 * staff and clinicians, who see other people's data, sign in again daily ({@code
 * onegrid.sessions.staff-lifetime}, 24 hours).
 */
@Singleton
public class Sessions implements GenericJwtClaimsValidator<HttpRequest<?>> {

  public static final String CLAIM = "sid";

  private final SessionRepository sessions;
  private final Clock clock;
  private final Duration residentLifetime;
  private final Duration staffLifetime;
  private final Duration checkEvery;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Checked> checked = new ConcurrentHashMap<>();

  Sessions(
      SessionRepository sessions,
      Clock clock,
      @Value("${onegrid.sessions.resident-lifetime:90d}") Duration residentLifetime,
      @Value("${onegrid.sessions.staff-lifetime:24h}") Duration staffLifetime,
      @Value("${onegrid.sessions.check-every:5s}") Duration checkEvery) {
    this.sessions = sessions;
    this.clock = clock;
    this.residentLifetime = residentLifetime;
    this.staffLifetime = staffLifetime;
    this.checkEvery = checkEvery;
  }

  /** A new session for the account; its id goes into the cookie. */
  public Opened open(Account account, @Nullable String userAgent) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Duration lifetime = lifetime(account.role());
    Instant now = clock.instant();
    sessions.insert(
        id,
        account.id(),
        now,
        now.plus(lifetime),
        userAgent == null ? null : userAgent.substring(0, Math.min(200, userAgent.length())));
    return new Opened(id, lifetime);
  }

  Duration lifetime(Role role) {
    return role.signsInWithPassword() ? staffLifetime : residentLifetime;
  }

  /** Ends the session the request came with. */
  public void end(@Nullable Authentication auth) {
    String id = idOf(auth);
    if (id != null) {
      sessions.revoke(id, clock.instant());
      checked.remove(id);
    }
  }

  /** Ends every session of the account, or all but the one {@code keep} belongs to. */
  public void endAll(long accountId, @Nullable Authentication keep) {
    sessions.revokeAll(accountId, idOf(keep), clock.instant());
    checked.entrySet().removeIf(e -> e.getValue().accountId() == accountId);
  }

  @Override
  public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
    Object sid = claims.get(CLAIM);
    Object subject = claims.get(Claims.SUBJECT);
    if (!(sid instanceof String id) || subject == null) {
      return false;
    }
    long accountId;
    try {
      accountId = Long.parseLong(subject.toString());
    } catch (NumberFormatException e) {
      return false;
    }
    Boolean recent = recentCheck(id, accountId);
    if (recent != null) {
      return recent;
    }
    boolean live = sessions.isLive(id, accountId, clock.instant());
    checked.put(id, new Checked(accountId, live, System.nanoTime()));
    if (checked.size() > 100_000) {
      checked.clear();
    }
    return live;
  }

  /**
   * Whether the session is live as this instance checked it within {@code check-every}, or null
   * when it has not (the database is to be asked).
   */
  @Nullable
  Boolean recentCheck(String id, long accountId) {
    Checked last = checked.get(id);
    if (last != null
        && last.accountId() == accountId
        && System.nanoTime() - last.at() < checkEvery.toNanos()) {
      return last.live();
    }
    return null;
  }

  @Scheduled(fixedDelay = "1h", initialDelay = "7m")
  void forgetEnded() {
    sessions.deleteEndedBefore(clock.instant().minus(Duration.ofDays(1)));
  }

  private static @Nullable String idOf(@Nullable Authentication auth) {
    return auth == null ? null : auth.getAttributes().get(CLAIM) instanceof String s ? s : null;
  }

  /** A session just opened: its id and how long it lasts. */
  public record Opened(String id, Duration lifetime) {}

  private record Checked(long accountId, boolean live, long at) {}
}
