package org.onegrid.account;

import io.micronaut.http.HttpStatus;
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
import org.onegrid.platform.ApiException;
import org.onegrid.platform.ProblemAnswers;

/**
 * The benchmark's yardstick: one request through the whole stack (session cookie, filters, a
 * blocking thread, one primary-key read through jOOQ, JSON) and nothing else. Every scenario of the
 * city-scale benchmark is reported as a ratio to its throughput, which holds across machines better
 * than absolute times.
 */
@Controller("/api/v1/baseline")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "me")
class BaselineController {

  private final AccountService accounts;

  BaselineController(AccountService accounts) {
    this.accounts = accounts;
  }

  @Get
  @Operation(summary = "My account's id and role, read by primary key (the benchmark's baseline)")
  Baseline get(Authentication auth) {
    // Read by its key every time: the signed-in account other requests take from what this
    // instance read within check-every (RecentReads) would make this a read of no row at all.
    Account me =
        accounts
            .find(Long.parseLong(auth.getName()))
            .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized"));
    return new Baseline(me.id(), me.role().name());
  }

  @Serdeable
  record Baseline(long id, String role) {}
}
