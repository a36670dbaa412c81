package org.onegrid.account;

import io.micronaut.core.annotation.Nullable;
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
import org.onegrid.platform.ProblemAnswers;

/**
 * Whether this browser is signed in, and as whom: what the app asks as it opens. Unlike {@code GET
 * /api/v1/me} it answers a signed-out visitor too (with no one), so opening the sign-in page logs
 * no failed request in the browser.
 */
@Controller("/api/v1/session")
@ProblemAnswers
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "me")
class SessionController {

  private final AccountService accounts;

  SessionController(AccountService accounts) {
    this.accounts = accounts;
  }

  @Get
  @Operation(summary = "Who is signed in on this browser: me as GET /me says, or null when no one")
  Session session(@Nullable Authentication auth) {
    return new Session(auth == null ? null : accounts.me(MeController.idOf(auth)));
  }

  @Serdeable
  record Session(@Nullable MeView me) {}
}
