package org.onegrid.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The virtual users' HTTP: one keep-alive client on loopback, sessions as the app's own cookies.
 * Sessions are signed with the secret the benchmark gave the app ({@code
 * onegrid.security.session-secret}), as the sign-in endpoints would sign them, so that a thousand
 * virtual users do not meet the sign-in rate limits meant for people.
 */
final class Http {

  /** A signed-in person: the session cookie and the CSRF token echoed on writes. */
  record Session(long accountId, String role, String cookie, String csrf) {}

  /** A response other than 2xx. */
  static final class Failed extends IOException {
    Failed(String what) {
      super(what);
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String base;
  private final byte[] secret;
  private final Connection db;

  Http(String base, String secret, Connection db) {
    this.base = base;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.db = db;
  }

  /**
   * A session as a sign-in makes it: a session row (which the app checks on every request) and a
   * cookie naming it.
   */
  Session session(long accountId, String role) {
    long now = Instant.now().getEpochSecond();
    String sid = UUID.randomUUID().toString().replace("-", "");
    synchronized (db) {
      try (PreparedStatement insert =
          db.prepareStatement(
              "INSERT INTO sessions (id, account_id, created_at, expires_at)"
                  + " VALUES (?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 1 DAY)")) {
        insert.setString(1, sid);
        insert.setLong(2, accountId);
        insert.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException("Could not open a session for account " + accountId, e);
      }
    }
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String claims =
        b64(
            "{\"sub\":\""
                + accountId
                + "\",\"roles\":[\""
                + role
                + "\"],\"sid\":\""
                + sid
                + "\",\"iat\":"
                + now
                + ",\"nbf\":"
                + now
                + ",\"exp\":"
                + (now + 86_400)
                + "}");
    String token = header + "." + claims + "." + sign(header + "." + claims);
    String csrf = UUID.randomUUID().toString();
    return new Session(accountId, role, "ONEGRID_SESSION=" + token + "; XSRF-TOKEN=" + csrf, csrf);
  }

  String get(Session who, String path) throws IOException, InterruptedException {
    HttpRequest.Builder request = request(who, path).GET();
    return send(request.build());
  }

  String post(Session who, String path, String json, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        request(who, path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request.build());
  }

  /** The app's Prometheus metrics, with the scrape token it was given. */
  String metrics(String token) throws IOException, InterruptedException {
    return send(
        request(null, "/prometheus")
            .setHeader("Accept", "text/plain")
            .header("Authorization", "Bearer " + token)
            .build());
  }

  private HttpRequest.Builder request(Session who, String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json")
            .header("Accept-Language", "zh-CN");
    if (who != null) {
      b.header("Cookie", who.cookie()).header("X-XSRF-TOKEN", who.csrf());
    }
    return b;
  }

  private String send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      String body = response.body();
      throw new Failed(
          request.method()
              + " "
              + request.uri().getRawPath()
              + " → "
              + response.statusCode()
              + " "
              + (body.length() > 300 ? body.substring(0, 300) : body));
    }
    return response.body();
  }

  private String sign(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
