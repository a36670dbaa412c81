package org.onegrid.problem;

import static org.onegrid.db.Tables.BUILDINGS;
import static org.onegrid.db.Tables.BUILDING_UNITS;
import static org.onegrid.db.Tables.GRID_NODES;
import static org.onegrid.db.Tables.PROBLEMS;
import static org.onegrid.db.Tables.PROBLEM_EVENTS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.onegrid.grid.Subtree;
import org.onegrid.platform.SqlShapes;

/**
 * Problems read as lists: a reporter's pages, the pages and counts of a part of the grid tree, the
 * public ones of a time window, similar open ones, the open points of a map. Nothing here writes;
 * {@link ProblemRepository} keeps the problem itself and the reads its changes need.
 */
@Singleton
class ProblemQueries {

  private final DSLContext dsl;
  private final SqlShapes shapes;

  ProblemQueries(DSLContext dsl, SqlShapes shapes) {
    this.dsl = dsl;
    this.shapes = shapes;
  }

  /** The newest problems of the whole city (by their primary key): a sample of real rows. */
  List<Problem> findNewest(int limit) {
    return dsl.selectFrom(PROBLEMS)
        .orderBy(PROBLEMS.ID.desc())
        .limit(limit)
        .fetch(ProblemRepository::toProblem);
  }

  /** A reporter's problems, newest first, a page at a time. */
  List<Problem> findByReporter(long reporterId, @Nullable Long beforeId, int limit) {
    // The page read most: its SQL is kept, one shape for the first page and one for the next.
    List<Object> values =
        beforeId == null ? List.of(reporterId, limit) : List.of(reporterId, beforeId, limit);
    return shapes
        .fetch(
            beforeId == null ? "problems.mine" : "problems.mine-before",
            PROBLEMS,
            () ->
                dsl.selectFrom(PROBLEMS)
                    .where(PROBLEMS.REPORTER_ID.eq(reporterId))
                    .and(beforeId == null ? DSL.noCondition() : PROBLEMS.ID.lt(beforeId))
                    .orderBy(PROBLEMS.ID.desc())
                    .limit(limit),
            values)
        .map(ProblemRepository::toProblem);
  }

