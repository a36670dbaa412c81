package org.onegrid.problem;

import static org.onegrid.db.Tables.BUILDINGS;
import static org.onegrid.db.Tables.BUILDING_UNITS;
import static org.onegrid.db.Tables.GRID_NODES;
import static org.onegrid.db.Tables.PROBLEMS;
import static org.onegrid.db.Tables.PROBLEM_ANSWERS;
import static org.onegrid.db.Tables.PROBLEM_CHANGES;
import static org.onegrid.db.Tables.PROBLEM_EVENTS;
import static org.onegrid.db.Tables.PROBLEM_FOLLOWERS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.ProblemsRecord;
import org.onegrid.grid.Subtree;
import org.onegrid.platform.Tx;

/** Problems and their events. */
@Singleton
class ProblemRepository {

  private final DSLContext dsl;
  private final Tx tx;

  ProblemRepository(DSLContext dsl, Tx tx) {
    this.dsl = dsl;
    this.tx = tx;
  }

  Optional<Problem> findByReporterKey(long reporterId, String key) {
    return dsl.selectFrom(PROBLEMS)
        .where(PROBLEMS.REPORTER_ID.eq(reporterId), PROBLEMS.IDEMPOTENCY_KEY.eq(key))
        .fetchOptional(ProblemRepository::toProblem);
  }

  /** Inserts the problem unless this reporter already sent one with this key; says which. */
  Saved insertOnce(NewProblem p, String key, Instant now) {
    return tx.run(
        () -> {
          var insert =
              dsl.insertInto(PROBLEMS)
                  .set(PROBLEMS.REPORTER_ID, p.reporterId())
                  .set(PROBLEMS.GRID_ID, p.gridId())
                  .set(PROBLEMS.CATEGORY_CODE, p.categoryCode())
                  .set(PROBLEMS.DESCRIPTION, p.description())
                  .set(PROBLEMS.BUILDING_ID, p.buildingId())
                  .set(PROBLEMS.UNIT_ID, p.unitId())
                  .set(PROBLEMS.LOCATION_TEXT, p.locationText())
                  .set(PROBLEMS.LAT, p.lat() == null ? null : BigDecimal.valueOf(p.lat()))
                  .set(PROBLEMS.LNG, p.lng() == null ? null : BigDecimal.valueOf(p.lng()))
                  .set(PROBLEMS.HIDE_REPORTER, p.hideReporter())
                  .set(PROBLEMS.IS_PUBLIC, p.isPublic())
                  .set(PROBLEMS.STATE, ProblemState.SUBMITTED.name())
                  .set(PROBLEMS.ASSIGNEE_ID, p.assigneeId())
                  .set(PROBLEMS.SOURCE, p.source())
                  .set(PROBLEMS.ACCEPT_DUE_AT, p.acceptDueAt())
                  .set(PROBLEMS.RESOLVE_DUE_AT, p.resolveDueAt())
                  .set(PROBLEMS.REDO_COUNT, 0)
                  .set(PROBLEMS.IDEMPOTENCY_KEY, key)
                  .set(PROBLEMS.CREATED_AT, now)
                  .set(PROBLEMS.UPDATED_AT, now)
                  .onDuplicateKeyIgnore();
          Optional<Long> inserted = tx.insertReturningIdIfNew(insert, PROBLEMS.ID);
          if (inserted.isPresent()) {
            long id = inserted.get();
            changed(id);
            return new Saved(id, true);
          }
          return new Saved(
              dsl.select(PROBLEMS.ID)
                  .from(PROBLEMS)
                  .where(PROBLEMS.REPORTER_ID.eq(p.reporterId()), PROBLEMS.IDEMPOTENCY_KEY.eq(key))
                  .fetchSingle(PROBLEMS.ID),
              false);
        });
  }

  Optional<Problem> findById(long id) {
    return dsl.selectFrom(PROBLEMS)
        .where(PROBLEMS.ID.eq(id))
        .fetchOptional(ProblemRepository::toProblem);
  }

  /** Locks the problem's row for a state change; call inside a transaction. */
  Optional<Problem> lockById(long id) {
    return dsl.selectFrom(PROBLEMS)
        .where(PROBLEMS.ID.eq(id))
        .forUpdate()
        .fetchOptional(ProblemRepository::toProblem);
  }

