package org.onegrid.dashboard;

import static org.onegrid.db.Tables.PROBLEM_CHANGES;
import static org.onegrid.db.Tables.PROBLEM_STATS;
import static org.onegrid.db.Tables.STATS_PROGRESS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.onegrid.db.tables.records.StatsProgressRecord;
import org.onegrid.problem.ProblemState;

/**
 * The dashboard's summary rows. The aggregates are written as SQL: thirty sums of CASE expressions
 * read more plainly there than built column by column.
 */
@Singleton
class StatsRepository {

  /** Bucket upper bounds in hours of the time-to-accept and time-to-close histograms. */
  static final int[] BOUNDS = {1, 2, 4, 8, 24, 72, 168};

  static final String COUNTS =
      "reported, accepted, accepted_on_time, closed, closed_ok, closed_on_time, rated,"
          + " rating_sum, redo, a0, a1, a2, a3, a4, a5, a6, a7, c0, c1, c2, c3, c4, c5, c6, c7";

  /** {@link #COUNTS} one name each, in order. */
  static final List<String> COUNT_NAMES = List.of(COUNTS.split(",\\s*"));

  /** The sums of one summary row, as {@link #sums} answers it. */
  static final String SUMS =
      COUNT_NAMES.stream()
          .map(c -> ", CAST(SUM(" + c + ") AS SIGNED) AS " + c)
          .collect(Collectors.joining());

  private final DSLContext dsl;

  StatsRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The job's place, locked for this run; empty while another instance runs. */
  Optional<StatsProgressRecord> lockProgress() {
    return dsl.selectFrom(STATS_PROGRESS)
        .where(STATS_PROGRESS.NAME.eq("problems"))
        .forUpdate()
        .skipLocked()
        .fetchOptional();
  }

  /**
   * The oldest recorded changes (see problem_changes): each names a grid and the day of report
   * whose counts must be recomputed. Only committed changes are seen; one committed late is read by
   * a later run, since what was read is deleted rather than passed by a watermark.
   */
  List<Changed> nextChanges(int limit) {
    return dsl.select(PROBLEM_CHANGES.ID, PROBLEM_CHANGES.GRID_ID, PROBLEM_CHANGES.CREATED_AT)
        .from(PROBLEM_CHANGES)
        .orderBy(PROBLEM_CHANGES.ID)
        .limit(limit)
        .fetch(r -> new Changed(r.value1(), r.value2(), r.value3()));
  }

  /** The days a node has summary rows for. */
  List<LocalDate> daysOf(long nodeId) {
    return dsl.selectDistinct(PROBLEM_STATS.DAY)
        .from(PROBLEM_STATS)
        .where(PROBLEM_STATS.NODE_ID.eq(nodeId))
        .fetch(PROBLEM_STATS.DAY);
  }

  /** Records that a node's rows of these days (each given by an instant inside it) are stale. */
  void recordStale(long nodeId, Collection<Instant> days) {
    var insert =
        dsl.insertInto(PROBLEM_CHANGES, PROBLEM_CHANGES.GRID_ID, PROBLEM_CHANGES.CREATED_AT);
    for (Instant day : days) {
      insert = insert.values(nodeId, day);
    }
    if (!days.isEmpty()) {
      insert.execute();
    }
  }

  /** The changes that were counted. */
  void forget(List<Long> ids) {
    dsl.deleteFrom(PROBLEM_CHANGES).where(PROBLEM_CHANGES.ID.in(ids)).execute();
  }

  /** A recorded change: which grid and day of report it counts in. */
  record Changed(long id, long gridId, Instant createdAt) {}