  /**
   * Problems of the grids under {@code subtreePath} (one grid: its own path), newest first,
   * filtered. The grid's path prefix is matched through the grid tree's path index.
   */
  List<Problem> findInSubtree(
      String subtreePath,
      @Nullable List<Long> gridIds,
      @Nullable ProblemState state,
      @Nullable String category,
      @Nullable ProblemSource source,
      boolean overdueOnly,
      @Nullable String text,
      @Nullable Cursor cursor,
      boolean byDeadline,
      int limit,
      Instant now) {
    // A few grids (a grid leader's, a community's) are read grid by grid from (grid_id, state, id);
    // for a district or the city the path is joined, and newest-first meets 20 of them soon.
    // Every inbox page asks: kept per combination of filters (SqlShapes), its values collected in
    // the order the SQL binds them.
    List<Long> grids = gridIds == null || gridIds.isEmpty() ? null : SqlShapes.padded(gridIds);
    List<Object> where = new ArrayList<>();
    Condition condition;
    if (grids != null) {
      condition = PROBLEMS.GRID_ID.in(grids);
      where.addAll(grids);
    } else if (gridIds != null) {
      condition = DSL.falseCondition();
    } else {
      condition = Subtree.holds(subtreePath);
      where.add(subtreePath);
    }
    if (state != null) {
      condition = condition.and(PROBLEMS.STATE.eq(state.name()));
      where.add(state.name());
    }
    if (category != null) {
      condition = condition.and(PROBLEMS.CATEGORY_CODE.eq(category));
      where.add(category);
    }
    if (source != null) {
      condition = condition.and(PROBLEMS.SOURCE.eq(source.name()));
      where.add(source.name());
    }
    String words = text == null || text.isBlank() ? null : text.trim();
    if (words != null) {
      condition = condition.and(PROBLEMS.DESCRIPTION.contains(words));
      where.add(words);
    }
    if (overdueOnly) {
      condition = condition.and(ProblemRepository.pastLimit(now));
      where.addAll(ProblemRepository.pastLimitValues(now));
    }
    // The deadline that applies now: accepting for a new problem, resolving for the others.
    String submitted = ProblemState.SUBMITTED.name();
    Field<Instant> due =
        DSL.when(PROBLEMS.STATE.eq(submitted), PROBLEMS.ACCEPT_DUE_AT)
            .otherwise(PROBLEMS.RESOLVE_DUE_AT);
    int after = 0;
    if (cursor != null && byDeadline && cursor.due() != null) {
      Field<Instant> at = DSL.val(cursor.due(), PROBLEMS.ACCEPT_DUE_AT);
      condition = condition.and(due.gt(at).or(due.eq(at).and(PROBLEMS.ID.gt(cursor.id()))));
      where.addAll(List.of(submitted, cursor.due(), submitted, cursor.due(), cursor.id()));
      after = 1;
    } else if (cursor != null && !byDeadline) {
      condition = condition.and(PROBLEMS.ID.lt(cursor.id()));
      where.add(cursor.id());
      after = 2;
    }
    List<SortField<?>> order =
        byDeadline ? List.of(due.asc(), PROBLEMS.ID.asc()) : List.of(PROBLEMS.ID.desc());
    List<Object> ordered = byDeadline ? List.of(submitted) : List.of();
    boolean twoSteps = grids != null && (overdueOnly || byDeadline);
    Inbox key =
        new Inbox(
            grids != null ? grids.size() : gridIds != null ? 0 : -1,
            state != null,
            category != null,
            source != null,
            words != null,
            overdueOnly,
            after,
            byDeadline);
    Condition filtered = condition;
    List<Object> values = new ArrayList<>(where);
    values.addAll(ordered);
    values.add(limit);
    if (twoSteps) {
      // Which problems, from (grid_id, state, accept_due_at, resolve_due_at) alone; then their
      // rows. Read row by row, a grid with thousands waiting took 9 ms a page, now 0.3 to 2.
      values.addAll(ordered);
      return shapes
          .fetch(
              key,
              () -> {
                Table<Record1<Long>> page =
                    dsl.select(PROBLEMS.ID)
                        .from(PROBLEMS)
                        .where(filtered)
                        .orderBy(order)
                        .limit(limit)
                        .asTable("page");
                return dsl.select(PROBLEMS.fields())
                    .from(PROBLEMS)
                    .join(page)
                    .on(PROBLEMS.ID.eq(page.field(PROBLEMS.ID.getName(), Long.class)))
                    .orderBy(order);
              },
              values)
          .map(ProblemRepository::toProblem);
    }
    return shapes
        .fetch(
            key,
            () ->
                (grids != null || gridIds != null
                        ? dsl.select(PROBLEMS.fields()).from(PROBLEMS)
                        : dsl.select(PROBLEMS.fields())
                            .from(PROBLEMS)
                            .join(GRID_NODES)
                            .on(GRID_NODES.ID.eq(PROBLEMS.GRID_ID)))
                    .where(filtered)
                    .orderBy(order)
                    .limit(limit),
            values)
        .map(ProblemRepository::toProblem);
  }

  /**
   * The key of {@link #findInSubtree}: how many grid ids it binds (-1: the path, 0: none), which
   * filters it has, and where its page starts (0 first page, 1 after a deadline, 2 before an id).
   */
  private record Inbox(
      int grids,
      boolean state,
      boolean category,
      boolean source,
      boolean text,
      boolean overdue,
      int after,
      boolean byDeadline) {}

  /** Where the next page starts: after this problem (and, sorted by deadline, this deadline). */
  record Cursor(long id, @Nullable Instant due) {}

