package org.onegrid.care;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.ProblemAnswers;

/** The care list of a grid, kept by its leader and the staff above. */
@Controller("/api/v1/staff")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "care")
class CareController {

  private final CareService care;
  private final AccountService accounts;

  CareController(CareService care, AccountService accounts) {
    this.care = care;
    this.accounts = accounts;
  }

  @Get("/grids/{id}/care-list")
  @Operation(summary = "Residents of a grid on the care list (elderly living alone and others)")
  List<CareService.CareEntry> list(Authentication auth, @PathVariable long id) {
    return care.ofGrid(me(auth), id);
  }

  @Put("/care-list/{residentId}")
  @Operation(summary = "Put a resident on the care list, or change why they are on it")
  CareService.CareEntry put(
      Authentication auth, @PathVariable long residentId, @Body @Valid CareRequest body) {
    return care.add(me(auth), residentId, body.kind(), body.note());
  }

  @Delete("/care-list/{residentId}")
  @Operation(summary = "Take a resident off the care list")
  HttpResponse<Void> remove(Authentication auth, @PathVariable long residentId) {
    care.remove(me(auth), residentId);
    return HttpResponse.noContent();
  }

  private Account me(Authentication auth) {
    return accounts.signedIn(auth);
  }

  @Serdeable
  record CareRequest(@NotBlank String kind, @Nullable @Size(max = 200) String note) {}
}
