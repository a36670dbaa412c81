package org.onegrid.account;

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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.ProblemAnswers;

/**
 * The staff side of the grid tree: each staff member sees and acts only within their own subtree.
 */
@Controller("/api/v1")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "staff")
class StaffController {

  private final AccountService accounts;
  private final AuthService auth;
  private final StaffViews views;
  private final GridService grids;

  StaffController(AccountService accounts, AuthService auth, StaffViews views, GridService grids) {
    this.accounts = accounts;
    this.auth = auth;
    this.views = views;
    this.grids = grids;
  }

  @Post("/staff/members/{id}/password-reset")
  @Operation(
      summary =
          "Admins: reset the password of a staff member of a lower level in my subtree; their"
              + " sessions end and they are texted a temporary password")
  HttpResponse<Void> resetPassword(Authentication session, @PathVariable long id) {
    Account member = accounts.find(id).orElseThrow(ApiException::notFound);
    auth.resetPassword(staff(session), member);
    return HttpResponse.noContent();
  }

  @Get("/staff/nodes/{id}")
  @Operation(
      summary =
          "A node of my subtree: its path, its children with their grid leaders, and its staff")
  StaffViews.NodeDetail node(Authentication auth, @PathVariable long id) {
    Account staff = staff(auth);
    return views.detail(staff, accounts.requireReach(staff, grids.get(id)));
  }

  @Get("/staff/home")
  @Operation(summary = "The node I am placed at, as in /staff/nodes/{id}")
  StaffViews.NodeDetail home(Authentication auth) {
    Account staff = staff(auth);
    return views.detail(staff, grids.get(staff.nodeId()));
  }

  @Put("/grids/{id}/leader")
  @Operation(
      summary =
          "Make a grid-leader account the current leader of a grid (the previous one becomes history)")
  List<StaffViews.LeaderTerm> assignLeader(
      Authentication auth, @PathVariable long id, @Body @Valid LeaderRequest body) {
    Account admin = staff(auth);
    accounts.assignGridLeader(admin, id, body.leaderId());
    return views.leaderHistory(id);
  }

  @Get("/staff/nodes/{id}/grid-leaders")
  @Operation(
      summary =
          "Grid leaders placed anywhere under a node of my subtree, to choose a grid's leader from")
  List<StaffViews.Person> gridLeaders(Authentication auth, @PathVariable long id) {
    Account admin = staff(auth);
    return accounts.gridLeadersUnder(admin, grids.get(id)).stream()
        .map(a -> views.person(admin, a))
        .toList();
  }

  @Get("/grids/{id}/leaders")
  @Operation(summary = "Who has led a grid, newest first")
  List<StaffViews.LeaderTerm> leaders(Authentication auth, @PathVariable long id) {
    accounts.requireReach(staff(auth), grid(id));
    return views.leaderHistory(id);
  }

  @Post("/residents")
  @Operation(summary = "Register a resident on their behalf (for people without a smartphone)")
  HttpResponse<StaffViews.ResidentRow> register(
      Authentication auth, @Body @Valid RegisterRequest body) {
    Account staff = staff(auth);
    Account resident =
        accounts.registerResident(staff, body.phone(), body.name(), body.unitId(), body.room());
    return HttpResponse.status(HttpStatus.CREATED).body(views.residentRow(staff, resident));
  }

  @Get("/grids/{id}/residents{?after,limit}")
  @Operation(
      summary =
          "Residents of a grid, a page at a time in a stable order (pass the last id as after)")
  StaffViews.ResidentPage residents(
      Authentication auth,
      @PathVariable long id,
      @Nullable @QueryValue @Min(0) Long after,
      @Nullable @QueryValue @Min(1) @Max(200) Integer limit) {
    Account staff = staff(auth);
    accounts.requireReach(staff, grid(id));
    int size = limit == null ? 50 : limit;
    List<Account> page = accounts.residentsOfGrid(id, after == null ? 0 : after, size + 1);
    boolean more = page.size() > size;
    List<Account> shown = more ? page.subList(0, size) : page;
    return new StaffViews.ResidentPage(
        shown.stream().map(r -> views.residentRow(staff, r)).toList(),
        more ? shown.get(shown.size() - 1).id() : null);
  }

  private GridNode grid(long id) {
    GridNode node = grids.get(id);
    if (node.level() != GridLevel.GRID) {
      throw ApiException.notFound();
    }
    return node;
  }

  private Account staff(Authentication auth) {
    Account account = accounts.get(MeController.idOf(auth));
    accounts.requireStaff(account);
    return account;
  }

  @Serdeable
  record LeaderRequest(@NotNull Long leaderId) {}

  @Serdeable
  record RegisterRequest(
      @NotBlank @Size(max = 40) String phone,
      @NotBlank @Size(max = 60) String name,
      @NotNull Long unitId,
      @NotBlank @Size(max = 20) String room) {}
}