  /** Rewrites a grid's rows of one day from its problems reported in [from, to). */
  void recomputeGridDay(long gridId, LocalDate day, Instant from, Instant to) {
    dsl.deleteFrom(PROBLEM_STATS)
        .where(PROBLEM_STATS.NODE_ID.eq(gridId), PROBLEM_STATS.DAY.eq(day))
        .execute();
    StringBuilder accept = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int i = 0; i <= BOUNDS.length; i++) {
      accept.append(", ").append(bucket("accepted_at", i));
      close.append(", ").append(bucket("closed_at", i));
    }
    dsl.execute(
        "INSERT INTO problem_stats (node_id, day, category_code, source, "
            + COUNTS
            + ") SELECT ?, ?, category_code, source, COUNT(*),"
            + " SUM(accepted_at IS NOT NULL),"
            + " SUM(accepted_at IS NOT NULL AND accepted_at <= accept_due_at),"
            + " SUM(state = 'CLOSED' AND resolved_at IS NOT NULL),"
            + " SUM(state = 'CLOSED' AND resolved_at IS NOT NULL AND (rating IS NULL OR rating >= 3)),"
            + " SUM(state = 'CLOSED' AND resolved_at IS NOT NULL AND (rating IS NULL OR rating >= 3)"
            + "     AND resolved_at <= resolve_due_at),"
            + " SUM(rating IS NOT NULL), COALESCE(SUM(rating), 0), SUM(redo_count)"
            + accept
            + close
            + " FROM problems WHERE grid_id = ? AND created_at >= ? AND created_at < ?"
            + " GROUP BY category_code, source",
        gridId,
        day,
        gridId,
        LocalDateTime.ofInstant(from, ZoneOffset.UTC),
        LocalDateTime.ofInstant(to, ZoneOffset.UTC));
  }

  /** Rewrites a node's rows of one day as the sums of its children's. */
  void rollUp(long nodeId, Collection<Long> childIds, LocalDate day) {
    dsl.deleteFrom(PROBLEM_STATS)
        .where(PROBLEM_STATS.NODE_ID.eq(nodeId), PROBLEM_STATS.DAY.eq(day))
        .execute();
    if (childIds.isEmpty()) {
      return;
    }
    StringBuilder sums = new StringBuilder();
    for (String c : COUNT_NAMES) {
      sums.append(", SUM(").append(c).append(")");
    }
    dsl.execute(
        "INSERT INTO problem_stats (node_id, day, category_code, source, "
            + COUNTS
            + ") SELECT ?, ?, category_code, source"
            + sums
            + " FROM problem_stats WHERE node_id IN ("
            + placeholders(childIds.size())
            + ") AND day = ? GROUP BY category_code, source",
        Stream.of(Stream.<Object>of(nodeId, day), childIds.stream(), Stream.of(day))
            .flatMap(x -> x)
            .toArray());
  }

  /**
   * Sums of the node's (or, with {@code by}, its children's) rows over [from, to], grouped by
   * {@code by}: "category_code", "source", "day", "node_id" (answered as {@code k}), several of
   * them ("category_code, source", answered by their names) or null for one total. The sums are
   * each row's last columns, in the order of {@link #COUNT_NAMES}.
   */
  Result<Record> sums(Collection<Long> nodeIds, LocalDate from, LocalDate to, @Nullable String by) {
    String group = by == null ? "" : " GROUP BY " + by;
    List<Object> binds = new ArrayList<>(nodeIds);
    binds.add(from);
    binds.add(to);
    return dsl.fetch(
        "SELECT "
            + (by == null ? "0 AS k" : by.contains(",") ? by : by + " AS k")
            + SUMS
            + " FROM problem_stats WHERE node_id IN ("
            + placeholders(nodeIds.size())
            + ") AND day BETWEEN ? AND ?"
            + group,
        binds.toArray());
  }

  /**
   * Ids go in as bind values, never into the text: one statement text per number of ids, which the
   * driver parses once, where a text per grid (19,000 of them) was parsed at every call and pushed
   * the app's other statements out of the driver's cache.
   */
  private static String placeholders(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }

  /**
   * Open problems past their fix deadline in these grids, now: per grid, the index (grid_id, state,
   * id) holds its few open problems, so a community (20 grids) counts in a millisecond however many
   * are overdue elsewhere in the city. Counted in chunks of a thousand grids.
   */
  int overdueInGrids(List<Long> gridIds, Instant now) {
    LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    int total = 0;
    for (int from = 0; from < gridIds.size(); from += 1000) {
      List<Long> chunk = gridIds.subList(from, Math.min(gridIds.size(), from + 1000));
      Record r =
          dsl.fetchOne(
              "SELECT COUNT(*) FROM problems WHERE grid_id IN ("
                  + placeholders(chunk.size())
                  + ") AND state IN ("
                  + OPEN
                  + ") AND resolve_due_at < ?",
              Stream.<Object>concat(chunk.stream(), Stream.of(at)).toArray());
      total += r == null ? 0 : r.get(0, Integer.class);
    }
    return total;
  }

  /**
   * Open problems past their fix deadline in the whole city, now, from the covering index (state,
   * resolve_due_at, grid_id) without reading a row (left to itself the optimizer walks every
   * problem of every grid: a minute at 3,000,000 problems).
   */
  int overdueInCity(Instant now) {
    LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    Record r =
        dsl.fetchOne(
            "SELECT COUNT(*) FROM problems FORCE INDEX (ix_problems_open_due)"
                + " WHERE state IN ("
                + OPEN
                + ") AND resolve_due_at < ?",
            at);
    return r == null ? 0 : r.get(0, Integer.class);
  }

  /**
   * Open problems and those past their fix deadline now, per grid below a subtree path, each with
   * the grid's path. Below a district the grids are found by path and each grid's open problems
   * from the (grid_id, state, id) index; for the whole city the covering index (state,
   * resolve_due_at, grid_id) is read once instead, without reading a problem row.
   */
  List<OpenInGrid> openByGrid(String subtreePath, boolean wholeCity, Instant now) {
    LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    String sql =
        wholeCity
            ? "SELECT g.path, c.open, c.overdue FROM (SELECT grid_id, COUNT(*) AS open,"
                + " SUM(resolve_due_at < ?) AS overdue FROM problems FORCE INDEX"
                + " (ix_problems_open_due) WHERE state IN ("
                + OPEN
                + ") GROUP BY grid_id) c JOIN grid_nodes g ON g.id = c.grid_id"
            : "SELECT g.path, COUNT(*) AS open, SUM(p.resolve_due_at < ?) AS overdue"
                + " FROM grid_nodes g JOIN problems p ON p.grid_id = g.id"
                + " WHERE g.path LIKE ? AND g.node_level = 'GRID' AND p.state IN ("
                + OPEN
                + ") GROUP BY g.id, g.path";
    var rows =
        wholeCity ? dsl.fetch(sql, at) : dsl.fetch(sql, at, subtreePath.replace("%", "") + "%");
    return rows.map(
        r ->
            new OpenInGrid(
                r.get(0, String.class), r.get(1, Integer.class), r.get(2, Integer.class)));
  }

  /** A grid's path with its open problems and those of them past the fix deadline. */
  record OpenInGrid(String path, int open, int overdue) {}

  /** The open states as an SQL list, from the one definition of them. */
  private static final String OPEN =
      ProblemState.OPEN.stream()
          .map(s -> "'" + s.name() + "'")
          .sorted()
          .collect(Collectors.joining(", "));

  private static String bucket(String column, int i) {
    String hours = "TIMESTAMPDIFF(MINUTE, created_at, " + column + ") / 60";
    String lower = i == 0 ? "" : " AND " + hours + " > " + BOUNDS[i - 1];
    String upper = i == BOUNDS.length ? "" : " AND " + hours + " <= " + BOUNDS[i];
    String when =
        "accepted_at".equals(column)
            ? "accepted_at IS NOT NULL"
            : "state = 'CLOSED' AND resolved_at IS NOT NULL";
    return "SUM(" + when + lower + upper + ")";
  }
}
