package org.onegrid.account;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.onegrid.platform.ProblemAnswers;

/** Joining a household: members (and grid staff) accept or decline those who ask. */
@Controller("/api/v1")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "me")
class HouseholdController {

  private final Households households;
  private final AccountService accounts;

  HouseholdController(Households households, AccountService accounts) {
    this.households = households;
    this.accounts = accounts;
  }

  @Get("/me/household")
  @Operation(
      summary =
          "My household: while I wait to be accepted only myself; as a member the others and who"
              + " asks to join")
  HouseholdView mine(Authentication auth) {
    return households.view(accounts.signedIn(auth));
  }

  @Get("/staff/household-requests")
  @Operation(summary = "Grid staff: people waiting to join a household under my node, oldest first")
  List<HouseholdView.Request> waiting(Authentication auth) {
    return households.pendingFor(accounts.signedIn(auth));
  }

  @Post("/household-requests/{accountId}/accept")
  @Operation(
      summary =
          "A member of the household, or grid staff reaching it, accepts someone waiting to join;"
              + " 404 for anyone else")
  HttpResponse<Void> accept(Authentication auth, @PathVariable long accountId) {
    households.decide(accounts.signedIn(auth), accountId, true);
    return HttpResponse.noContent();
  }

  @Post("/household-requests/{accountId}/decline")
  @Operation(
      summary =
          "A member of the household, or grid staff reaching it, declines someone waiting to join"
              + " (they have no home until they choose again); 404 for anyone else")
  HttpResponse<Void> decline(Authentication auth, @PathVariable long accountId) {
    households.decide(accounts.signedIn(auth), accountId, false);
    return HttpResponse.noContent();
  }
}
