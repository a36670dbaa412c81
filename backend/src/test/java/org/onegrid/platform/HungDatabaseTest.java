package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.onegrid.notify.SmsOutbox;
import org.onegrid.support.Eventually;

/**
 * The database hangs (its server stopped with SIGSTOP: connections stay open, nothing answers)
 * while signed-in phones keep asking: their session checks wait, on the pool that serves requests,
 * and never on Netty's event loop, whose few threads read and write every connection. A request
 * that needs no database is answered while they wait.
 */
class HungDatabaseTest {

  private static final Pattern CODE = Pattern.compile("(\\d{6})");

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void signedInRequestsWaitingOnAHungDatabaseHoldUpNoOtherRequest() throws Exception {
    OwnDatabaseApp app =
        OwnDatabaseApp.start(
            "hung-test",
            // Every request checks its session in the database, as a token not seen lately does.
            Map.of("onegrid.sessions.check-every", "0s"));
    long server = app.database().pid();
    List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
    try {
      String base = app.base();
      String cookie = signIn(base, app.context().getBean(SmsOutbox.class));
      assertThat(send(get(base + "/api/v1/me", cookie)).statusCode()).isEqualTo(200);

      signal("STOP", server);
      for (int i = 0; i < 8; i++) {
        waiting.add(http.sendAsync(get(base + "/api/v1/me", cookie), body()));
      }
      // Until every one of them waits on the database in its session check.
      Eventually.read(Duration.ofSeconds(20), HungDatabaseTest::checksWaiting, n -> n >= 8);

      assertThat(checksWaitingOnTheEventLoop()).isEmpty();
      HttpResponse<String> meanwhile = send(get(base + "/api/v1/auth/csrf", null));
      assertThat(meanwhile.statusCode()).isEqualTo(204);
      assertThat(waiting).noneMatch(CompletableFuture::isDone);
    } finally {
      signal("CONT", server);
      for (CompletableFuture<HttpResponse<String>> w : waiting) {
        w.handle((r, e) -> r).get(60, TimeUnit.SECONDS);
      }
      app.close();
    }
  }

  private String signIn(String base, SmsOutbox outbox) throws Exception {
    String phone = "13722230001";
    send(post(base + "/api/v1/auth/otp", "{\"phone\":\"" + phone + "\"}"));
    Matcher code = CODE.matcher(outbox.sentTo("+86" + phone, 1).get(0).body());
    assertThat(code.find()).isTrue();
    HttpResponse<String> verified =
        send(
            post(
                base + "/api/v1/auth/otp/verify",
                "{\"phone\":\"" + phone + "\",\"code\":\"" + code.group(1) + "\"}"));
    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
    return verified.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("ONEGRID_SESSION="))
        .map(c -> c.substring(0, c.indexOf(';')))
        .findFirst()
        .orElseThrow();
  }

  /** Threads of this JVM inside a session check that reads the database. */
  private static int checksWaiting() {
    return (int)
        Thread.getAllStackTraces().values().stream()
            .filter(HungDatabaseTest::checksSession)
            .count();
  }

  private static List<String> checksWaitingOnTheEventLoop() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().contains("eventLoop") && checksSession(e.getValue()))
        .map(e -> e.getKey().getName())
        .toList();
  }

  private static boolean checksSession(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().equals("org.onegrid.account.SessionRepository")) {
        return true;
      }
    }
    return false;
  }

  private static void signal(String signal, long pid) throws Exception {
    new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, body());
  }

  private static HttpResponse.BodyHandler<String> body() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static HttpRequest get(String url, String cookie) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return b.build();
  }

  private static HttpRequest post(String url, String json) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .header("Cookie", "XSRF-TOKEN=t")
        .header("X-XSRF-TOKEN", "t")
        .header("Accept-Language", "zh-CN")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }
}
