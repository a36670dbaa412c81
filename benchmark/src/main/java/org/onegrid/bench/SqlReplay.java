package org.onegrid.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ceiling of a scenario on this machine: the exact statements the app ran for it ({@link
 * SqlCapture}), replayed through plain JDBC by as many users as the throughput phase has, with no
 * HTTP, no framework and no JSON. Each user has its own connection and takes the captured
 * iterations in turn (their values vary as the app's did); an iteration that writes runs in one
 * transaction and commits, as the app's does, with every UUID in it replaced by a fresh one so that
 * idempotency keys and client keys stay unique. Rows are read to the last column, as the app reads
 * them.
 */
final class SqlReplay {

  /**
   * A replay's result: iterations per second, how many statements one iteration is, and the share
   * of captured iterations that ran none (answered from the app's caches).
   */
  record Result(
      LoadDriver.Phase phase, double statementsPerIteration, int captured, double cachedShare) {

    /** Mostly answered from caches: the database is not what limits the scenario. */
    boolean mostlyCached() {
      return cachedShare >= 0.5;
    }
  }

  private static final Pattern UUID_LITERAL =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final String url;
  private final Properties properties;

  SqlReplay(String url, Properties properties) {
    this.url = url;
    this.properties = properties;
  }

  Result run(List<SqlCapture.Iteration> iterations, int users, Duration length)
      throws InterruptedException {
    if (iterations.isEmpty()) {
      return new Result(
          new LoadDriver.Phase(users, 0, 0, 0, "nothing captured", 0, 0, 0, 0), 0, 0, 0);
    }
    double cached =
        iterations.stream().filter(i -> i.statements().isEmpty()).count()
            / (double) iterations.size();
    double statements =
        iterations.stream().mapToInt(i -> i.statements().size()).average().orElse(0);
    long[][] samples = new long[users][];
    int[] counts = new int[users];
    long[] errors = new long[users];
    AtomicReference<String> firstError = new AtomicReference<>();
    long start = System.nanoTime();
    long end = start + length.toNanos();
    Thread[] threads = new Thread[users];
    for (int t = 0; t < users; t++) {
      int me = t;
      threads[t] =
          new Thread(
              () -> {
                long[] mine = new long[1024];
                int n = 0;
                try (Connection c = DriverManager.getConnection(url, properties)) {
                  for (long i = 0; System.nanoTime() < end; i++) {
                    SqlCapture.Iteration it =
                        iterations.get((int) ((me * 7L + i) % iterations.size()));
                    long began = System.nanoTime();
                    try {
                      onceRetried(c, it);
                      if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                      }
                      mine[n++] = System.nanoTime() - began;
                    } catch (SQLException e) {
                      errors[me]++;
                      firstError.compareAndSet(null, e.getMessage());
                      rollbackQuietly(c);
                    }
                  }
                } catch (SQLException e) {
                  errors[me]++;
                  firstError.compareAndSet(null, "connect: " + e.getMessage());
                }
                samples[me] = Arrays.copyOf(mine, n);
                counts[me] = n;
              },
              "replay-" + t);
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<long[]> all = new ArrayList<>();
    long errorCount = 0;
    for (int t = 0; t < users; t++) {
      all.add(samples[t]);
      errorCount += errors[t];
    }
    long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(
        new LoadDriver.Phase(
            users,
            seconds,
            merged.length,
            errorCount,
            firstError.get(),
            LoadDriver.percentile(merged, 50),
            LoadDriver.percentile(merged, 95),
            LoadDriver.percentile(merged, 99),
            merged.length == 0 ? 0 : merged[merged.length - 1] / 1e6),
        statements,
        iterations.size(),
        cached);
  }

  /**
   * One iteration; a transaction the database chose as a deadlock's victim is run again, as the
   * app's {@code Tx} does (the replayed writes meet on the same rows as the app's).
   */
  private static void onceRetried(Connection c, SqlCapture.Iteration it) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        once(c, it);
        return;
      } catch (SQLException e) {
        boolean victim = "40001".equals(e.getSQLState()) || e.getErrorCode() == 1213;
        if (!victim || attempt == 3) {
          throw e;
        }
        rollbackQuietly(c);
      }
    }
  }

  private static void once(Connection c, SqlCapture.Iteration it) throws SQLException {
    boolean transaction = it.writes();
    c.setAutoCommit(!transaction);
    Map<String, String> fresh = new HashMap<>();
    Map<Long, Long> ids = new HashMap<>();
    try (Statement s = c.createStatement()) {
      List<String> statements = it.statements();
      for (int k = 0; k < statements.size(); k++) {
        String run = transaction ? freshUuids(statements.get(k), fresh) : statements.get(k);
        if (!ids.isEmpty()) {
          run = replaceIds(run, ids);
        }
        Long original = it.generatedIds().get(k);
        if (original != null && !SqlCapture.isRead(run)) {
          // An INSERT whose key the app took from its reply: this replay takes its own the same
          // way.
          s.execute(run, Statement.RETURN_GENERATED_KEYS);
          try (ResultSet keys = s.getGeneratedKeys()) {
            if (keys.next()) {
              ids.put(original, keys.getLong(1));
            }
          }
          continue;
        }
        if (s.execute(run)) {
          try (ResultSet rs = s.getResultSet()) {
            int columns = rs.getMetaData().getColumnCount();
            boolean first = true;
            while (rs.next()) {
              for (int col = 1; col <= columns; col++) {
                rs.getObject(col);
              }
              if (first && original != null) {
                ids.put(original, rs.getLong(1));
              }
              first = false;
            }
          }
        }
      }
    }
    if (transaction) {
      c.commit();
    }
  }

  private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|''|\\\\.)*'");

  /**
   * The statement with each id the captured iteration was given replaced by the one this replay was
   * given (outside quoted values, where a date may hold the same digits).
   */
  static String replaceIds(String sql, Map<Long, Long> ids) {
    StringBuilder out = new StringBuilder();
    Matcher quoted = QUOTED.matcher(sql);
    int at = 0;
    while (quoted.find()) {
      out.append(replaceNumbers(sql.substring(at, quoted.start()), ids)).append(quoted.group());
      at = quoted.end();
    }
    return out.append(replaceNumbers(sql.substring(at), ids)).toString();
  }

  private static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b");

  private static String replaceNumbers(String part, Map<Long, Long> ids) {
    Matcher m = NUMBER.matcher(part);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Long replacement = m.group().length() > 18 ? null : ids.get(Long.parseLong(m.group()));
      m.appendReplacement(out, replacement == null ? m.group() : replacement.toString());
    }
    return m.appendTail(out).toString();
  }

  /** The statement with each UUID replaced by a fresh one, the same one within an iteration. */
  static String freshUuids(String sql, Map<String, String> fresh) {
    Matcher m = UUID_LITERAL.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, fresh.computeIfAbsent(m.group(), k -> UUID.randomUUID().toString()));
    }
    return m.appendTail(out).toString();
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException ignored) {
      // the next iteration sets the connection up again
    }
  }
}