  /**
   * Open problems of this category in the grid (or, given one, the building) since {@code since}.
   */
  List<Problem> findSimilarOpenPublic(
      long gridId, String category, @Nullable Long buildingId, Instant since, int limit) {
    return dsl.selectFrom(PROBLEMS)
        .where(
            PROBLEMS.GRID_ID.eq(gridId),
            PROBLEMS.IS_PUBLIC.isTrue(),
            PROBLEMS.CATEGORY_CODE.eq(category),
            PROBLEMS.CREATED_AT.ge(since),
            ProblemRepository.isOpen())
        .and(buildingId == null ? DSL.noCondition() : PROBLEMS.BUILDING_ID.eq(buildingId))
        .orderBy(PROBLEMS.ID.desc())
        .limit(limit)
        .fetch(ProblemRepository::toProblem);
  }

  /**
   * Problems reported in [from, to), newest first, of these states and categories (null: any), for
   * the public Open311 list.
   */
  List<Problem> findPublicReportedBetween(
      Instant from,
      Instant to,
      @Nullable List<String> states,
      @Nullable List<String> categories,
      int limit) {
    // Open311 clients poll this: kept per how many states and categories it filters on.
    List<Object> values = new ArrayList<>(List.of(from, to));
    values.addAll(states == null ? List.of() : states);
    values.addAll(categories == null ? List.of() : categories);
    values.add(limit);
    return shapes
        .fetch(
            new PublicBetween(
                states == null ? -1 : states.size(), categories == null ? -1 : categories.size()),
            PROBLEMS,
            () ->
                dsl.selectFrom(PROBLEMS)
                    .where(
                        PROBLEMS.IS_PUBLIC.isTrue(),
                        PROBLEMS.CREATED_AT.ge(DSL.val(from, PROBLEMS.CREATED_AT)),
                        PROBLEMS.CREATED_AT.lt(DSL.val(to, PROBLEMS.CREATED_AT)))
                    .and(states == null ? DSL.noCondition() : PROBLEMS.STATE.in(states))
                    .and(
                        categories == null
                            ? DSL.noCondition()
                            : PROBLEMS.CATEGORY_CODE.in(categories))
                    .orderBy(PROBLEMS.CREATED_AT.desc(), PROBLEMS.ID.desc())
                    .limit(limit),
            values)
        .map(ProblemRepository::toProblem);
  }

  List<Problem> findByIds(Collection<Long> ids) {
    // Open311 reads one or a few problems by id on every call: kept per size of the padded list.
    List<Long> padded = SqlShapes.padded(ids);
    return shapes
        .fetch(
            new ByIds("problems.by-ids", padded.size()),
            PROBLEMS,
            () ->
                dsl.selectFrom(PROBLEMS).where(PROBLEMS.ID.in(padded)).orderBy(PROBLEMS.ID.desc()),
            padded)
        .map(ProblemRepository::toProblem);
  }

  /** The key of Open311's window read: how many states and categories it binds (-1: any). */
  private record PublicBetween(int states, int categories) {}

  /** The key of a read by a list of ids: which read, and how many ids it binds. */
  private record ByIds(String read, int ids) {}

  /** For each problem, the reason given with its latest event that had one. */
  Map<Long, String> findLatestReasons(Collection<Long> problemIds) {
    if (problemIds.isEmpty()) {
      return Map.of();
    }
    List<Long> padded = SqlShapes.padded(problemIds);
    return shapes
        .fetch(
            new ByIds("problems.latest-reasons", padded.size()),
            () ->
                dsl.select(PROBLEM_EVENTS.PROBLEM_ID, PROBLEM_EVENTS.REASON)
                    .from(PROBLEM_EVENTS)
                    .where(
                        PROBLEM_EVENTS.ID.in(
                            DSL.select(DSL.max(PROBLEM_EVENTS.ID))
                                .from(PROBLEM_EVENTS)
                                .where(
                                    PROBLEM_EVENTS.PROBLEM_ID.in(padded),
                                    PROBLEM_EVENTS.REASON.isNotNull())
                                .groupBy(PROBLEM_EVENTS.PROBLEM_ID))),
            padded)
        .intoMap(PROBLEM_EVENTS.PROBLEM_ID, PROBLEM_EVENTS.REASON);
  }

