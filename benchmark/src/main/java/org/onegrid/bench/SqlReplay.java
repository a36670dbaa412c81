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
                      once(c, it);
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

  private static void once(Connection c, SqlCapture.Iteration it) throws SQLException {
    boolean transaction = it.writes();
    c.setAutoCommit(!transaction);
    Map<String, String> fresh = new HashMap<>();
    try (Statement s = c.createStatement()) {
      for (String sql : it.statements()) {
        String run = transaction ? freshUuids(sql, fresh) : sql;
        if (s.execute(run)) {
          try (ResultSet rs = s.getResultSet()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              for (int col = 1; col <= columns; col++) {
                rs.getObject(col);
              }
            }
          }
        }
      }
    }
    if (transaction) {
      c.commit();
    }
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
