package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onegrid.support.Eventually;

/**
 * The database goes away under a running OneGrid (its own MariaDB server here, as an external one
 * would be): requests are answered 503 within seconds, saying nothing was saved and when to try
 * again; /health is DOWN; when the server is back, OneGrid works again without a restart.
 */
class DatabaseOutageTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anOutageAnswers503InSecondsAndOneGridRecoversByItself() throws Exception {
    try (OwnDatabaseApp app = OwnDatabaseApp.start("outage-test", Map.of())) {
      String base = app.base();
      assertThat(askForCode(base, "13722220001").statusCode()).isEqualTo(202);

      app.killDatabase();

      long began = System.nanoTime();
      HttpResponse<String> refused = askForCode(base, "13722220002");
      Duration took = Duration.ofNanos(System.nanoTime() - began);
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(refused.body()).contains("database-unavailable").contains("没有保存");
      assertThat(took).isLessThan(Duration.ofSeconds(15));
      assertThat(get(base + "/health").statusCode()).isEqualTo(503);

      app.startDatabaseAgain();
      String health = base + "/health";
      assertThat(Eventually.read(Duration.ofSeconds(30), () -> statusOf(health), s -> s == 200))
          .isEqualTo(200);
      assertThat(askForCode(base, "13722220002").statusCode()).isEqualTo(202);
    }
  }

  private HttpResponse<String> askForCode(String base, String phone) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/otp"))
            .header("Content-Type", "application/json")
            .header("Cookie", "XSRF-TOKEN=t")
            .header("X-XSRF-TOKEN", "t")
            .header("Accept-Language", "zh-CN")
            .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int statusOf(String url) {
    try {
      return get(url).statusCode();
    } catch (Exception e) {
      return 0;
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
