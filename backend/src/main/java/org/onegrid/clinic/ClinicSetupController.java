package org.onegrid.clinic;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.ProblemAnswers;

/** Admins of a community and above set up its clinic providers, services, hours and closures. */
@Controller("/api/v1/admin")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
class ClinicSetupController {

  private final ClinicSetup setup;
  private final ClinicTeam team;
  private final AccountService accounts;

  ClinicSetupController(ClinicSetup setup, ClinicTeam team, AccountService accounts) {
    this.setup = setup;
    this.team = team;
    this.accounts = accounts;
  }

  @Get("/communities/{id}/clinic")
  @Operation(
      summary =
          "Admins: a community's clinic providers with every service, its hours and days closed")
  List<ClinicSetupViews.Provider> providers(Authentication auth, @PathVariable long id) {
    return setup.providers(admin(auth), id);
  }

  @Post("/communities/{id}/clinic/providers")
  @Operation(summary = "Admins: add a clinic provider (health station, area doctor, hospital)")
  HttpResponse<ClinicSetupViews.Provider> addProvider(
      Authentication auth, @PathVariable long id, @Body @Valid ClinicSetupViews.NewProvider body) {
    return HttpResponse.status(HttpStatus.CREATED).body(setup.addProvider(admin(auth), id, body));
  }

  @Post("/clinic/providers/{id}/services")
  @Operation(
      summary = "Admins: add a service with its slots and weekly hours; residents see it at once")
  HttpResponse<ClinicSetupViews.Service> addService(
      Authentication auth,
      @PathVariable long id,
      @Body @Valid ClinicSetupViews.ServiceSettings body) {
    return HttpResponse.status(HttpStatus.CREATED).body(setup.addService(admin(auth), id, body));
  }

  @Put("/clinic/services/{id}")
  @Operation(
      summary =
          "Admins: change a service's slots, hours or whether it is offered; bookings made stay")
  ClinicSetupViews.Service changeService(
      Authentication auth,
      @PathVariable long id,
      @Body @Valid ClinicSetupViews.ServiceSettings body) {
    return setup.changeService(admin(auth), id, body);
  }

  @Post("/clinic/services/{id}/closures")
  @Operation(summary = "Admins: close a service on a day (409 while bookings remain that day)")
  HttpResponse<ClinicSetupViews.Service> close(
      Authentication auth, @PathVariable long id, @Body @Valid ClinicSetupViews.NewClosure body) {
    return HttpResponse.status(HttpStatus.CREATED).body(setup.close(admin(auth), id, body));
  }

  @Delete("/clinic/services/{id}/closures/{day}")
  @Operation(summary = "Admins: open a closed day again")
  ClinicSetupViews.Service reopen(
      Authentication auth, @PathVariable long id, @PathVariable LocalDate day) {
    return setup.reopen(admin(auth), id, day);
  }

  @Post("/clinic/providers/{id}/staff")
  @Operation(
      summary =
          "Admins: add a clinician to a provider (an existing clinician by phone, or a new one"
              + " texted a temporary password)")
  HttpResponse<ClinicSetupViews.Provider> addClinician(
      Authentication auth, @PathVariable long id, @Body @Valid ClinicSetupViews.NewClinician body) {
    team.addClinician(admin(auth), id, body);
    return HttpResponse.status(HttpStatus.CREATED).body(setup.providerView(admin(auth), id));
  }

  @Delete("/clinic/providers/{id}/staff/{accountId}")
  @Operation(summary = "Admins: take a clinician off a provider")
  ClinicSetupViews.Provider removeClinician(
      Authentication auth, @PathVariable long id, @PathVariable long accountId) {
    team.removeClinician(admin(auth), id, accountId);
    return setup.providerView(admin(auth), id);
  }

  @Put("/clinic/providers/{id}/grids")
  @Operation(summary = "Admins: the grids of the community an area doctor (片医) serves")
  ClinicSetupViews.Provider serveGrids(
      Authentication auth, @PathVariable long id, @Body @Valid ClinicSetupViews.ServedGrids body) {
    team.serveGrids(admin(auth), id, body);
    return setup.providerView(admin(auth), id);
  }

  private Account admin(Authentication auth) {
    return accounts.signedIn(auth);
  }
}
