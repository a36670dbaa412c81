package org.onegrid.dashboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.onegrid.account.AccountService;
import org.onegrid.platform.ProblemAnswers;

/** The dashboard of a node of the grid tree, as JSON and each table as CSV. */
@Controller("/api/v1/staff/dashboard")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "dashboard")
class DashboardController {

  private final DashboardService dashboards;
  private final AccountService accounts;

  DashboardController(DashboardService dashboards, AccountService accounts) {
    this.dashboards = dashboards;
    this.accounts = accounts;
  }

  @Get("{?days}")
  @Operation(
      summary =
          "The numbers of a node of my reach for problems reported in the last days (default 30):"
              + " totals and rates, by category, by source, per child node ranked, weekly trend")
  DashboardService.Dashboard dashboard(
      Authentication auth,
      @QueryValue long nodeId,
      @Nullable @QueryValue @Min(1) @Max(366) Integer days) {
    return dashboards.of(accounts.signedIn(auth), nodeId, days == null ? 30 : days);
  }

  @Get(uri = "/{table}.csv{?days}", produces = "text/csv")
  @Operation(summary = "One table of the dashboard as CSV: children, category, source or weeks")
  HttpResponse<String> csv(
      Authentication auth,
      @PathVariable String table,
      @QueryValue long nodeId,
      @Nullable @QueryValue @Min(1) @Max(366) Integer days) {
    DashboardService.Dashboard d =
        dashboards.of(accounts.signedIn(auth), nodeId, days == null ? 30 : days);
    return HttpResponse.ok(DashboardCsv.table(d, table))
        .contentType(MediaType.of("text/csv; charset=utf-8"))
        .header(
            "Content-Disposition",
            "attachment; filename=\"dashboard-" + nodeId + "-" + table + ".csv\"");
  }
}