  void updateState(long id, ProblemState to, Instant now, boolean redo) {
    var update = dsl.update(PROBLEMS).set(PROBLEMS.STATE, to.name()).set(PROBLEMS.UPDATED_AT, now);
    if (to == ProblemState.ACCEPTED) {
      update =
          update.set(
              PROBLEMS.ACCEPTED_AT,
              DSL.coalesce(PROBLEMS.ACCEPTED_AT, DSL.val(now, PROBLEMS.ACCEPTED_AT)));
    }
    if (to == ProblemState.RESOLVED) {
      update = update.set(PROBLEMS.RESOLVED_AT, now);
    }
    if (to == ProblemState.CLOSED || to == ProblemState.RETURNED) {
      update = update.set(PROBLEMS.CLOSED_AT, now);
    }
    if (redo) {
      update = update.set(PROBLEMS.REDO_COUNT, PROBLEMS.REDO_COUNT.plus(1));
    }
    var done = update.setNull(PROBLEMS.DEPARTMENT_ID);
    tx.run(
        () -> {
          done.where(PROBLEMS.ID.eq(id)).execute();
          changed(id);
        });
  }

  void insertEvent(
      long problemId,
      @Nullable Long actorId,
      String action,
      @Nullable ProblemState from,
      ProblemState to,
      @Nullable String reason,
      Instant now) {
    dsl.insertInto(PROBLEM_EVENTS)
        .set(PROBLEM_EVENTS.PROBLEM_ID, problemId)
        .set(PROBLEM_EVENTS.ACTOR_ID, actorId)
        .set(PROBLEM_EVENTS.ACTION, action)
        .set(PROBLEM_EVENTS.FROM_STATE, from == null ? null : from.name())
        .set(PROBLEM_EVENTS.TO_STATE, to.name())
        .set(PROBLEM_EVENTS.REASON, reason)
        .set(PROBLEM_EVENTS.CREATED_AT, now)
        .execute();
  }

  List<ProblemEvent> findEvents(long problemId) {
    return dsl.selectFrom(PROBLEM_EVENTS)
        .where(PROBLEM_EVENTS.PROBLEM_ID.eq(problemId))
        .orderBy(PROBLEM_EVENTS.ID)
        .fetch(
            r ->
                new ProblemEvent(
                    r.getActorId(),
                    r.getAction(),
                    r.getFromState() == null ? null : ProblemState.valueOf(r.getFromState()),
                    ProblemState.valueOf(r.getToState()),
                    r.getReason(),
                    r.getCreatedAt()));
  }

  /** A reporter's problems, newest first, a page at a time. */
  List<Problem> findByReporter(long reporterId, @Nullable Long beforeId, int limit) {
    return dsl.selectFrom(PROBLEMS)
        .where(PROBLEMS.REPORTER_ID.eq(reporterId))
        .and(beforeId == null ? DSL.noCondition() : PROBLEMS.ID.lt(beforeId))
        .orderBy(PROBLEMS.ID.desc())
        .limit(limit)
        .fetch(ProblemRepository::toProblem);
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
    Condition condition =
        gridIds != null ? PROBLEMS.GRID_ID.in(gridIds) : Subtree.holds(subtreePath);
    if (state != null) {
      condition = condition.and(PROBLEMS.STATE.eq(state.name()));
    }
    if (category != null) {
      condition = condition.and(PROBLEMS.CATEGORY_CODE.eq(category));
    }
    if (source != null) {
      condition = condition.and(PROBLEMS.SOURCE.eq(source.name()));
    }
    if (text != null && !text.isBlank()) {
      condition = condition.and(PROBLEMS.DESCRIPTION.contains(text.trim()));
    }
    if (overdueOnly) {
      condition = condition.and(pastLimit(now));
    }
    // The deadline that applies now: accepting for a new problem, resolving for the others.
    Field<Instant> due =
        DSL.when(PROBLEMS.STATE.eq(ProblemState.SUBMITTED.name()), PROBLEMS.ACCEPT_DUE_AT)
            .otherwise(PROBLEMS.RESOLVE_DUE_AT);
    if (cursor != null && byDeadline && cursor.due() != null) {
      Field<Instant> at = DSL.val(cursor.due(), PROBLEMS.ACCEPT_DUE_AT);
      condition = condition.and(due.gt(at).or(due.eq(at).and(PROBLEMS.ID.gt(cursor.id()))));
    } else if (cursor != null && !byDeadline) {
      condition = condition.and(PROBLEMS.ID.lt(cursor.id()));
    }
    List<SortField<?>> order =
        byDeadline ? List.of(due.asc(), PROBLEMS.ID.asc()) : List.of(PROBLEMS.ID.desc());
    if (gridIds != null && (overdueOnly || byDeadline)) {
      // Which problems, from (grid_id, state, accept_due_at, resolve_due_at) alone; then their
      // rows. Read row by row, a grid with thousands waiting took 9 ms a page, now 0.3 to 2.
      Table<Record1<Long>> page =
          dsl.select(PROBLEMS.ID)
              .from(PROBLEMS)
              .where(condition)
              .orderBy(order)
              .limit(limit)
              .asTable("page");
      return dsl.select(PROBLEMS.fields())
          .from(PROBLEMS)
          .join(page)
          .on(PROBLEMS.ID.eq(page.field(PROBLEMS.ID.getName(), Long.class)))
          .orderBy(order)
          .fetch(ProblemRepository::toProblem);
    }
    var from =
        gridIds != null
            ? dsl.select(PROBLEMS.fields()).from(PROBLEMS)
            : dsl.select(PROBLEMS.fields())
                .from(PROBLEMS)
                .join(GRID_NODES)
                .on(GRID_NODES.ID.eq(PROBLEMS.GRID_ID));
    return from.where(condition).orderBy(order).limit(limit).fetch(ProblemRepository::toProblem);
  }

