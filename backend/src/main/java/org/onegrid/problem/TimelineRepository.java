package org.onegrid.problem;

import static org.onegrid.db.Tables.PROBLEMS;
import static org.onegrid.db.Tables.PROBLEM_EVENTS;
import static org.onegrid.db.Tables.PROBLEM_MESSAGES;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What happened to problems in a window of time, across the city, oldest first: the changes of
 * state and the staff's replies meant for the reporter (never internal notes), of public problems
 * and of one reporter's own (an Open311 app's).
 */
@Singleton
class TimelineRepository {

  /** A change of state as the timeline records it. */
  record StateChange(
      long id,
      long problemId,
      String action,
      ProblemState to,
      @Nullable String reason,
      Instant at) {}

  /** A staff reply to the reporter. */
  record StaffReply(long id, long problemId, String body, Instant at) {}

  /** The state a problem moved to, and when. */
  record StateAt(long problemId, ProblemState state, Instant at) {}

  private final DSLContext dsl;

  TimelineRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  private static Condition readable(@Nullable Long alsoReporterId) {
    return alsoReporterId == null
        ? PROBLEMS.IS_PUBLIC.isTrue()
        : PROBLEMS.IS_PUBLIC.isTrue().or(PROBLEMS.REPORTER_ID.eq(alsoReporterId));
  }

  /** Changes of state (not the report itself) in [from, to), oldest first. */
  List<StateChange> stateChanges(
      Instant from, Instant to, @Nullable Long alsoReporterId, int limit) {
    return dsl.select(
            PROBLEM_EVENTS.ID,
            PROBLEM_EVENTS.PROBLEM_ID,
            PROBLEM_EVENTS.ACTION,
            PROBLEM_EVENTS.TO_STATE,
            PROBLEM_EVENTS.REASON,
            PROBLEM_EVENTS.CREATED_AT)
        .from(PROBLEM_EVENTS)
        .join(PROBLEMS)
        .on(PROBLEMS.ID.eq(PROBLEM_EVENTS.PROBLEM_ID))
        .where(
            PROBLEM_EVENTS.CREATED_AT.ge(from),
            PROBLEM_EVENTS.CREATED_AT.lt(to),
            PROBLEM_EVENTS.FROM_STATE.isNotNull(),
            PROBLEM_EVENTS.FROM_STATE.ne(PROBLEM_EVENTS.TO_STATE),
            readable(alsoReporterId))
        .orderBy(PROBLEM_EVENTS.CREATED_AT, PROBLEM_EVENTS.ID)
        .limit(limit)
        .fetch(
            r ->
                new StateChange(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    ProblemState.valueOf(r.value4()),
                    r.value5(),
                    r.value6()));
  }

  /** Staff replies meant for the reporter in [from, to), oldest first. */
  List<StaffReply> staffReplies(
      Instant from, Instant to, @Nullable Long alsoReporterId, int limit) {
    return dsl.select(
            PROBLEM_MESSAGES.ID,
            PROBLEM_MESSAGES.PROBLEM_ID,
            PROBLEM_MESSAGES.BODY,
            PROBLEM_MESSAGES.CREATED_AT)
        .from(PROBLEM_MESSAGES)
        .join(PROBLEMS)
        .on(PROBLEMS.ID.eq(PROBLEM_MESSAGES.PROBLEM_ID))
        .where(
            PROBLEM_MESSAGES.CREATED_AT.ge(from),
            PROBLEM_MESSAGES.CREATED_AT.lt(to),
            PROBLEM_MESSAGES.FROM_STAFF.isTrue(),
            PROBLEM_MESSAGES.INTERNAL.isFalse(),
            DSL.length(PROBLEM_MESSAGES.BODY).gt(0),
            readable(alsoReporterId))
        .orderBy(PROBLEM_MESSAGES.CREATED_AT, PROBLEM_MESSAGES.ID)
        .limit(limit)
        .fetch(r -> new StaffReply(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  /** Every state these problems moved to before {@code until}, in order, per problem. */
  List<StateAt> statesBefore(Collection<Long> problemIds, Instant until) {
    if (problemIds.isEmpty()) {
      return List.of();
    }
    return dsl.select(PROBLEM_EVENTS.PROBLEM_ID, PROBLEM_EVENTS.TO_STATE, PROBLEM_EVENTS.CREATED_AT)
        .from(PROBLEM_EVENTS)
        .where(PROBLEM_EVENTS.PROBLEM_ID.in(problemIds), PROBLEM_EVENTS.CREATED_AT.lt(until))
        .orderBy(PROBLEM_EVENTS.PROBLEM_ID, PROBLEM_EVENTS.ID)
        .fetch(r -> new StateAt(r.value1(), ProblemState.valueOf(r.value2()), r.value3()));
  }
}
