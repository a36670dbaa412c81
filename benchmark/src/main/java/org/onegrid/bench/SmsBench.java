package org.onegrid.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast texts leave, through the real Twilio SDK to a local Twilio that answers after a set
 * latency (as the real one does, a few hundred milliseconds): messages per second through the
 * outbox, and how long a resident waits for a sign-in code while a notice texts thousands of
 * residents (goal: under 5 s).
 *
 * <pre>
 * java -cp benchmark/target/onegrid-bench.jar org.onegrid.bench.SmsBench \
 *     [--messages 2000] [--notice 10000] [--latency-ms 200] [--concurrency 4]
 * </pre>
 */
public final class SmsBench {

  /** What was measured. */
  public record Result(
      int messages,
      Duration latency,
      int concurrency,
      double perSecond,
      int notice,
      Duration codeDelay,
      int noticeSentBeforeCode) {

    String markdown() {
      return String.format(
          Locale.ROOT,
          """
          | SMS through a Twilio answering after %d ms, %d sends in flight | measured | goal |
          | --- | ---: | --- |
          | texts per second (%,d queued at once) | %.1f | concurrency ÷ latency = %.1f |
          | sign-in code delay behind a %,d-resident notice | %.2f s | < 5 s |
          | notice texts sent before the code | %,d | |
          """,
          latency.toMillis(),
          concurrency,
          messages,
          perSecond,
          concurrency * 1000.0 / latency.toMillis(),
          notice,
          codeDelay.toMillis() / 1000.0,
          noticeSentBeforeCode);
    }
  }

