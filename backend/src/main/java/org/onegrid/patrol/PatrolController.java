package org.onegrid.patrol;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.onegrid.account.AccountService;
import org.onegrid.platform.IdempotencyKeys;
import org.onegrid.platform.Messages;
import org.onegrid.platform.ProblemAnswers;

/** The patrol diary (民情日记) of grid staff, and its timeline for supervisors. */
@Controller("/api/v1/staff/patrols")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "patrol")
class PatrolController {

  private final PatrolService patrols;
  private final AccountService accounts;
  private final Messages messages;

  PatrolController(PatrolService patrols, AccountService accounts, Messages messages) {
    this.patrols = patrols;
    this.accounts = accounts;
    this.messages = messages;
  }

  @Post
  @Operation(
      summary =
          "Log a patrol of a grid; each finding is filed as a problem (source PATROL). Send an"
              + " Idempotency-Key: a retry logs once")
  HttpResponse<PatrolService.PatrolView> log(
      HttpRequest<?> request,
      Authentication auth,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Body @Valid PatrolRequest body) {
    PatrolService.NewPatrol patrol =
        new PatrolService.NewPatrol(
            body.gridId(),
            body.date(),
            body.area(),
            body.notes(),
            body.photoIds() == null ? List.of() : body.photoIds(),
            body.findings() == null
                ? List.of()
                : body.findings().stream()
                    .map(
                        f ->
                            new PatrolService.Finding(
                                f.categoryCode(), f.description().trim(), f.unitId()))
                    .toList());
    return HttpResponse.status(HttpStatus.CREATED)
        .body(
            patrols.log(
                accounts.signedIn(auth),
                patrol,
                IdempotencyKeys.of(idempotencyKey),
                messages.localeOf(request)));
  }

  @Get("{?before}")
  @Operation(summary = "The diary of the grids under a node of my reach, newest first, 20 a page")
  List<PatrolService.PatrolView> diary(
      HttpRequest<?> request,
      Authentication auth,
      @QueryValue long nodeId,
      @Nullable @QueryValue Long before) {
    return patrols.diary(accounts.signedIn(auth), nodeId, before, messages.localeOf(request));
  }

  @Serdeable
  record PatrolRequest(
      @NotNull Long gridId,
      @NotNull LocalDate date,
      @NotBlank @Size(max = 200) String area,
      @Nullable @Size(max = 2000) String notes,
      @Nullable @Size(max = 6) List<@NotNull Long> photoIds,
      @Nullable @Size(max = 20) List<@NotNull @Valid FindingRequest> findings) {}

  @Serdeable
  record FindingRequest(
      @NotBlank String categoryCode,
      @NotBlank @Size(max = 2000) String description,
      @Nullable Long unitId) {}
}
