package org.onegrid.platform;

import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Requests to this instance over loopback, without a session: the server's connection handling,
 * routing, the security and CSRF filters, and answers both given (the public configuration,
 * Open311's services) and refused (401 as problem+json) go through the code every request takes.
 */
@Singleton
@Requires(beans = EmbeddedServer.class)
final class HttpWarmUp implements WarmUpTask {

  private static final List<String> PATHS =
      List.of(
          "/api/v1/config",
          "/api/v1/baseline",
          "/api/v1/me/problems",
          "/api/v1/staff/problems?state=SUBMITTED",
          "/open311/v2/services.json");

  private final EmbeddedServer server;
  private final HttpClient client;

  HttpWarmUp(EmbeddedServer server) throws GeneralSecurityException {
    this.server = server;
    // Plain HTTP to this instance only: a TLS context that trusts no one, so that making the
    // client does not load the JVM's trusted certificates (tenths of a second of a restart).
    SSLContext none = SSLContext.getInstance("TLS");
    none.init(null, new TrustManager[0], null);
    this.client =
        HttpClient.newBuilder().sslContext(none).connectTimeout(Duration.ofSeconds(1)).build();
  }

  @Override
  public void run(int round) throws Exception {
    URI base = URI.create("http://127.0.0.1:" + server.getPort());
    for (String path : PATHS) {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve(path))
              .header("Accept-Language", round % 4 == 3 ? "en" : "zh-CN")
              .timeout(Duration.ofSeconds(2))
              .build();
      client.send(request, HttpResponse.BodyHandlers.discarding());
    }
  }
}
