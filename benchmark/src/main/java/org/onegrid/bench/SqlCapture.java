package org.onegrid.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL the app runs for one iteration of a scenario, read from its log: the app runs with jOOQ's
 * statement logging ({@code onegrid.database.log-sql}) and a log pattern that names the thread
 * ({@link #LOGBACK}); iterations are done one at a time by one user, and the log's length before
 * and after each marks which lines belong to it. Lines of the app's own jobs (the SMS outbox, the
 * dashboard's summaries …) are left out by their thread: only the request's threads count.
 */
final class SqlCapture {

  /**
   * What one iteration ran, in order, with its values inlined, and the ids the database generated
   * for it: statement index of each {@code select last_insert_id()} → the id it answered, so that a
   * replay can put its own new id where the iteration used that one (a booking cancelled by id).
   */
  record Iteration(List<String> statements, Map<Integer, Long> generatedIds) {

    Iteration(List<String> statements) {
      this(statements, Map.of());
    }

    boolean writes() {
      return statements.stream().anyMatch(s -> !isRead(s));
    }
  }

  /** Logback's configuration for the capturing app: the same as the app's, with the thread. */
  static final String LOGBACK =
      """
      <configuration>
        <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <logger name="ch.vorburger" level="WARN"/>
        <logger name="org.flywaydb" level="WARN"/>
        <logger name="com.zaxxer.hikari" level="WARN"/>
        <logger name="org.jooq.Constants" level="WARN"/>
        <logger name="org.jooq.tools.LoggerListener" level="DEBUG"/>
        <logger name="org.onegrid.platform.GeneratedKeys" level="DEBUG"/>
        <root level="INFO"><appender-ref ref="STDOUT"/></root>
      </configuration>
      """;

  private static final Pattern LINE =
      Pattern.compile(
          "^\\S+ \\[([^\\]]+)\\] DEBUG \\S*LoggerListener - "
              + "(Executing query|Executing batch query|-> with bind values)\\s*: (.*)$");

  private static final Pattern RESULT_ROW =
      Pattern.compile(
          "^\\S+ \\[([^\\]]+)\\] DEBUG \\S*LoggerListener -\\s+: \\|\\s*(\\d+)\\|\\s*$");

  /** The key an INSERT was given, from the insert's reply, logged by the app's {@code Tx}. */
  private static final Pattern GENERATED_KEY =
      Pattern.compile(
          "^\\S+ \\[([^\\]]+)\\] DEBUG \\S*GeneratedKeys - Generated key : (\\d+)\\s*$");

  private final Path log;

  SqlCapture(Path log) {
    this.log = log;
  }

  /** Runs {@code iterations} iterations of the scenario, one at a time, and returns their SQL. */
  List<Iteration> capture(
      Scenarios.Scenario scenario, List<Scenarios.VirtualUser> users, int iterations)
      throws Exception {
    List<Iteration> captured = new ArrayList<>();
    for (int i = 0; i < iterations; i++) {
      Scenarios.VirtualUser user = users.get(i % users.size());
      long before = Files.size(log);
      try {
        scenario.action().run(user, 1_000_000L + i);
      } catch (Http.Failed e) {
        // Not the work the scenario measures (the throughput phase counts such errors).
        settledSize();
        continue;
      }
      long after = settledSize();
      // An iteration the app answered from its caches ran no SQL: it stays, as the no-op it is.
      captured.add(parse(read(before, after)));
    }
    return captured;
  }

  /** The log's length once the app has stopped writing the request's lines. */
  private long settledSize() throws IOException, InterruptedException {
    long size = Files.size(log);
    for (int i = 0; i < 20; i++) {
      Thread.sleep(5);
      long now = Files.size(log);
      if (now == size) {
        return size;
      }
      size = now;
    }
    return size;
  }

  private String read(long from, long to) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      byte[] bytes = new byte[(int) (to - from)];
      file.seek(from);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** The statements of request threads in these lines (see {@link #parse}). */
  static List<String> statements(String lines) {
    return parse(lines).statements();
  }

  /**
   * The statements of request threads in these lines: a statement with parameters is taken from its
   * "with bind values" line, one without from its "Executing query" line; the answer of {@code
   * select last_insert_id()} from the result table logged after it, the key of an INSERT from the
   * app's "Generated key" line after it.
   */
  static Iteration parse(String lines) {
    List<String> out = new ArrayList<>();
    Map<Integer, Long> ids = new HashMap<>();
    String pending = null;
    boolean awaitingId = false;
    for (String line : lines.split("\n")) {
      Matcher row = RESULT_ROW.matcher(line);
      if (awaitingId && row.find() && isRequestThread(row.group(1))) {
        ids.put(out.size() - 1, Long.parseLong(row.group(2)));
        awaitingId = false;
        continue;
      }
      Matcher key = GENERATED_KEY.matcher(line);
      if (key.find() && isRequestThread(key.group(1))) {
        if (pending != null) {
          out.add(pending);
          pending = null;
        }
        ids.put(out.size() - 1, Long.parseLong(key.group(2)));
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.find() || !isRequestThread(m.group(1))) {
        continue;
      }
      String sql = m.group(3).trim();
      if (m.group(2).startsWith("->")) {
        pending = sql;
        continue;
      }
      if (pending != null && !hasPlaceholders(pending)) {
        out.add(pending);
      }
      awaitingId = false;
      pending = sql;
      if (sql.equalsIgnoreCase("select last_insert_id()")) {
        out.add(pending);
        pending = null;
        awaitingId = true;
      }
    }
    if (pending != null && !hasPlaceholders(pending)) {
      out.add(pending);
    }
    return new Iteration(out, ids);
  }

  /** Micronaut's request threads: the event loop and the blocking I/O executor. */
  static boolean isRequestThread(String thread) {
    return thread.startsWith("io-executor")
        || thread.toLowerCase(Locale.ROOT).contains("eventloop");
  }

  static boolean isRead(String sql) {
    String head = sql.stripLeading().toLowerCase(Locale.ROOT);
    return (head.startsWith("select") || head.startsWith("with") || head.startsWith("("))
        && !head.contains(" for update");
  }

  private static boolean hasPlaceholders(String sql) {
    return sql.replaceAll("'(?:[^'\\\\]|''|\\\\.)*'", "").contains("?");
  }
}
