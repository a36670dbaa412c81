package org.onegrid.home;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.message.MessageService;
import org.onegrid.notice.NoticeService;
import org.onegrid.platform.ProblemAnswers;
import org.onegrid.warning.WarningService;

/**
 * A resident's home page in one answer: one round trip on a slow phone network instead of three,
 * and one request's work on the server. Each part is what its own endpoint answers.
 */
@Controller("/api/v1")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "home")
class HomeController {

  private final AccountService accounts;
  private final WarningService warnings;
  private final NoticeService notices;
  private final MessageService messages;

  HomeController(
      AccountService accounts,
      WarningService warnings,
      NoticeService notices,
      MessageService messages) {
    this.accounts = accounts;
    this.warnings = warnings;
    this.notices = notices;
    this.messages = messages;
  }

  @Get("/me/home-page")
  @Operation(
      summary =
          "My home page: warnings in force where I live, notices to my grid and above (last 30"
              + " days), and how many staff messages I have not read")
  ResidentHome home(Authentication auth) {
    Account me = accounts.signedIn(auth);
    return new ResidentHome(
        warnings.forResident(me), notices.forResident(me), messages.residentUnread(me.id()));
  }

  /** What the resident's home page shows. */
  @Serdeable
  record ResidentHome(
      List<WarningService.WarningView> warnings,
      List<NoticeService.NoticeView> notices,
      int unreadMessages) {}
}
