package org.onegrid.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled care of problems, safe to run on every instance at once: each change is a conditional
 * update that only one instance can win, and its event and SMS are written in that same
 * transaction.
 *
 * <ul>
 *   <li>An open problem past its time limit is escalated to the community (level 1); still open a
 *       day later, to the street office (level 2). Each happens once.
 *   <li>A resolved problem the reporter neither confirmed nor reopened within 7 days closes by
 *       itself.
 * </ul>
 */
@Singleton
@Requires(property = "onegrid.problems.jobs.enabled", notEquals = "false")
public class ProblemJobs {

  static final Duration STREET_AFTER = Duration.ofDays(1);
  static final Duration AUTO_CLOSE_AFTER = Duration.ofDays(7);
  private static final Logger LOG = LoggerFactory.getLogger(ProblemJobs.class);
  private static final int BATCH = 200;

  private final ProblemRepository problems;
  private final ProblemLog log;
  private final CategoryRepository categories;
  private final GridService grids;
  private final AccountService accounts;
  private final Notifications inApp;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;

  ProblemJobs(
      ProblemRepository problems,
      ProblemLog log,
      CategoryRepository categories,
      GridService grids,
      AccountService accounts,
      Notifications inApp,
      Messages texts,
      Tx tx,
      Clock clock) {
    this.problems = problems;
    this.log = log;
    this.categories = categories;
    this.grids = grids;
    this.accounts = accounts;
    this.inApp = inApp;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
  }

  @Scheduled(fixedDelay = "${onegrid.problems.jobs.interval:1m}", initialDelay = "30s")
  void tick() {
    try {
      escalateOverdue();
      closeUnconfirmed();
    } catch (RuntimeException e) {
      LOG.warn("Problem jobs round failed; will try again", e);
    }
  }

  /** Escalates what is due; returns how many escalations this instance made. */
  public int escalateOverdue() {
    int made = 0;
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    for (Problem problem : problems.findDueForEscalation(now, BATCH)) {
      boolean won =
          tx.runAlone(
              () -> {
                if (!problems.raiseEscalation(problem.id(), problem.escalationLevel(), now)) {
                  return false;
                }
                GridLevel level =
                    problem.escalationLevel() == 0 ? GridLevel.COMMUNITY : GridLevel.STREET;
                log.record(
                    problem.id(),
                    null,
                    "ESCALATE_" + level.name(),
                    problem.state(),
                    problem.state(),
                    null,
                    now);
                notifySupervisors(problem, level);
                if (level == GridLevel.COMMUNITY) {
                  notifyAssignee(problem);
                }
                return true;
              });
      if (won) {
        made++;
      }
    }
    return made;
  }

  /**
   * Closes resolved problems left unconfirmed for 7 days; returns how many this instance closed.
   */
  public int closeUnconfirmed() {
    int closed = 0;
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    for (long id : problems.findResolvedBefore(now.minus(AUTO_CLOSE_AFTER), BATCH)) {
      boolean won =
          tx.runAlone(
              () -> {
                if (!problems.closeIfStillResolved(id, now)) {
                  return false;
                }
                log.record(
                    id, null, "AUTO_CLOSE", ProblemState.RESOLVED, ProblemState.CLOSED, null, now);
                return true;
              });
      if (won) {
        closed++;
      }
    }
    return closed;
  }

  /** The person handling it hears first that it is overdue (once, with the first escalation). */
  private void notifyAssignee(Problem problem) {
    if (problem.assigneeId() == null) {
      return;
    }
    Account assignee = accounts.byIds(List.of(problem.assigneeId())).get(problem.assigneeId());
    if (assignee == null) {
      return;
    }
    Category category = categories.findByCode(problem.categoryCode()).orElseThrow();
    inApp.tell(
        assignee,
        "problem-overdue",
        "/problems/" + problem.id(),
        locale ->
            texts.get(
                locale,
                "sms.problem-overdue",
                String.valueOf(problem.id()),
                category.name(locale)));
  }

  private void notifySupervisors(Problem problem, GridLevel level) {
    GridNode grid = grids.get(problem.gridId());
    Role role = level == GridLevel.COMMUNITY ? Role.COMMUNITY_ADMIN : Role.STREET_ADMIN;
    List<Long> nodes =
        grids.pathOf(grid).stream().filter(n -> n.level() == level).map(GridNode::id).toList();
    Category category = categories.findByCode(problem.categoryCode()).orElseThrow();
    for (Account admin : accounts.staffAt(nodes)) {
      if (admin.role() != role) {
        continue;
      }
      inApp.tell(
          admin,
          "problem-escalated",
          "/problems/" + problem.id(),
          locale ->
              texts.get(
                  locale,
                  problem.state() == ProblemState.SUBMITTED
                      ? "sms.problem-escalated-accept"
                      : "sms.problem-escalated-resolve",
                  grid.name(),
                  String.valueOf(problem.id()),
                  category.name(locale)));
    }
  }
}