  private SmsBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    run(
        Path.of(o.getOrDefault("app-jar", "backend/target/onegrid.jar")),
        Path.of(
            o.getOrDefault("data-dir", System.getProperty("user.home") + "/.onegrid/sms-bench")),
        Integer.parseInt(o.getOrDefault("messages", "2000")),
        Integer.parseInt(o.getOrDefault("notice", "10000")),
        Duration.ofMillis(Long.parseLong(o.getOrDefault("latency-ms", "200"))),
        Integer.parseInt(o.getOrDefault("concurrency", "4")),
        System.out);
  }

  public static Result run(
      Path jar,
      Path dataDir,
      int messages,
      int notice,
      Duration latency,
      int concurrency,
      PrintStream out)
      throws Exception {
    Progress progress = new Progress(out);
    Bench.deleteTree(dataDir);
    LatencyTwilio twilio = LatencyTwilio.start(latency);
    int dbPort = AppProcess.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("ONEGRID_DEMO_ENABLED", "false");
    env.put("ONEGRID_DATABASE_EMBEDDED_DATA_DIR", dataDir.toString());
    env.put("ONEGRID_DATABASE_EMBEDDED_PORT", String.valueOf(dbPort));
    env.put("ONEGRID_STORAGE_DIR", dataDir.resolve("files").toString());
    env.put("ONEGRID_TWILIO_ACCOUNT_SID", LatencyTwilio.ACCOUNT_SID);
    env.put("ONEGRID_TWILIO_AUTH_TOKEN", "sms-bench-token");
    env.put("ONEGRID_TWILIO_FROM_NUMBER", "+15005550006");
    env.put("ONEGRID_TWILIO_API_BASE_URL", twilio.baseUrl());
    env.put("ONEGRID_SMS_CONCURRENCY", String.valueOf(concurrency));
    env.put("ONEGRID_SMS_DISPATCH_INTERVAL", "200ms");
    env.put("ONEGRID_SECURITY_SESSION_SECRET", UUID.randomUUID().toString());
    try (AppProcess app =
        AppProcess.start(jar, env, List.of(), dataDir.resolve("onegrid.log"), progress)) {
      Properties jdbc = new Properties();
      jdbc.setProperty("user", "onegrid");
      jdbc.setProperty(
          "password",
          Files.readString(dataDir.resolve("onegrid-db-password"), StandardCharsets.UTF_8).trim());
      jdbc.setProperty("connectionTimeZone", "UTC");
      try (Connection db =
          DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + dbPort + "/onegrid", jdbc)) {
        progress.step(String.format(Locale.ROOT, "texting %,d residents at once", messages));
        long began = System.nanoTime();
        queue(db, messages, "+86137");
        awaitSent(db, messages, progress);
        double perSecond = messages / ((System.nanoTime() - began) / 1e9);

        progress.step(
            String.format(Locale.ROOT, "a notice to %,d residents, then a sign-in code", notice));
        queue(db, notice, "+86139");
        Thread.sleep(500); // the dispatcher is busy with the notice
        long before = twilio.accepted.get();
        Instant asked = Instant.now();
        askForCode(app.baseUrl(), "13600001111");
        Instant arrived = twilio.awaitCode(Duration.ofSeconds(120));
        Duration delay = Duration.between(asked, arrived);
        int noticeFirst = (int) (twilio.acceptedBeforeCode - before);
        Result result =
            new Result(messages, latency, concurrency, perSecond, notice, delay, noticeFirst);
        out.println();
        out.print(result.markdown());
        return result;
      }
    } finally {
      twilio.stop();
    }
  }

  private static void queue(Connection db, int count, String prefix) throws Exception {
    Timestamp now = Timestamp.from(Instant.now());
    db.setAutoCommit(false);
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO sms_outbox (to_e164, body, purpose, channel, status, attempts, next_attempt_at,"
                + " created_at) VALUES (?, ?, 'notice', 'sms', 'PENDING', 0, ?, ?)")) {
      for (int i = 0; i < count; i++) {
        insert.setString(1, prefix + String.format("%08d", i));
        insert.setString(2, "【一网通】通知：明天上午9点到11点停水，请提前储水。");
        insert.setTimestamp(3, now);
        insert.setTimestamp(4, now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    db.commit();
    db.setAutoCommit(true);
  }

  private static void awaitSent(Connection db, int count, Progress progress) throws Exception {
    while (true) {
      try (PreparedStatement q =
              db.prepareStatement("SELECT COUNT(*) FROM sms_outbox WHERE status = 'SENT'");
          ResultSet rs = q.executeQuery()) {
        rs.next();
        long sent = rs.getLong(1);
        progress.count("sent", sent, count);
        if (sent >= count) {
          progress.done();
          return;
        }
      }
      Thread.sleep(200);
    }
  }

  private static void askForCode(String base, String phone) throws Exception {
    String csrf = UUID.randomUUID().toString();
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/otp"))
                    .header("Content-Type", "application/json")
                    .header("Cookie", "XSRF-TOKEN=" + csrf)
                    .header("X-XSRF-TOKEN", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 202) {
      throw new IllegalStateException(
          "asking for a code answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** Twilio's Messages API, answering after a fixed latency; it counts what it took. */
  static final class LatencyTwilio {
    static final String ACCOUNT_SID = "AC00000000000000000000000000000002";

    private final HttpServer server;
    private final Duration latency;
    final AtomicLong accepted = new AtomicLong();
    private volatile Instant codeArrived;
    volatile long acceptedBeforeCode;

    private LatencyTwilio(HttpServer server, Duration latency) {
      this.server = server;
      this.latency = latency;
    }

    static LatencyTwilio start(Duration latency) throws IOException {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      LatencyTwilio twilio = new LatencyTwilio(server, latency);
      server.createContext("/2010-04-01/Accounts/", twilio::handle);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return twilio;
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void stop() {
      server.stop(0);
    }

    Instant awaitCode(Duration limit) throws InterruptedException {
      long end = System.nanoTime() + limit.toNanos();
      while (codeArrived == null && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      if (codeArrived == null) {
        throw new IllegalStateException("the sign-in code did not reach Twilio within " + limit);
      }
      return codeArrived;
    }

    private void handle(HttpExchange exchange) throws IOException {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> form = new HashMap<>();
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          form.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      String text = form.getOrDefault("Body", "");
      if (text.contains("验证码") && codeArrived == null) {
        // Taken the moment it reaches Twilio, before the latency of the answer.
        acceptedBeforeCode = accepted.get();
        codeArrived = Instant.now();
      }
      accepted.incrementAndGet();
      try {
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
      byte[] answer =
          ("{\"sid\":\""
                  + sid
                  + "\",\"account_sid\":\""
                  + ACCOUNT_SID
                  + "\",\"status\":\"queued\","
                  + "\"direction\":\"outbound-api\",\"api_version\":\"2010-04-01\"}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(201, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }
}
