package org.onegrid.warning;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
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
import java.time.Instant;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.IdempotencyKeys;
import org.onegrid.platform.ProblemAnswers;

/** Four-level warnings: issued by admins, acknowledged by grids, shown to residents when severe. */
@Controller("/api/v1")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "warnings")
class WarningController {

  private final WarningService warnings;
  private final AccountService accounts;

  WarningController(WarningService warnings, AccountService accounts) {
    this.warnings = warnings;
    this.accounts = accounts;
  }

  @Post("/staff/warnings")
  @Operation(
      summary =
          "Admins: warn the grids under a node (BLUE, YELLOW, ORANGE, RED) until a time; every"
              + " grid's leader must acknowledge. Send an Idempotency-Key")
  HttpResponse<WarningService.WarningView> issue(
      Authentication auth,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Body @Valid NewWarning body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(
            warnings.issue(
                me(auth),
                body.nodeId(),
                body.level(),
                body.title(),
                body.instructions(),
                body.validUntil(),
                IdempotencyKeys.of(idempotencyKey)));
  }

  @Get("/staff/warnings")
  @Operation(summary = "Warnings issued to a node of my reach or under it, newest first")
  List<WarningService.WarningView> issued(Authentication auth, @QueryValue long nodeId) {
    return warnings.issuedUnder(me(auth), nodeId);
  }

  @Get("/staff/warnings/{id}")
  @Operation(summary = "A warning and its grids' acknowledgements, those not yet first")
  WarningService.Acks acks(Authentication auth, @PathVariable long id) {
    return warnings.acks(me(auth), id);
  }

  @Get("/staff/my-warnings")
  @Operation(summary = "Grid staff: the warnings in force for my grid, and whether it acknowledged")
  List<WarningService.MyWarning> mine(Authentication auth) {
    return warnings.mine(me(auth));
  }

  @Post("/staff/warnings/{id}/acknowledge")
  @Operation(summary = "Grid staff: acknowledge a warning to my grid")
  WarningService.MyWarning acknowledge(Authentication auth, @PathVariable long id) {
    return warnings.acknowledge(me(auth), id);
  }

  @Get("/warnings")
  @Operation(summary = "Orange and red warnings in force where I live")
  List<WarningService.WarningView> forMe(Authentication auth) {
    return warnings.forResident(me(auth));
  }

  private Account me(Authentication auth) {
    return accounts.signedIn(auth);
  }

  @Serdeable
  record NewWarning(
      @NotNull Long nodeId,
      @NotBlank String level,
      @NotBlank @Size(max = 100) String title,
      @NotBlank @Size(max = 2000) String instructions,
      @NotNull Instant validUntil) {}
}
