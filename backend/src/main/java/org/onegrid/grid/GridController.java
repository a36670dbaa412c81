package org.onegrid.grid;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import org.onegrid.platform.ProblemAnswers;

/**
 * What any signed-in person may know of the grid tree: communities, their buildings, and which grid
 * a point is in.
 */
@Controller("/api/v1")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "grid")
class GridController {

  private final GridService grids;

  GridController(GridService grids) {
    this.grids = grids;
  }

  @Get("/communities{?q}")
  @Operation(summary = "Search communities by name, for a new resident choosing their home")
  List<CommunityView> communities(@Nullable @QueryValue @Size(max = 50) String q) {
    return grids.searchCommunities(q, 50).stream()
        .map(
            c -> {
              List<GridNode> path = grids.pathOf(c);
              String area =
                  String.join(
                      " · ",
                      path.stream()
                          .filter(
                              n -> n.level() == GridLevel.DISTRICT || n.level() == GridLevel.STREET)
                          .map(GridNode::name)
                          .toList());
              return new CommunityView(c.id(), c.name(), area);
            })
        .toList();
  }

  @Get("/communities/{id}/buildings")
  @Operation(summary = "Buildings and units of a community")
  List<BuildingView> buildings(@PathVariable long id) {
    return grids.buildingsOf(id);
  }

  @Get("/grid-nodes/locate")
  @Operation(summary = "The grid whose boundary contains a GPS point")
  Optional<NodeRef> locate(
      @QueryValue @Min(-90) @Max(90) double lat, @QueryValue @Min(-180) @Max(180) double lng) {
    return grids.locate(lat, lng).map(NodeRef::of);
  }

  /** A community and the district and street it is in. */
  @Serdeable
  record CommunityView(long id, String name, String area) {}
}
