package org.onegrid.platform;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every answer tells the browser about itself: a Content-Security-Policy with no inline script
 * (the app is built to files), no framing, no MIME sniffing, a same-origin referrer, geolocation
 * for this app only, and year-long caching for the content-hashed assets. Swagger UI, a page of its
 * own with inline script, gets a policy that lets it run. The Prometheus scrape answers only with
 * {@code onegrid.metrics.token} as a bearer token: the numbers say a lot about the city.
 *
 * <p>Plain filter methods rather than a reactive {@code HttpServerFilter}: they run on every
 * request, and the reactive chain around each was a few per cent of a page's CPU.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeaders implements Ordered {

  static final String APP_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data: blob:%s; font-src 'self' data:; connect-src 'self';"
          + " worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'none'";
  static final String SWAGGER_POLICY =
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
  private static final List<String> METRICS = List.of("/prometheus");

  @Nullable private final byte[] metricsToken;
  private final ProblemResponses problems;
  private final String appPolicy;

  SecurityHeaders(
      @Nullable @Value("${onegrid.metrics.token:}") String metricsToken,
      @Nullable @Value("${onegrid.map.tile-url:}") String tileUrl,
      ProblemResponses problems) {
    this.appPolicy = String.format(APP_POLICY, tileOrigin(tileUrl));
    this.metricsToken =
        metricsToken == null || metricsToken.isBlank()
            ? null
            : metricsToken.getBytes(StandardCharsets.UTF_8);
    this.problems = problems;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }

  /** The Prometheus scrape without its token is not found; every other request goes on. */
  @RequestFilter
  @Nullable
  MutableHttpResponse<?> guardMetrics(HttpRequest<?> request) {
    String path = request.getPath();
    if (METRICS.stream().anyMatch(path::startsWith) && !scrapeAllowed(request)) {
      return decorate(path, problems.of(request, HttpStatus.NOT_FOUND, "not-found", List.of()));
    }
    return null;
  }

  @ResponseFilter
  void decorate(HttpRequest<?> request, MutableHttpResponse<?> response) {
    decorate(request.getPath(), response);
  }

  private boolean scrapeAllowed(HttpRequest<?> request) {
    String header = request.getHeaders().get("Authorization");
    if (metricsToken == null || header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(
        metricsToken, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The base map's tile host for img-src (" https://*.example.com" when the URL has {s} for several
   * hosts), or nothing when no tiles are configured.
   */
  static String tileOrigin(@Nullable String tileUrl) {
    if (tileUrl == null || tileUrl.isBlank()) {
      return "";
    }
    Matcher m = Pattern.compile("^(https?://)([^/?#]+)").matcher(tileUrl.trim());
    if (!m.find()) {
      return "";
    }
    String host = m.group(2).replaceAll("[^.]*\\{s}[^.]*", "*");
    return " " + m.group(1) + host;
  }

  private MutableHttpResponse<?> decorate(String path, MutableHttpResponse<?> response) {
    var headers = response.getHeaders();
    headers.set(
        "Content-Security-Policy", path.startsWith("/swagger-ui") ? SWAGGER_POLICY : appPolicy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "same-origin");
    headers.set(
        "Permissions-Policy",
        "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()");
    if (path.startsWith("/assets/") && response.status().getCode() == 200) {
      headers.set("Cache-Control", "public, max-age=31536000, immutable");
    } else if (path.equals("/") || path.endsWith(".html")) {
      // The page names the current assets: a browser must not keep an old one.
      headers.set("Cache-Control", "no-cache");
    }
    return response;
  }
}
