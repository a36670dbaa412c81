package org.onegrid.problem;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.Messages;
import org.onegrid.platform.WarmUpTask;

/**
 * A resident's list of their problems and one problem's page, and a leader's inbox as its tabs ask
 * it, on the newest problems' reporters and assignees, each answer written as JSON: the pages
 * people open first after a restart. Reads only.
 */
@Singleton
final class ProblemWarmUp implements WarmUpTask {

  private static final Argument<List<ProblemView>> VIEWS = Argument.listOf(ProblemView.class);

  /**
   * Few rows, read again and again: after the first round their pages are in the database's cache,
   * so the rounds that follow compile the code rather than wait for the disk.
   */
  private static final int SAMPLE = 8;

  private final ProblemService problems;
  private final ProblemQueries queries;
  private final AccountService accounts;
  private final JsonMapper json;
  private final List<Seen> sample = new ArrayList<>();

  ProblemWarmUp(
      ProblemService problems, ProblemQueries queries, AccountService accounts, JsonMapper json) {
    this.problems = problems;
    this.queries = queries;
    this.accounts = accounts;
    this.json = json;
  }

  /** One of the newest problems, with its reporter and its assignee (a grid's leader) if any. */
  private record Seen(Problem problem, Account reporter, Optional<Account> assignee) {}

  @Override
  public void run(int round) throws Exception {
    if (round == 0) {
      for (Problem p : queries.findNewest(SAMPLE)) {
        accounts
            .find(p.reporterId())
            .ifPresent(
                reporter ->
                    sample.add(
                        new Seen(
                            p,
                            reporter,
                            Optional.ofNullable(p.assigneeId()).flatMap(accounts::find))));
      }
    }
    if (sample.isEmpty()) {
      return;
    }
    Seen seen = sample.get(round % sample.size());
    Locale locale = round % 4 == 3 ? Locale.ENGLISH : Messages.CHINESE;
    json.writeValueAsBytes(VIEWS, problems.mine(seen.reporter(), null, locale));
    json.writeValueAsBytes(problems.get(seen.reporter(), seen.problem().id(), locale));
    if (seen.assignee().isPresent()) {
      Account leader = seen.assignee().get();
      json.writeValueAsBytes(VIEWS, problems.inbox(leader, tab(round), locale));
      json.writeValueAsBytes(problems.counts(leader));
    }
  }

  /** The inbox's tabs in turn: new, in progress, overdue, new by deadline. */
  private static ProblemService.InboxFilter tab(int round) {
    return switch (round % 4) {
      case 0 ->
          new ProblemService.InboxFilter(
              ProblemState.SUBMITTED, null, null, false, null, false, null);
      case 1 ->
          new ProblemService.InboxFilter(
              ProblemState.IN_PROGRESS, null, null, false, null, false, null);
      case 2 -> new ProblemService.InboxFilter(null, null, null, true, null, false, null);
      default ->
          new ProblemService.InboxFilter(
              ProblemState.SUBMITTED, null, null, false, null, true, null);
    };
  }
}