  /** Where the next page starts: after this problem (and, sorted by deadline, this deadline). */
  record Cursor(long id, @Nullable Instant due) {}

  /**
   * Open problems due for escalation: not yet escalated and past the limit of their state, or
   * escalated to the community a day ago and still open.
   */
  List<Problem> findDueForEscalation(Instant now, int limit) {
    return dsl.selectFrom(PROBLEMS)
        .where(
            PROBLEMS
                .ESCALATION_LEVEL
                .eq(0)
                .and(pastLimit(now))
                .or(
                    PROBLEMS
                        .ESCALATION_LEVEL
                        .eq(1)
                        .and(isOpen())
                        .and(PROBLEMS.ESCALATED_AT.lt(now.minus(ProblemJobs.STREET_AFTER)))))
        .orderBy(PROBLEMS.ID)
        .limit(limit)
        .fetch(ProblemRepository::toProblem);
  }

  /**
   * Raises the escalation level only if it is still {@code from}: of several instances, exactly one
   * wins.
   */
  boolean raiseEscalation(long id, int from, Instant now) {
    return tx.run(
        () ->
            dsl.update(PROBLEMS)
                        .set(PROBLEMS.ESCALATION_LEVEL, from + 1)
                        .set(PROBLEMS.ESCALATED_AT, now)
                        .set(PROBLEMS.UPDATED_AT, now)
                        .where(PROBLEMS.ID.eq(id), PROBLEMS.ESCALATION_LEVEL.eq(from))
                        .execute()
                    == 1
                && changed(id));
  }

  List<Long> findResolvedBefore(Instant cutoff, int limit) {
    return dsl.select(PROBLEMS.ID)
        .from(PROBLEMS)
        .where(PROBLEMS.STATE.eq(ProblemState.RESOLVED.name()), PROBLEMS.RESOLVED_AT.lt(cutoff))
        .orderBy(PROBLEMS.ID)
        .limit(limit)
        .fetch(PROBLEMS.ID);
  }

  /** Closes the problem only if it is still resolved: of several instances, exactly one wins. */
  boolean closeIfStillResolved(long id, Instant now) {
    return tx.run(
        () ->
            dsl.update(PROBLEMS)
                        .set(PROBLEMS.STATE, ProblemState.CLOSED.name())
                        .set(PROBLEMS.CLOSED_AT, now)
                        .set(PROBLEMS.UPDATED_AT, now)
                        .where(PROBLEMS.ID.eq(id), PROBLEMS.STATE.eq(ProblemState.RESOLVED.name()))
                        .execute()
                    == 1
                && changed(id));
  }

  void setPublic(long id, boolean isPublic, Instant now) {
    dsl.update(PROBLEMS)
        .set(PROBLEMS.IS_PUBLIC, isPublic)
        .set(PROBLEMS.UPDATED_AT, now)
        .where(PROBLEMS.ID.eq(id))
        .execute();
  }

