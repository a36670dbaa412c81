package org.onegrid.map;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.onegrid.grid.GeoPolygon;
import org.onegrid.grid.Geometries;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.grid.NodeRef;
import org.onegrid.platform.ApiException;

/**
 * The grids of a community with their drawn boundaries, for placing a report on the map. Anyone
 * signed in may read them, as they may read the community's buildings: outlines name no one.
 */
@Singleton
class GridOutlines {

  private final GridService grids;

  GridOutlines(GridService grids) {
    this.grids = grids;
  }

  /** The grids in use of a community, zone or grid, each with its outline when drawn. */
  List<GridOutline> under(long nodeId) {
    GridNode node = grids.find(nodeId).orElseThrow(ApiException::notFound);
    if (node.level().above(GridLevel.COMMUNITY)) {
      throw ApiException.invalidField("under", "validation.map-too-wide");
    }
    List<GridNode> gridNodes =
        node.level() == GridLevel.GRID
            ? List.of(node)
            : grids.allGridIdsUnder(node).stream().map(grids::get).toList();
    Map<Long, GeoPolygon> drawn = grids.boundariesOf(gridNodes.stream().map(GridNode::id).toList());
    return gridNodes.stream()
        .filter(g -> !g.retired())
        .map(
            g ->
                new GridOutline(
                    NodeRef.of(g),
                    drawn.containsKey(g.id())
                        ? Geometries.polygon(drawn.get(g.id()))
                            .map(Geometries::multiPolygon)
                            .orElse(null)
                        : null))
        .toList();
  }

  /** A grid and its outline (GeoJSON MultiPolygon coordinates, WGS-84), null when not drawn. */
  @Serdeable
  record GridOutline(NodeRef node, @Nullable List<List<List<List<Double>>>> outline) {}
}
