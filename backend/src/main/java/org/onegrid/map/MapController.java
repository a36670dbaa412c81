package org.onegrid.map;

import io.micronaut.core.annotation.Nullable;
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
import java.util.List;
import org.onegrid.account.AccountService;
import org.onegrid.platform.ProblemAnswers;

/** Maps: the base map's settings, grid outlines for picking a place, and a node's map for staff. */
@Controller("/api/v1/map")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "map")
class MapController {

  private final MapConfig config;
  private final GridOutlines gridOutlines;
  private final AreaMaps areaMaps;
  private final AccountService accounts;

  MapController(
      MapConfig config, GridOutlines gridOutlines, AreaMaps areaMaps, AccountService accounts) {
    this.config = config;
    this.gridOutlines = gridOutlines;
    this.areaMaps = areaMaps;
    this.accounts = accounts;
  }

  @Get("/settings")
  @Operation(summary = "The base map: tile URL (none: a plain background), attribution, datum")
  MapSettings settings() {
    return new MapSettings(
        config.getTileUrl() == null ? null : config.tileTemplate(),
        config.getSubdomains(),
        config.getAttribution(),
        config.getDatum(),
        config.getMaxZoom());
  }

  @Get("/grids")
  @Operation(
      summary =
          "Outlines of the grids of a community (or of one grid), as anyone signed in sees"
              + " them when placing a report")
  List<GridOutlines.GridOutline> grids(@QueryValue long under) {
    return gridOutlines.under(under);
  }

  @Get("/nodes/{id}{?days}")
  @Operation(
      summary =
          "A node's map for staff who reach it: child areas with figures, and open problems and"
              + " buildings where the areas are grids")
  AreaMaps.AreaMap node(
      Authentication auth,
      @PathVariable long id,
      @Nullable @QueryValue @Min(1) @Max(366) Integer days) {
    return areaMaps.of(accounts.signedIn(auth), id, days == null ? 30 : days);
  }
}
