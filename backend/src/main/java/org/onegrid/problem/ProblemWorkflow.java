package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Strings;
import org.onegrid.platform.Tx;

/**
 * A problem's way from report to closure ({@link ProblemAction}: accept, resolve, confirm, reopen
 * …), its visibility and its followers. Every change is an event on its timeline, and the reporter
 * and followers are told when it is accepted, resolved or returned.
 */
@Singleton
public class ProblemWorkflow {

  /** How long after a fix its reporter may still reopen the problem. */
  static final Duration REOPEN_WINDOW = Duration.ofDays(7);

  private final ProblemRepository problems;
  private final ProblemLog log;
  private final CategoryRepository categories;
  private final AccountService accounts;
  private final ProblemAccess access;
  private final ProblemViews views;
  private final Notifications inApp;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;

  ProblemWorkflow(
      ProblemRepository problems,
      ProblemLog log,
      CategoryRepository categories,
      AccountService accounts,
      ProblemAccess access,
      ProblemViews views,
      Notifications inApp,
      Messages texts,
      Tx tx,
      Clock clock) {
    this.problems = problems;
    this.log = log;
    this.categories = categories;
    this.accounts = accounts;
    this.access = access;
    this.views = views;
    this.inApp = inApp;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Moves a problem on: staff within reach act on any of its grid's problems, a reporter on their
   * own.
   */
  public ProblemView act(
      Account actor,
      long id,
      ProblemAction action,
      @Nullable String reason,
      @Nullable Integer rating,
      Locale locale) {
    String why = Strings.blankToNull(reason);
    Problem updated =
        tx.run(
            () -> {
              Problem problem = problems.lockById(id).orElseThrow(ApiException::notFound);
              access.requireVisible(actor, problem);
              if (!access.mayAct(actor, problem, action)) {
                throw ApiException.forbidden();
              }
              if (!action.allowedFrom(problem.state())) {
                throw new ApiException(HttpStatus.CONFLICT, "problem-state", problem.state());
              }
              if (ProblemAction.NEEDS_REASON.containsKey(action) && why == null) {
                throw ApiException.invalidField("reason", "validation.reason");
              }
              // A resident rates a fix they can read about: staff say what was done.
              if (action == ProblemAction.RESOLVE && why == null) {
                throw ApiException.invalidField("reason", "validation.result");
              }
              if (action == ProblemAction.CONFIRM && (rating == null || rating < 1 || rating > 5)) {
                throw ApiException.invalidField("rating", "validation.rating");
              }
              Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
              if (action == ProblemAction.REOPEN
                  && problem.resolvedAt() != null
                  && now.isAfter(problem.resolvedAt().plus(REOPEN_WINDOW))) {
                throw new ApiException(HttpStatus.CONFLICT, "problem-reopen-too-late");
              }
              problems.updateState(id, action.to(), now, action == ProblemAction.REOPEN);
              if (action == ProblemAction.CONFIRM) {
                problems.setRating(id, rating, why);
              }
              log.record(id, actor.id(), action.name(), problem.state(), action.to(), why, now);
              notifyReporter(problem, action, why);
              return problems.findById(id).orElseThrow();
            });
    return views.view(actor, updated, locale, true);
  }

  private void notifyReporter(Problem problem, ProblemAction action, @Nullable String reason) {
    String key =
        switch (action) {
          case ACCEPT -> "sms.problem-accepted";
          case RESOLVE -> "sms.problem-resolved";
          case RETURN -> "sms.problem-returned";
          default -> null;
        };
    if (key == null) {
      return;
    }
    List<Long> audience = new ArrayList<>();
    audience.add(problem.reporterId());
    problems.findFollowers(problem.id()).stream()
        .filter(id -> !audience.contains(id))
        .forEach(audience::add);
    for (Account person : accounts.byIds(audience).values()) {
      inApp.tell(
          person,
          "problem-" + action.name().toLowerCase(Locale.ROOT),
          "/problems/" + problem.id(),
          locale ->
              texts.get(locale, key, String.valueOf(problem.id()), detail(action, reason, locale)));
    }
  }

  /** The reason as it sits in the SMS: after "resolved" in brackets, after "returned" as it is. */
  private static String detail(ProblemAction action, @Nullable String reason, Locale locale) {
    if (reason == null) {
      return "";
    }
    if (action != ProblemAction.RESOLVE) {
      return reason;
    }
    return "en".equals(locale.getLanguage()) ? " (" + reason + ")" : "（" + reason + "）";
  }

  /**
   * Makes a problem public or private. Staff who reach it may only make it private, with a reason;
   * only its reporter makes it public, and only where {@link Publication#mayBePublic} allows. The
   * change is an event on the timeline.
   */
  public ProblemView setVisibility(
      Account actor, long id, boolean makePublic, @Nullable String reason, Locale locale) {
    String why = Strings.blankToNull(reason);
    Problem updated =
        tx.run(
            () -> {
              Problem problem = problems.lockById(id).orElseThrow(ApiException::notFound);
              access.requireVisible(actor, problem);
              boolean reporter = actor.id() == problem.reporterId();
              boolean staff = actor.role().isStaff() && !reporter;
              if (!reporter && !staff) {
                throw ApiException.notFound();
              }
              if (problem.isPublic() == makePublic) {
                return problem;
              }
              if (makePublic) {
                if (!reporter) {
                  throw new ApiException(HttpStatus.FORBIDDEN, "problem-public-by-reporter-only");
                }
                Category category = categories.findByCode(problem.categoryCode()).orElseThrow();
                if (!Publication.mayBePublic(problem, category)) {
                  throw new ApiException(HttpStatus.CONFLICT, "problem-always-private");
                }
              } else if (staff && why == null) {
                throw ApiException.invalidField("reason", "validation.reason");
              }
              Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
              problems.setPublic(id, makePublic, now);
              log.record(
                  id,
                  actor.id(),
                  makePublic ? "MADE_PUBLIC" : "MADE_PRIVATE",
                  problem.state(),
                  problem.state(),
                  why,
                  now);
              return problems.findById(id).orElseThrow();
            });
    return views.view(actor, updated, locale, true);
  }

  /** "Me too": the resident follows the problem and hears its updates. */
  public ProblemView follow(Account resident, long id, Locale locale) {
    Problem problem = problems.findById(id).orElseThrow(ApiException::notFound);
    access.requireVisible(resident, problem);
    if (resident.id() != problem.reporterId()) {
      problems.follow(id, resident.id(), clock.instant());
    }
    return views.view(resident, problem, locale, true);
  }
}
