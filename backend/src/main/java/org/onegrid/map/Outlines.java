package org.onegrid.map;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.onegrid.grid.GeoPolygon;
import org.onegrid.grid.Geometries;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;

/**
 * The outline of a node on the map: its drawn boundary, or else the area its grids' boundaries
 * cover together (a city that drew only its grids still gets district and street shapes). A joined
 * outline is kept for a few minutes: a district of 2,000 grids takes a moment to join, and a city's
 * supervisors open the same few nodes.
 */
@Singleton
class Outlines {

  /** How many screen pixels of detail a shape keeps: about a thousand across the area shown. */
  private static final double PIXELS_ACROSS = 1000;

  private static final Duration KEEP = Duration.ofMinutes(5);
  private static final int KEPT_AT_MOST = 5000;

  private final GridService grids;
  private final Clock clock;
  private final Map<Long, Joined> joined = new ConcurrentHashMap<>();

  private record Joined(Optional<Geometry> shape, Instant until) {}

  Outlines(GridService grids, Clock clock) {
    this.grids = grids;
    this.clock = clock;
  }

  /** Each node's outline, unsimplified; nodes with no shape at all are left out. */
  Map<Long, Geometry> of(List<GridNode> nodes) {
    Map<Long, GeoPolygon> drawn = grids.boundariesOf(nodes.stream().map(GridNode::id).toList());
    Map<Long, Geometry> out = new HashMap<>();
    for (GridNode node : nodes) {
      Optional<Geometry> shape =
          drawn.containsKey(node.id())
              ? Geometries.polygon(drawn.get(node.id())).map(Geometry.class::cast)
              : joinedGrids(node);
      shape.ifPresent(s -> out.put(node.id(), s));
    }
    return out;
  }

  /**
   * The tolerance (degrees) to simplify shapes with when the map shows this extent: about one pixel
   * of a thousand across.
   */
  static double toleranceFor(Envelope shown) {
    return Math.max(shown.getWidth(), shown.getHeight()) / PIXELS_ACROSS;
  }

  private Optional<Geometry> joinedGrids(GridNode node) {
    Instant now = clock.instant();
    Joined hit = joined.get(node.id());
    if (hit != null && hit.until().isAfter(now)) {
      return hit.shape();
    }
    List<Geometry> shapes = new ArrayList<>();
    for (GeoPolygon b : grids.gridBoundariesUnder(node)) {
      Geometries.polygon(b).ifPresent(shapes::add);
    }
    Optional<Geometry> shape =
        shapes.isEmpty() ? Optional.empty() : Optional.of(Geometries.union(shapes));
    if (joined.size() >= KEPT_AT_MOST) {
      joined.clear();
    }
    joined.put(node.id(), new Joined(shape, now.plus(KEEP)));
    return shape;
  }
}
