package org.onegrid.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged OneGrid (backend/target/onegrid.jar) in its own JVM, as it runs in production, on a
 * port of loopback, its output kept in a log file.
 */
final class AppProcess implements AutoCloseable {

  private final Process process;
  final int port;
  final Path log;
  private final long startedNanos = System.nanoTime();
  private long servingMs;

  private AppProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Milliseconds from starting the process to its first healthy answer. */
  long servingMs() {
    return servingMs;
  }

  /** The app's process and the processes it started (the embedded database). */
  ProcTree processes() {
    return new ProcTree(process.pid());
  }

  /**
   * Milliseconds the embedded database took to start, as the app logged it ("Embedded MariaDB ready
   * in N ms"); 0 if it did not (a database at a URL).
   */
  long databaseMs() throws IOException {
    return lastLogged("Embedded MariaDB ready in (\\d+) ms");
  }

  /**
   * Milliseconds the app spent warming up before it said it was ready ("Warmed up in N ms"); 0 if
   * it did not.
   */
  long warmUpMs() throws IOException {
    return lastLogged("Warmed up in (\\d+) ms");
  }

  private long lastLogged(String pattern) throws IOException {
    Matcher m = Pattern.compile(pattern).matcher(Files.readString(log));
    long ms = 0;
    while (m.find()) {
      ms = Long.parseLong(m.group(1));
    }
    return ms;
  }

  /**
   * Starts the app with these settings (environment variables in Micronaut's naming) and waits
   * until it answers /health.
   */
  static AppProcess start(
      Path jar, Map<String, String> env, List<String> jvmArgs, Path log, Progress progress)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it first (./mvnw -DskipTests package), or pass --app-jar");
    }
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.environment().put("ONEGRID_PORT", String.valueOf(port));
    Files.createDirectories(log.toAbsolutePath().getParent());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    progress.step("starting OneGrid on 127.0.0.1:" + port + " (log: " + log + ")");
    AppProcess app = new AppProcess(builder.start(), port, log);
    app.awaitHealthy(Duration.ofMinutes(5));
    return app;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitHealthy(Duration limit) throws InterruptedException, IOException {
    HttpClient client = HttpClient.newHttpClient();
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "OneGrid exited with " + process.exitValue() + " while starting; see " + log);
      }
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          servingMs = (System.nanoTime() - startedNanos) / 1_000_000;
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    close();
    throw new IllegalStateException("OneGrid did not answer /health in " + limit + "; see " + log);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
