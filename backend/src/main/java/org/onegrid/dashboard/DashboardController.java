package org.onegrid.dashboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
import java.util.List;
import org.onegrid.account.AccountService;
import org.onegrid.platform.ApiException;
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
      @io.micronaut.http.annotation.PathVariable String table,
      @QueryValue long nodeId,
      @Nullable @QueryValue @Min(1) @Max(366) Integer days) {
    DashboardService.Dashboard d =
        dashboards.of(accounts.signedIn(auth), nodeId, days == null ? 30 : days);
    StringBuilder out = new StringBuilder("\uFEFF");
    out.append(
        "key,name,reported,accepted_on_time,closed,closed_not_unsatisfied,closed_on_time,"
            + "accepted_on_time_rate,closure_rate,on_time_closure_rate,satisfaction,rated,redo,"
            + "median_hours_to_accept,median_hours_to_close\r\n");
    List<Object[]> rows =
        switch (table) {
          case "children" ->
              d.children().stream().map(c -> new Object[] {c.id(), c.name(), c.figures()}).toList();
          case "category" ->
              d.byCategory().stream().map(f -> new Object[] {f.key(), f.key(), f}).toList();
          case "source" ->
              d.bySource().stream().map(f -> new Object[] {f.key(), f.key(), f}).toList();
          case "weeks" -> d.weeks().stream().map(f -> new Object[] {f.key(), f.key(), f}).toList();
          default -> throw ApiException.notFound();
        };
    for (Object[] row : rows) {
      DashboardService.Figures f = (DashboardService.Figures) row[2];
      out.append(csvCell(String.valueOf(row[0])))
          .append(',')
          .append(csvCell(String.valueOf(row[1])))
          .append(',')
          .append(
              String.join(
                  ",",
                  List.of(
                      String.valueOf(f.reported()),
                      String.valueOf(f.acceptedOnTime()),
                      String.valueOf(f.closed()),
                      String.valueOf(f.closedOk()),
                      String.valueOf(f.closedOnTime()),
                      blank(f.acceptedOnTimeRate()),
                      blank(f.closureRate()),
                      blank(f.onTimeClosureRate()),
                      blank(f.satisfaction()),
                      String.valueOf(f.rated()),
                      String.valueOf(f.redo()),
                      blank(f.medianHoursToAccept()),
                      blank(f.medianHoursToClose()))))
          .append("\r\n");
    }
    return HttpResponse.ok(out.toString())
        .contentType(MediaType.of("text/csv; charset=utf-8"))
        .header(
            "Content-Disposition",
            "attachment; filename=\"dashboard-" + nodeId + "-" + table + ".csv\"");
  }

  private static String blank(@Nullable Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  /** Quotes a cell; a leading =, +, - or @ is defused so a spreadsheet never runs it. */
  private static String csvCell(String value) {
    String v = value.matches("^[=+\\-@].*") ? "'" + value : value;
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