  /**
   * Records, in the transaction of the change, that the problem's grid and day are to be counted
   * again (the dashboard's job reads these); true, to chain after a conditional update.
   */
  private boolean changed(long id) {
    recordChanged(List.of(id));
    return true;
  }

  void setRating(long id, int rating, @Nullable String comment) {
    tx.run(
        () -> {
          dsl.update(PROBLEMS)
              .set(PROBLEMS.RATING, rating)
              .set(PROBLEMS.RATING_COMMENT, comment)
              .where(PROBLEMS.ID.eq(id))
              .execute();
          // Satisfaction is counted from ratings.
          changed(id);
        });
  }

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
            isOpen())
        .and(buildingId == null ? DSL.noCondition() : PROBLEMS.BUILDING_ID.eq(buildingId))
        .orderBy(PROBLEMS.ID.desc())
        .limit(limit)
        .fetch(ProblemRepository::toProblem);
  }

  /** Moves the problem to another grid and assignee, to be accepted there anew. */
  void transfer(long id, long gridId, @Nullable Long assigneeId, Instant acceptDue, Instant now) {
    tx.run(
        () -> {
          changed(id); // the grid it leaves counts it no more
          dsl.update(PROBLEMS)
              .set(PROBLEMS.GRID_ID, gridId)
              .set(PROBLEMS.ASSIGNEE_ID, assigneeId)
              .set(PROBLEMS.STATE, ProblemState.SUBMITTED.name())
              .set(PROBLEMS.ACCEPT_DUE_AT, acceptDue)
              .set(PROBLEMS.ESCALATION_LEVEL, 0)
              .setNull(PROBLEMS.ESCALATED_AT)
              .set(PROBLEMS.UPDATED_AT, now)
              .where(PROBLEMS.ID.eq(id))
              .execute();
          changed(id);
        });
  }

  /** Hands the problem to a department; it stays with its grid, which records the outcome. */
  void transferToDepartment(long id, long departmentId, Instant now) {
    tx.run(
        () -> {
          dsl.update(PROBLEMS)
              .set(PROBLEMS.STATE, ProblemState.TRANSFERRED.name())
              .set(PROBLEMS.DEPARTMENT_ID, departmentId)
              .set(
                  PROBLEMS.ACCEPTED_AT,
                  DSL.coalesce(PROBLEMS.ACCEPTED_AT, DSL.val(now, PROBLEMS.ACCEPTED_AT)))
              .set(PROBLEMS.UPDATED_AT, now)
              .where(PROBLEMS.ID.eq(id))
              .execute();
          changed(id);
        });
  }

  void insertAnswer(long problemId, String questionCode, String answer) {
    dsl.insertInto(PROBLEM_ANSWERS)
        .set(PROBLEM_ANSWERS.PROBLEM_ID, problemId)
        .set(PROBLEM_ANSWERS.QUESTION_CODE, questionCode)
        .set(PROBLEM_ANSWERS.ANSWER, answer)
        .execute();
  }

  /** A problem's answers by question code, in the order given. */
  Map<String, String> findAnswers(long problemId) {
    return dsl.select(PROBLEM_ANSWERS.QUESTION_CODE, PROBLEM_ANSWERS.ANSWER)
        .from(PROBLEM_ANSWERS)
        .where(PROBLEM_ANSWERS.PROBLEM_ID.eq(problemId))
        .fetchMap(PROBLEM_ANSWERS.QUESTION_CODE, PROBLEM_ANSWERS.ANSWER);
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
    return dsl.selectFrom(PROBLEMS)
        .where(
            PROBLEMS.IS_PUBLIC.isTrue(),
            PROBLEMS.CREATED_AT.ge(DSL.val(from, PROBLEMS.CREATED_AT)),
            PROBLEMS.CREATED_AT.lt(DSL.val(to, PROBLEMS.CREATED_AT)))
        .and(states == null ? DSL.noCondition() : PROBLEMS.STATE.in(states))
        .and(categories == null ? DSL.noCondition() : PROBLEMS.CATEGORY_CODE.in(categories))
        .orderBy(PROBLEMS.CREATED_AT.desc(), PROBLEMS.ID.desc())
        .limit(limit)
        .fetch(ProblemRepository::toProblem);
  }

  List<Problem> findByIds(java.util.Collection<Long> ids) {
    return dsl.selectFrom(PROBLEMS)
        .where(PROBLEMS.ID.in(ids))
        .orderBy(PROBLEMS.ID.desc())
        .fetch(ProblemRepository::toProblem);
  }

  /** For each problem, the reason given with its latest event that had one. */
  Map<Long, String> findLatestReasons(java.util.Collection<Long> problemIds) {
    if (problemIds.isEmpty()) {
      return Map.of();
    }
    var latest =
        DSL.select(DSL.max(PROBLEM_EVENTS.ID))
            .from(PROBLEM_EVENTS)
            .where(PROBLEM_EVENTS.PROBLEM_ID.in(problemIds), PROBLEM_EVENTS.REASON.isNotNull())
            .groupBy(PROBLEM_EVENTS.PROBLEM_ID);
    return dsl.select(PROBLEM_EVENTS.PROBLEM_ID, PROBLEM_EVENTS.REASON)
        .from(PROBLEM_EVENTS)
        .where(PROBLEM_EVENTS.ID.in(latest))
        .fetchMap(PROBLEM_EVENTS.PROBLEM_ID, PROBLEM_EVENTS.REASON);
  }

  void follow(long problemId, long accountId, Instant now) {
    dsl.insertInto(PROBLEM_FOLLOWERS)
        .set(PROBLEM_FOLLOWERS.PROBLEM_ID, problemId)
        .set(PROBLEM_FOLLOWERS.ACCOUNT_ID, accountId)
        .set(PROBLEM_FOLLOWERS.CREATED_AT, now)
        .onDuplicateKeyIgnore()
        .execute();
  }

  List<Long> findFollowers(long problemId) {
    return dsl.select(PROBLEM_FOLLOWERS.ACCOUNT_ID)
        .from(PROBLEM_FOLLOWERS)
        .where(PROBLEM_FOLLOWERS.PROBLEM_ID.eq(problemId))
        .orderBy(PROBLEM_FOLLOWERS.CREATED_AT)
        .fetch(PROBLEM_FOLLOWERS.ACCOUNT_ID);
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

  /**
   * Open and past the limit of its state: accepting for a new problem, resolving for the others.
   */
  private static Condition pastLimit(Instant now) {
    return PROBLEMS
        .STATE
        .eq(ProblemState.SUBMITTED.name())
        .and(PROBLEMS.ACCEPT_DUE_AT.lt(now))
        .or(
            PROBLEMS
                .STATE
                .in(
                    ProblemState.OPEN.stream()
                        .filter(s -> s != ProblemState.SUBMITTED)
                        .map(Enum::name)
                        .toList())
                .and(PROBLEMS.RESOLVE_DUE_AT.lt(now)));
  }

  /** The reporter's newest open problem that came from this source. */
  Optional<Long> findLatestOpen(long reporterId, Collection<String> sources) {
    return dsl.select(PROBLEMS.ID)
        .from(PROBLEMS)
        .where(PROBLEMS.REPORTER_ID.eq(reporterId), PROBLEMS.SOURCE.in(sources), isOpen())
        .orderBy(PROBLEMS.ID.desc())
        .limit(1)
        .fetchOptional(PROBLEMS.ID);
  }

  /** Open problems of a grid, of these buildings only when given. */
  List<Problem> findOpenIn(long gridId, @Nullable Collection<Long> buildingIds) {
    return dsl.selectFrom(PROBLEMS)
        .where(PROBLEMS.GRID_ID.eq(gridId), isOpen())
        .and(buildingIds == null ? DSL.noCondition() : PROBLEMS.BUILDING_ID.in(buildingIds))
        .orderBy(PROBLEMS.ID)
        .fetch(ProblemRepository::toProblem);
  }

  /**
   * Puts open problems in another grid with the person who now answers there (state and deadlines
   * kept); both grids' figures are recounted.
   */
  void regrid(List<Long> ids, long gridId, @Nullable Long assigneeId, Instant now) {
    recordChanged(ids);
    dsl.update(PROBLEMS)
        .set(PROBLEMS.GRID_ID, gridId)
        .set(PROBLEMS.ASSIGNEE_ID, assigneeId)
        .set(PROBLEMS.UPDATED_AT, now)
        .where(PROBLEMS.ID.in(ids))
        .execute();
    recordChanged(ids);
  }

  private void recordChanged(List<Long> ids) {
    dsl.insertInto(PROBLEM_CHANGES, PROBLEM_CHANGES.GRID_ID, PROBLEM_CHANGES.CREATED_AT)
        .select(
            dsl.select(PROBLEMS.GRID_ID, PROBLEMS.CREATED_AT)
                .from(PROBLEMS)
                .where(PROBLEMS.ID.in(ids)))
        .execute();
  }

  /** The grids of the open problems assigned to a person. */
  List<Long> findGridsOfOpenAssignedTo(long accountId) {
    return dsl.selectDistinct(PROBLEMS.GRID_ID)
        .from(PROBLEMS)
        .where(PROBLEMS.ASSIGNEE_ID.eq(accountId), isOpen())
        .fetch(PROBLEMS.GRID_ID);
  }

  /** Gives a person's open problems of one grid to another (or to nobody: the grid's staff). */
  int reassignOpen(long fromId, long gridId, @Nullable Long toId, Instant now) {
    return dsl.update(PROBLEMS)
        .set(PROBLEMS.ASSIGNEE_ID, toId)
        .set(PROBLEMS.UPDATED_AT, now)
        .where(PROBLEMS.ASSIGNEE_ID.eq(fromId), PROBLEMS.GRID_ID.eq(gridId), isOpen())
        .execute();
  }

  private static Condition isOpen() {
    return PROBLEMS.STATE.in(ProblemState.OPEN.stream().map(Enum::name).toList());
  }

  static Problem toProblem(Record record) {
    ProblemsRecord r = record.into(PROBLEMS);
    return new Problem(
        r.getId(),
        r.getReporterId(),
        r.getGridId(),
        r.getCategoryCode(),
        r.getDescription(),
        r.getBuildingId(),
        r.getUnitId(),
        r.getLocationText(),
        r.getLat(),
        r.getLng(),
        r.getHideReporter(),
        ProblemState.valueOf(r.getState()),
        r.getAssigneeId(),
        r.getSource(),
        r.getAcceptDueAt(),
        r.getResolveDueAt(),
        r.getAcceptedAt(),
        r.getResolvedAt(),
        r.getClosedAt(),
        r.getRedoCount(),
        r.getEscalationLevel(),
        r.getRating(),
        r.getCreatedAt(),
        r.getUpdatedAt(),
        r.getDepartmentId(),
        r.getIsPublic());
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
    return dsl.select(
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
        .where(
            PROBLEMS.GRID_ID.in(gridIds),
            PROBLEMS.STATE.in(ProblemState.OPEN.stream().map(Enum::name).toList()),
            lat.isNotNull())
        .orderBy(PROBLEMS.ID.desc())
        .limit(limit)
        .fetch(
            r ->
                new ProblemPoints.Point(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    ProblemState.valueOf(r.value4()),
                    r.value5().isBefore(now),
                    r.value6().doubleValue(),
                    r.value7().doubleValue()));
  }

  /**
   * The id of a stored problem, and whether this call created it (false: a retry of an earlier
   * one).
   */
  record Saved(long id, boolean created) {}

  /** What a new problem is made of. */
  record NewProblem(
      long reporterId,
      long gridId,
      String categoryCode,
      String description,
      @Nullable Long buildingId,
      @Nullable Long unitId,
      @Nullable String locationText,
      @Nullable Double lat,
      @Nullable Double lng,
      boolean hideReporter,
      boolean isPublic,
      @Nullable Long assigneeId,
      String source,
      Instant acceptDueAt,
      Instant resolveDueAt) {

    /**
     * The problem as its row now reads, without reading it: coordinates at the column's six
     * decimals, as the database keeps them.
     */
    Problem asSaved(long id, Instant now) {
      return new Problem(
          id,
          reporterId,
          gridId,
          categoryCode,
          description,
          buildingId,
          unitId,
          locationText,
          lat == null ? null : BigDecimal.valueOf(lat).setScale(6, java.math.RoundingMode.HALF_UP),
          lng == null ? null : BigDecimal.valueOf(lng).setScale(6, java.math.RoundingMode.HALF_UP),
          hideReporter,
          ProblemState.SUBMITTED,
          assigneeId,
          source,
          acceptDueAt,
          resolveDueAt,
          null,
          null,
          null,
          0,
          0,
          null,
          now,
          now,
          null,
          isPublic);
    }
  }
}
