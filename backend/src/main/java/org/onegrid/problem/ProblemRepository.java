package org.onegrid.problem;

import static org.onegrid.db.Tables.PROBLEMS;
import static org.onegrid.db.Tables.PROBLEM_ANSWERS;
import static org.onegrid.db.Tables.PROBLEM_CHANGES;
import static org.onegrid.db.Tables.PROBLEM_EVENTS;
import static org.onegrid.db.Tables.PROBLEM_FOLLOWERS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.ProblemsRecord;
import org.onegrid.platform.SqlShapes;
import org.onegrid.platform.Tx;

/** Problems and their events. */
@Singleton
class ProblemRepository {

  private final DSLContext dsl;
  private final SqlShapes shapes;
  private final Tx tx;

  ProblemRepository(DSLContext dsl, SqlShapes shapes, Tx tx) {
    this.dsl = dsl;
    this.shapes = shapes;
    this.tx = tx;
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
    // A problem's page and its thread each read it: a kept shape (SqlShapes).
    return shapes
        .fetch(
            "problems.by-id",
            PROBLEMS,
            () -> dsl.selectFrom(PROBLEMS).where(PROBLEMS.ID.eq(id)),
            List.of(id))
        .stream()
        .findFirst()
        .map(ProblemRepository::toProblem);
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
    // One on every report and every step of a problem: a kept shape (SqlShapes).
    String fromState = from == null ? null : from.name();
    shapes.execute(
        "problems.insert-event",
        () ->
            dsl.insertInto(PROBLEM_EVENTS)
                .set(PROBLEM_EVENTS.PROBLEM_ID, problemId)
                .set(PROBLEM_EVENTS.ACTOR_ID, actorId)
                .set(PROBLEM_EVENTS.ACTION, action)
                .set(PROBLEM_EVENTS.FROM_STATE, fromState)
                .set(PROBLEM_EVENTS.TO_STATE, to.name())
                .set(PROBLEM_EVENTS.REASON, reason)
                .set(PROBLEM_EVENTS.CREATED_AT, now),
        Arrays.asList(problemId, actorId, action, fromState, to.name(), reason, now));
  }

  List<ProblemEvent> findEvents(long problemId) {
    return shapes
        .fetch(
            "problems.events",
            PROBLEM_EVENTS,
            () ->
                dsl.selectFrom(PROBLEM_EVENTS)
                    .where(PROBLEM_EVENTS.PROBLEM_ID.eq(problemId))
                    .orderBy(PROBLEM_EVENTS.ID),
            List.of(problemId))
        .map(
            r ->
                new ProblemEvent(
                    r.getActorId(),
                    r.getAction(),
                    r.getFromState() == null ? null : ProblemState.valueOf(r.getFromState()),
                    ProblemState.valueOf(r.getToState()),
                    r.getReason(),
                    r.getCreatedAt()));
  }

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
    // Kept per size of the padded list (SqlShapes): a repeated id selects its row once.
    List<Long> padded = SqlShapes.padded(ids);
    shapes.execute(
        new Changed(padded.size()),
        () ->
            dsl.insertInto(PROBLEM_CHANGES, PROBLEM_CHANGES.GRID_ID, PROBLEM_CHANGES.CREATED_AT)
                .select(
                    dsl.select(PROBLEMS.GRID_ID, PROBLEMS.CREATED_AT)
                        .from(PROBLEMS)
                        .where(PROBLEMS.ID.in(padded))),
        padded);
  }

  /** The key of {@link #recordChanged}: how many ids it binds. */
  private record Changed(int ids) {}

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

  /**
   * Open and past the limit of its state: accepting for a new problem, resolving for the others.
   */
  /** The values {@link #pastLimit} binds, in the order its SQL binds them. */
  static List<Object> pastLimitValues(Instant now) {
    List<Object> values = new ArrayList<>();
    values.add(ProblemState.SUBMITTED.name());
    values.add(now);
    ProblemState.OPEN.stream()
        .filter(s -> s != ProblemState.SUBMITTED)
        .forEach(s -> values.add(s.name()));
    values.add(now);
    return values;
  }

  static Condition pastLimit(Instant now) {
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

  /** Still open: not resolved, returned or closed. */
  static Condition isOpen() {
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
   * The id of a stored problem, and whether this call created it (false: a retry of an earlier
   * one).
   */
  record Saved(long id, boolean created) {}
}
