package org.onegrid.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The city-scale benchmark in one command: generate the city (once; kept between runs), start the
 * packaged app on it, drive every scenario over HTTP on loopback, write the results.
 *
 * <pre>
 * java -jar benchmark/target/onegrid-bench.jar            # the full city, about 25 minutes the first time
 * java -jar benchmark/target/onegrid-bench.jar --tiny     # a few thousand rows, about a minute
 * java -jar benchmark/target/onegrid-bench.jar --help
 * </pre>
 */
public final class Bench {

  static final String HELP =
      """
      OneGrid city-scale benchmark

        java -jar benchmark/target/onegrid-bench.jar [options]

      The city (generated once, kept in --data-dir and reused while its size is the same):
        --grids N            grids (default 19000; 5 buildings each)
        --residents N        residents (default 1000000)
        --problems N         problems over three years, with events and messages (default 3000000)
        --tiny               40 grids, 2000 residents, 5000 problems, short phases: checks it all works
        --fresh              throw the embedded database away and generate again
        --data-dir DIR       embedded MariaDB's data (default ~/.onegrid/bench)
        --buffer-pool SIZE   embedded MariaDB's InnoDB buffer pool (default 4G; 256M with --tiny)
        --db-url URL         use this MySQL 8+ / MariaDB 10.6+ database instead (must be empty the
        --db-user U          first time; the app migrates it); user and password for it
        --db-password P

      The load:
        --users N            virtual users for throughput, back to back (default 16)
        --latency-users N    virtual users for latency, thinking 0.5-1.5 s between actions (default 50)
        --warmup S           seconds of warm-up before each throughput phase (default 5)
        --seconds S          seconds of each throughput phase (default 20)
        --latency-seconds S  seconds of each latency phase (default 20)
        --scenarios a,b      only these scenarios (the baseline always runs)

      Elsewhere:
        --app-jar FILE       the app to run (default backend/target/onegrid.jar)
        --results DIR        where results go (default benchmark/results)
        --log-sql            have the app log every SQL statement (for the EXPLAIN check)
        --app-java-options O options for the measured app's JVM, such as a flight recording:
                             "-XX:StartFlightRecording=filename=app.jfr,settings=profile"
        --generate-only      generate the city and stop
        --no-ceiling         skip the second start: restart time, latency right after it, and
                             each scenario's SQL replayed through plain JDBC (the ceiling)
      """;

  /** What a run produced. */
  record Outcome(Report report, Path results, Path appLog) {}

