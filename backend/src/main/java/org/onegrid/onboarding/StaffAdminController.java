package org.onegrid.onboarding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onegrid.account.AccountService;
import org.onegrid.platform.ProblemAnswers;

/** Admins: the staff of their subtree, one at a time. */
@Controller("/api/v1/admin")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
class StaffAdminController {

  private final StaffAdmin staff;
  private final AccountService accounts;

  StaffAdminController(StaffAdmin staff, AccountService accounts) {
    this.staff = staff;
    this.accounts = accounts;
  }

  @Get("/nodes/{id}/staff{?q,after}")
  @Operation(
      summary =
          "Admins: staff placed at or under a node of my subtree (those who left too), 50 a page by"
              + " id; q finds a name or phone")
  List<StaffAdmin.StaffRow> list(
      Authentication auth,
      @PathVariable long id,
      @Nullable @QueryValue @Size(max = 40) String q,
      @Nullable @QueryValue Long after) {
    return staff.list(accounts.signedIn(auth), id, q, after);
  }

  @Post("/nodes/{id}/staff")
  @Operation(
      summary =
          "Admins: invite one member of staff at a node of my subtree, in a role below mine (texted a"
              + " temporary password)")
  HttpResponse<StaffAdmin.StaffRow> invite(
      Authentication auth, @PathVariable long id, @Body StaffAdmin.NewStaff body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(staff.invite(accounts.signedIn(auth), id, body));
  }

  @Post("/staff/{id}/deactivate")
  @Operation(
      summary =
          "Admins: a member of staff below me has left: sessions end, grid leadership ends, open"
              + " problems go to the grid's leader")
  StaffAdmin.StaffRow deactivate(Authentication auth, @PathVariable long id) {
    return staff.deactivate(accounts.signedIn(auth), id);
  }

  @Put("/staff/{id}")
  @Operation(
      summary =
          "Admins: another role or post in my subtree for a member of staff below me (a grid they"
              + " led waits for a new leader; they sign in again)")
  StaffAdmin.StaffRow repost(
      Authentication auth, @PathVariable long id, @Body StaffAdmin.Post body) {
    return staff.repost(accounts.signedIn(auth), id, body);
  }
}
