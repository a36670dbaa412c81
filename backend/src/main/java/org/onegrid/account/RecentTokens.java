package org.onegrid.account;

import com.nimbusds.jwt.JWT;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Remembers the cookies it has seen validated, so that a phone's next requests skip parsing and
 * re-checking the signature (measured: an eighth of the app's CPU under load). A remembered token
 * is taken only before its expiry and while {@link Sessions} holds a recent answer that its session
 * is live: a session ended on this instance is refused at once, on another within {@code
 * onegrid.sessions.check-every}, exactly as without this. Anything else (a new token, a stale
 * session check, a refused token) is checked in full by Micronaut's JWT validator, on the blocking
 * pool; this is the only token validator.
 */
@Singleton
class RecentTokens implements TokenValidator<HttpRequest<?>> {

  /** Tokens remembered at most; past it all are forgotten (about 1 KB each). */
  static final int AT_MOST = 50_000;

  private final JsonWebTokenValidator<JWT, HttpRequest<?>> jwt;
  private final JwtAuthenticationFactory authentications;
  private final Sessions sessions;
  private final Clock clock;
  private final Scheduler blocking;
  private final Map<String, Valid> valid = new ConcurrentHashMap<>();
  private final LongAdder remembered = new LongAdder();

  private record Valid(Authentication authentication, String sid, long accountId, Instant until) {}

  RecentTokens(
      JsonWebTokenValidator<JWT, HttpRequest<?>> jwt,
      JwtAuthenticationFactory authentications,
      Sessions sessions,
      Clock clock,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.jwt = jwt;
    this.authentications = authentications;
    this.sessions = sessions;
    this.clock = clock;
    this.blocking = Schedulers.fromExecutorService(blocking);
  }

  @Override
  public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
    Valid known = valid.get(token);
    if (known != null) {
      Boolean live = sessions.recentCheck(known.sid(), known.accountId());
      if (Boolean.TRUE.equals(live) && clock.instant().isBefore(known.until())) {
        remembered.increment();
        return Publishers.just(known.authentication());
      }
      valid.remove(token);
      if (Boolean.FALSE.equals(live)) {
        return Publishers.empty();
      }
    }
    // Checking a token not remembered reads its session row (Sessions): on the blocking pool, as
    // controllers do, never on the event loop, where a slow or stopped database would hold up
    // every other connection that loop serves for as long as the pool waits. Micronaut's own
    // reactive validator, which would check it again on the event loop, is switched off
    // (micronaut.security.token.jwt.nimbus.reactive-validator in application.yml).
    return Mono.fromCallable(() -> check(token, request)).subscribeOn(blocking);
  }

  /** Signature, expiry and claims (the session live) checked; null when refused. */
  private @Nullable Authentication check(String token, HttpRequest<?> request) {
    Authentication auth =
        jwt.validate(token, request).flatMap(authentications::createAuthentication).orElse(null);
    if (auth != null) {
      remember(token, auth);
    }
    return auth;
  }

  private void remember(String token, Authentication auth) {
    Map<String, Object> claims = auth.getAttributes();
    Instant until = instantOf(claims.get(Claims.EXPIRATION_TIME));
    if (!(claims.get(Sessions.CLAIM) instanceof String sid) || until == null) {
      return;
    }
    long accountId;
    try {
      accountId = Long.parseLong(auth.getName());
    } catch (NumberFormatException e) {
      return;
    }
    if (valid.size() >= AT_MOST) {
      valid.clear();
    }
    valid.put(token, new Valid(auth, sid, accountId, until));
  }

  private static Instant instantOf(Object exp) {
    if (exp instanceof Date date) {
      return date.toInstant();
    }
    if (exp instanceof Instant instant) {
      return instant;
    }
    if (exp instanceof Number seconds) {
      return Instant.ofEpochSecond(seconds.longValue());
    }
    return null;
  }

  /** Requests answered from a remembered token since start (for tests and metrics). */
  long rememberedCount() {
    return remembered.sum();
  }

  /** Before Micronaut's validator, which runs only when this one answers nothing. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
