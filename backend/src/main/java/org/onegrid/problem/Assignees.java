package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.Messages;

/**
 * Who a problem of a grid goes to, and telling them: when it is reported and when it is handed on.
 */
@Singleton
class Assignees {

  private final AccountService accounts;
  private final GridService grids;
  private final Notifications inApp;
  private final Messages texts;

  Assignees(AccountService accounts, GridService grids, Notifications inApp, Messages texts) {
    this.accounts = accounts;
    this.grids = grids;
    this.inApp = inApp;
    this.texts = texts;
  }

  /** Who a new problem of the grid goes to: its leader, else its community's admin. */
  @Nullable
  Account assigneeOf(GridNode grid) {
    Optional<Account> leader = accounts.currentLeaderOf(grid.id());
    if (leader.isPresent()) {
      return leader.get();
    }
    return grids.pathOf(grid).stream()
        .filter(n -> n.level() == GridLevel.COMMUNITY)
        .findFirst()
        .flatMap(
            community ->
                accounts.staffAt(List.of(community.id())).stream()
                    .filter(a -> a.role() == Role.COMMUNITY_ADMIN)
                    .findFirst())
        .orElse(null);
  }

  /** Tells whoever a problem now goes to (by SMS and in the app) that it is theirs to accept. */
  void notifyAssignee(
      @Nullable Account assignee, GridNode grid, Category category, String description) {
    if (assignee == null) {
      return;
    }
    inApp.tell(
        assignee,
        "problem-new",
        "/staff/problems",
        locale ->
            texts.get(
                locale,
                "sms.problem-new",
                grid.name(),
                category.name(locale),
                excerpt(description),
                String.valueOf(category.acceptHours())));
  }

  /** The first 40 characters of a description, as texts quote it. */
  static String excerpt(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