  /** Something to do with the database after the load, while the app still runs (tests). */
  interface WhileRunning {
    void accept(Outcome outcome, Connection db) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      System.out.print(HELP);
      return;
    }
    run(args, System.out, null);
    System.exit(0);
  }

  static Outcome run(String[] args, PrintStream out, WhileRunning then) throws Exception {
    Map<String, String> o = parse(args);
    boolean tiny = o.containsKey("tiny");
    CitySize size =
        new CitySize(
            integer(o, "grids", tiny ? 40 : CitySize.CITY.grids()),
            integer(o, "residents", tiny ? 2_000 : CitySize.CITY.residents()),
            integer(o, "problems", tiny ? 5_000 : CitySize.CITY.problems()));
    LoadDriver.Options load =
        new LoadDriver.Options(
            integer(o, "users", tiny ? 4 : 16),
            integer(o, "latency-users", tiny ? 4 : 50),
            Duration.ofMillis((long) (decimal(o, "warmup", tiny ? 0.5 : 5) * 1000)),
            Duration.ofMillis((long) (decimal(o, "seconds", tiny ? 1 : 20) * 1000)),
            Duration.ofMillis((long) (decimal(o, "latency-seconds", tiny ? 1 : 20) * 1000)),
            Duration.ofMillis(tiny ? 20 : 500),
            Duration.ofMillis(tiny ? 60 : 1500));
    Path jar = Path.of(o.getOrDefault("app-jar", locate("backend/target/onegrid.jar")));
    Path results = Path.of(o.getOrDefault("results", locate("benchmark/results")));
    Path dataDir =
        Path.of(o.getOrDefault("data-dir", System.getProperty("user.home") + "/.onegrid/bench"));
    String dbUrl = o.get("db-url");
    Progress progress = new Progress(out);

    String secret = HexFormat.of().formatHex(random(24));
    Map<String, String> env = new HashMap<>();
    env.put("ONEGRID_DEMO_ENABLED", "false");
    // Texts go to the log: the benchmark has no phones (outside demo mode this must be said).
    env.put("ONEGRID_SMS_PROVIDER", "log");
    // A virtual user reports far more often than a person may (the limit is per resident and hour).
    env.put("ONEGRID_LIMITS_REPORTS_PER_HOUR", "100000000");
    env.put("ONEGRID_SECURITY_SESSION_SECRET", secret);
    // Escalation and auto-closing would act on the generated backlog of overdue problems during the
    // run; every other job (SMS outbox, dashboard summaries, engagement counts …) runs as usual.
    env.put("ONEGRID_PROBLEMS_JOBS_ENABLED", "false");
    env.put("ONEGRID_STORAGE_DIR", dataDir.resolve("files").toString());
    if (o.containsKey("app-java-options")) {
      env.put("JAVA_TOOL_OPTIONS", o.get("app-java-options"));
    }
    String jdbcUrl;
    Properties jdbc = new Properties();
    String database;
    if (dbUrl == null) {
      if (o.containsKey("fresh")) {
        progress.step("removing " + dataDir);
        deleteTree(dataDir);
      }
      int dbPort = AppProcess.freePort();
      env.put("ONEGRID_DATABASE_EMBEDDED_DATA_DIR", dataDir.toString());
      env.put("ONEGRID_DATABASE_EMBEDDED_PORT", String.valueOf(dbPort));
      env.put(
          "ONEGRID_DATABASE_EMBEDDED_BUFFER_POOL_SIZE",
          o.getOrDefault("buffer-pool", tiny ? "256M" : "4G"));
      jdbcUrl = "jdbc:mysql://127.0.0.1:" + dbPort + "/onegrid";
      jdbc.setProperty("user", "onegrid");
      database =
          "embedded MariaDB (buffer pool "
              + o.getOrDefault("buffer-pool", tiny ? "256M" : "4G")
              + ")";
    } else {
      env.put("DATASOURCES_DEFAULT_URL", dbUrl);
      env.put("DATASOURCES_DEFAULT_USERNAME", o.getOrDefault("db-user", ""));
      env.put("DATASOURCES_DEFAULT_PASSWORD", o.getOrDefault("db-password", ""));
      jdbcUrl = dbUrl;
      jdbc.setProperty("user", o.getOrDefault("db-user", ""));
      jdbc.setProperty("password", o.getOrDefault("db-password", ""));
      database = dbUrl.replaceAll("//[^/@]*@", "//");
    }
    jdbc.setProperty("connectionTimeZone", "UTC");
    jdbc.setProperty("allowPublicKeyRetrieval", "true");
    jdbc.setProperty("useSSL", "false");
    // As the app's pool (DatabaseConfigurer): the driver keeps autocommit and read-only itself
    // rather than asking the server before each write or setting what is already set, so the
    // raw-SQL replay pays the round trips the app pays, not more.
    jdbc.setProperty("useLocalSessionState", "true");
    List<String> jvm = new ArrayList<>();
    if (o.containsKey("log-sql")) {
      env.put("ONEGRID_DATABASE_LOG_SQL", "true");
      jvm.add("-Dlogger.levels.org.jooq.tools.LoggerListener=DEBUG");
    }

    String metricsToken = HexFormat.of().formatHex(random(16));
    env.put("ONEGRID_METRICS_TOKEN", metricsToken);

    // As an operator runs it (docs/operators.md, "Run a city"): the app writes the classes it
    // loaded to an archive as it stops, and the next start maps them instead of loading each from
    // the jar.
    Path classArchive = dataDir.resolve("onegrid.jsa");
    Files.deleteIfExists(classArchive);
    List<String> restartJvm = new ArrayList<>(jvm);
    // The JVM switches a flight recording off while it writes a class archive: with one asked
    // for, the first start writes none (and the restart loads its classes from the jar).
    if (!o.getOrDefault("app-java-options", "").contains("FlightRecording")) {
      jvm.add("-XX:ArchiveClassesAtExit=" + classArchive);
    }

    Path log = dataDir.resolve("onegrid.log");
    Instant started = Instant.now();
    Report report;
    Outcome outcome;
    Population population;
    List<Scenarios.Scenario> scenarios = Scenarios.all();
    if (o.containsKey("scenarios")) {
      List<String> wanted = Arrays.asList(o.get("scenarios").split(","));
      scenarios =
          scenarios.stream()
              .filter(s -> s.name().equals(Scenarios.BASELINE) || wanted.contains(s.name()))
              .toList();
    }
    try (AppProcess app = AppProcess.start(jar, env, jvm, log, progress)) {
      if (dbUrl == null) {
        jdbc.setProperty(
            "password",
            Files.readString(dataDir.resolve("onegrid-db-password"), StandardCharsets.UTF_8)
                .trim());
      }
      long generated = 0;
      try (Connection db = DriverManager.getConnection(jdbcUrl, jdbc)) {
        database += ", " + db.getMetaData().getDatabaseProductVersion();
        CitySize existing = CityGenerator.existing(db);
        if (size.equals(existing)) {
          progress.step("the city is already generated: " + size);
        } else {
          if (!CityGenerator.isEmpty(db)) {
            throw new IllegalStateException(
                "The database already holds another city or real data; generate into an empty one"
                    + (dbUrl == null ? " (--fresh throws the embedded one away)" : ""));
          }
          progress.step("generating " + size);
          long began = System.nanoTime();
          ZoneOffset zone = ZoneId.of("Asia/Shanghai").getRules().getOffset(Instant.now());
          new CityGenerator(db, size, progress, zone, Instant.now()).generate();
          generated = (System.nanoTime() - began) / 1_000_000_000L;
        }
        if (o.containsKey("generate-only")) {
          return new Outcome(null, results, log);
        }
        if (!tiny) {
          settle(db, started, progress);
        }
        progress.step("picking virtual users");
        population = Population.pick(db, Math.max(load.users(), load.latencyUsers()));
        Http http = new Http(app.baseUrl(), secret, db);
        List<LoadDriver.Result> measured =
            new LoadDriver(population, http, load, progress, app.processes()).run(scenarios);
        report = new Report(Report.Machine.here(database), size, generated, load, measured);
        report.memory(memory(app, http, metricsToken));
        outcome = new Outcome(report, results, log);
        if (then != null) {
          then.accept(outcome, db);
        }
      }
    }
    if (!o.containsKey("no-ceiling")) {
      // Restarted as it runs in production (no SQL log, which would slow the first requests):
      // how long until it serves, and how the first users fare on a cold JVM and buffer pool.
      boolean archived = Files.exists(classArchive);
      if (archived) {
        restartJvm.add("-XX:SharedArchiveFile=" + classArchive);
      }
      progress.step("restarting the app, to measure a restart");
      try (AppProcess app =
              AppProcess.start(
                  jar, env, restartJvm, dataDir.resolve("onegrid-restart.log"), progress);
          Connection db = DriverManager.getConnection(jdbcUrl, jdbc)) {
        Http http = new Http(app.baseUrl(), secret, db);
        LoadDriver driver = new LoadDriver(population, http, load, progress, app.processes());
        List<Scenarios.VirtualUser> users = driver.users();
        List<Report.Cold> cold = new ArrayList<>();
        for (Scenarios.Scenario s : scenarios) {
          if (COLD.contains(s.name())) {
            progress.step("right after the restart: " + s.name());
            cold.add(new Report.Cold(s.name(), driver.latencyNow(s, users)));
          }
        }
        report.restart(
            new Report.Restart(app.servingMs(), app.databaseMs(), app.warmUpMs(), archived, cold));
      }
      Map<String, String> capturing = new HashMap<>(env);
      capturing.put("ONEGRID_DATABASE_LOG_SQL", "true");
      capturing.remove("JAVA_TOOL_OPTIONS");
      // Texts queued by replayed writes are not sent (the replay measures the database alone)
      // and are removed afterwards, so that the next run does not start by sending them.
      capturing.put("ONEGRID_SMS_DISPATCH_INTERVAL", "24h");
      Path logback = dataDir.resolve("logback-capture.xml");
      Files.writeString(logback, SqlCapture.LOGBACK, StandardCharsets.UTF_8);
      Path captureLog = dataDir.resolve("onegrid-capture.log");
      progress.step("restarting the app with its SQL logged, to measure the ceiling");
      Instant restarted = Instant.now();
      try (AppProcess app =
              AppProcess.start(
                  jar,
                  capturing,
                  List.of("-Dlogback.configurationFile=" + logback),
                  captureLog,
                  progress);
          Connection db = DriverManager.getConnection(jdbcUrl, jdbc)) {
        Http http = new Http(app.baseUrl(), secret, db);
        List<Scenarios.VirtualUser> users =
            new LoadDriver(population, http, load, progress, app.processes()).users();
        if (!tiny) {
          settle(db, restarted, progress);
        }
        SqlCapture capture = new SqlCapture(captureLog);
        SqlReplay replay = new SqlReplay(jdbcUrl, jdbc);
        Timestamp replaysBegan = currentTime(db);
        for (Scenarios.Scenario s : scenarios) {
          List<SqlCapture.Iteration> its =
              capture.capture(s, users.subList(0, load.users()), tiny ? 8 : 64);
          SqlReplay.Result r = replay.run(its, load.users(), load.capacity());
          report.ceiling(s.name(), r);
          progress.step(
              String.format(
                  Locale.ROOT,
                  "raw SQL of %s: %.1f statements an iteration, %,.0f/s with %d users%s",
                  s.name(),
                  r.statementsPerIteration(),
                  r.phase().perSecond(),
                  load.users(),
                  r.phase().errors() == 0
                      ? ""
                      : "; " + r.phase().errors() + " errors, first: " + r.phase().firstError()));
        }
        try (PreparedStatement unsent =
            db.prepareStatement(
                "DELETE FROM sms_outbox WHERE status = 'PENDING' AND created_at >= ?")) {
          unsent.setTimestamp(1, replaysBegan);
          progress.step("removed " + unsent.executeUpdate() + " texts queued by the replays");
        }
      }
    }
    report.write(results);
    out.println();
    out.print(report.markdown());
    out.println();
    progress.step("results in " + results.resolve("latest.md") + " and latest.json");
    return outcome;
  }

  /** The database's clock, in UTC as the app writes its times. */
  private static Timestamp currentTime(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT UTC_TIMESTAMP(3)")) {
      rs.next();
      return rs.getTimestamp(1);
    }
  }

  /** Scenarios whose latency is also measured right after a restart (their goals hold cold). */
  static final List<String> COLD = List.of("leader_inbox", "my_problems");

  /** The app's heap in use (from its metrics) and the RSS of the app and its database. */
  private static Report.Memory memory(AppProcess app, Http http, String token) {
    long heap = 0;
    try {
      for (String line : http.metrics(token).split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    } catch (Exception e) {
      heap = -1;
    }
    ProcTree.Usage now = app.processes().now();
    return new Report.Memory(
        heap < 0 ? -1 : heap / (1024 * 1024), now.appRssKiB() / 1024, now.dbRssKiB() / 1024);
  }

  /**
   * Waits until the work a fresh start brings has passed: the database loading its buffer pool from
   * its last dump, and the app's first recount of engagement figures (a minute of grouped counts
   * over a million residents, 25 s after start). Measured before, the first scenarios ran at half
   * speed. The recount repeats every 5 minutes during the run, as it does in production.
   */
  private static void settle(Connection db, Instant started, Progress progress) throws Exception {
    progress.step("waiting for the buffer pool to load and the first engagement recount");
    long end = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    String since = LocalDateTime.ofInstant(started, ZoneOffset.UTC).toString().replace('T', ' ');
    while (System.nanoTime() < end) {
      boolean loaded = true;
      try (Statement s = db.createStatement();
          ResultSet rs =
              s.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_load_status'")) {
        if (rs.next() && rs.getString(2) != null && rs.getString(2).startsWith("Loaded")) {
          loaded = false;
        }
      }
      boolean counted;
      try (PreparedStatement s =
          db.prepareStatement("SELECT COUNT(*) FROM engagement_stats WHERE refreshed_at >= ?")) {
        s.setString(1, since);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          counted = rs.getLong(1) > 0;
        }
      }
      if (loaded && counted) {
        return;
      }
      Thread.sleep(2000);
    }
    progress.step("still busy after 10 minutes; measuring anyway");
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    List<String> flags = List.of("tiny", "fresh", "log-sql", "generate-only", "no-ceiling", "help");
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument " + args[i] + "\n\n" + HELP);
      }
      String name = args[i].substring(2);
      if (flags.contains(name)) {
        o.put(name, "true");
      } else if (i + 1 < args.length) {
        o.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value\n\n" + HELP);
      }
    }
    return o;
  }

  private static int integer(Map<String, String> o, String name, int fallback) {
    return o.containsKey(name) ? Integer.parseInt(o.get(name).replace("_", "")) : fallback;
  }

  private static double decimal(Map<String, String> o, String name, double fallback) {
    return o.containsKey(name) ? Double.parseDouble(o.get(name)) : fallback;
  }

  /** A path of the repository, from its root or from one of its modules. */
  private static String locate(String path) {
    Path here = Path.of(path);
    Path fromModule = Path.of("..").resolve(path);
    if (!Files.exists(here) && Files.exists(fromModule.getParent())) {
      return fromModule.normalize().toString();
    }
    return here.toString();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
