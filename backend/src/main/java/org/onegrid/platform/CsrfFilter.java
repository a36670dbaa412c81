package org.onegrid.platform;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.filter.ServerFilterPhase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Double-submit CSRF protection for every state-changing API call. The browser holds a random token
 * in a cookie that scripts of this origin can read (the session cookie itself is HttpOnly) and
 * echoes it in a header; another site can make the browser send the cookie but cannot read it to
 * set the header. Twilio webhooks are exempt: they carry no cookie and are signature-checked
 * instead.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class CsrfFilter implements Ordered {

  static final String COOKIE = "XSRF-TOKEN";
  static final String HEADER = "X-XSRF-TOKEN";
  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
  private static final List<String> EXEMPT = List.of("/api/v1/webhooks/");
  private final SecureRandom random = new SecureRandom();
  private final ProblemResponses problems;

  CsrfFilter(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }

  /** A state-changing API call without the cookie's token in its header is refused. */
  @RequestFilter
  @Nullable
  MutableHttpResponse<?> check(HttpRequest<?> request) {
    if (needsToken(request) && !matches(cookieToken(request), request.getHeaders().get(HEADER))) {
      return problems.of(request, HttpStatus.FORBIDDEN, "csrf", List.of());
    }
    return null;
  }

  /** A browser that has no token yet is given one with whatever answer it gets. */
  @ResponseFilter
  void issue(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (cookieToken(request) == null) {
      response.cookie(
          Cookie.of(COOKIE, newToken())
              .path("/")
              .httpOnly(false)
              .sameSite(SameSite.Strict)
              .secure(request.isSecure()));
    }
  }

  @Nullable
  private static String cookieToken(HttpRequest<?> request) {
    return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null);
  }

  private static boolean needsToken(HttpRequest<?> request) {
    String path = request.getPath();
    return !SAFE.contains(request.getMethod())
        && path.startsWith("/api/")
        && EXEMPT.stream().noneMatch(path::startsWith);
  }

  private static boolean matches(String cookieToken, String headerToken) {
    if (cookieToken == null || headerToken == null || cookieToken.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        cookieToken.getBytes(StandardCharsets.UTF_8), headerToken.getBytes(StandardCharsets.UTF_8));
  }

  private String newToken() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