  Map<String, Integer> countByState(String subtreePath) {
    return dsl.select(PROBLEMS.STATE, DSL.count())
        .from(PROBLEMS)
        .join(GRID_NODES)
        .on(GRID_NODES.ID.eq(PROBLEMS.GRID_ID))
        .where(Subtree.holds(subtreePath))
        .groupBy(PROBLEMS.STATE)
        .fetchMap(PROBLEMS.STATE, DSL.count());
  }

  /** The reporter's newest open problem that came from this source. */
  Optional<Long> findLatestOpen(long reporterId, Collection<String> sources) {
    return dsl.select(PROBLEMS.ID)
        .from(PROBLEMS)
        .where(
            PROBLEMS.REPORTER_ID.eq(reporterId),
            PROBLEMS.SOURCE.in(sources),
            ProblemRepository.isOpen())
        .orderBy(PROBLEMS.ID.desc())
        .limit(1)
        .fetchOptional(PROBLEMS.ID);
  }

  /** Open problems of a grid, of these buildings only when given. */
  List<Problem> findOpenIn(long gridId, @Nullable Collection<Long> buildingIds) {
    return dsl.selectFrom(PROBLEMS)
        .where(PROBLEMS.GRID_ID.eq(gridId), ProblemRepository.isOpen())
        .and(buildingIds == null ? DSL.noCondition() : PROBLEMS.BUILDING_ID.in(buildingIds))
        .orderBy(PROBLEMS.ID)
        .fetch(ProblemRepository::toProblem);
  }

  /**
   * Open problems of these grids with where they are (the spot reported, else their building),
   * newest first, at most {@code limit}: the points of a map. Read from the (grid_id, state, id)
   * index, one range per grid and state.
   */
  List<ProblemPoints.Point> findOpenPoints(Collection<Long> gridIds, Instant now, int limit) {
    if (gridIds.isEmpty()) {
      return List.of();
    }
    Field<BigDecimal> lat = DSL.coalesce(PROBLEMS.LAT, BUILDINGS.LAT);
    Field<BigDecimal> lng = DSL.coalesce(PROBLEMS.LNG, BUILDINGS.LNG);
    // Every map of a grid or community asks: kept per size of the padded list (SqlShapes).
    List<Long> grids = SqlShapes.padded(gridIds);
    List<String> open = ProblemState.OPEN.stream().map(Enum::name).toList();
    List<Object> values = new ArrayList<>(grids);
    values.addAll(open);
    values.add(limit);
    return shapes
        .fetch(
            new ByIds("problems.open-points", grids.size()),
            () ->
                dsl.select(
                        PROBLEMS.ID,
                        PROBLEMS.GRID_ID,
                        PROBLEMS.CATEGORY_CODE,
                        PROBLEMS.STATE,
                        PROBLEMS.RESOLVE_DUE_AT,
                        lat,
                        lng)
                    .from(PROBLEMS)
                    .leftJoin(BUILDING_UNITS)
                    .on(BUILDING_UNITS.ID.eq(PROBLEMS.UNIT_ID))
                    .leftJoin(BUILDINGS)
                    .on(BUILDINGS.ID.eq(BUILDING_UNITS.BUILDING_ID))
                    .where(PROBLEMS.GRID_ID.in(grids), PROBLEMS.STATE.in(open), lat.isNotNull())
                    .orderBy(PROBLEMS.ID.desc())
                    .limit(limit),
            values)
        .map(
            // By position: both coordinates are unnamed COALESCEs.
            r ->
                new ProblemPoints.Point(
                    r.get(0, Long.class),
                    r.get(1, Long.class),
                    r.get(2, String.class),
                    ProblemState.valueOf(r.get(3, String.class)),
                    r.get(4, Instant.class).isBefore(now),
                    r.get(5, BigDecimal.class).doubleValue(),
                    r.get(6, BigDecimal.class).doubleValue()));
  }
}
