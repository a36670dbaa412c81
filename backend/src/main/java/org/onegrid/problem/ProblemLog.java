package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.onegrid.grid.GridService;
import org.onegrid.webhook.EventFeed;
import org.onegrid.webhook.EventType;
import org.onegrid.webhook.WebhookEvent;

/**
 * The one way a step on a problem's way is written: its event on the timeline and, in the same
 * transaction, the webhook event for the systems that follow problems under its grid (reported,
 * overdue, or any other step, with the state before and after).
 */
@Singleton
class ProblemLog {

  private final ProblemRepository problems;
  private final GridService grids;
  private final EventFeed feed;

  ProblemLog(ProblemRepository problems, GridService grids, EventFeed feed) {
    this.problems = problems;
    this.grids = grids;
    this.feed = feed;
  }

  /** Writes the step; call inside the transaction that changed the problem, after the change. */
  void record(
      long problemId,
      @Nullable Long actorId,
      String action,
      @Nullable ProblemState from,
      ProblemState to,
      @Nullable String reason,
      Instant now) {
    problems.insertEvent(problemId, actorId, action, from, to, reason, now);
    EventType type =
        action.equals("REPORT")
            ? EventType.PROBLEM_REPORTED
            : action.startsWith("ESCALATE_")
                ? EventType.PROBLEM_OVERDUE
                : EventType.PROBLEM_STATE_CHANGED;
    feed.publish(
        type,
        "problem:" + problemId,
        () -> {
          Problem p = problems.findById(problemId).orElseThrow();
          return EventFeed.Subject.of(
              grids.get(p.gridId()),
              new WebhookEvent.ProblemData(
                  p.id(),
                  p.categoryCode(),
                  p.state().name(),
                  from == null || from == to ? null : from.name(),
                  action,
                  reason,
                  p.description(),
                  p.locationText(),
                  p.lat() == null ? null : p.lat().doubleValue(),
                  p.lng() == null ? null : p.lng().doubleValue(),
                  p.isPublic(),
                  p.source(),
                  p.createdAt(),
                  p.resolveDueAt(),
                  p.escalationLevel()));
        });
  }
}
