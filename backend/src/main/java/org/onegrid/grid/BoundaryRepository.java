package org.onegrid.grid;

import static org.onegrid.db.Tables.GRID_NODES;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * The drawn boundaries of the grid tree's nodes and the boxes around them: which grids may hold a
 * point or lie near it (read through the box columns' index, then tested against the outline), the
 * outlines a map draws, and the boxes an import reads. A new outline is written by {@link
 * GridRepository#updateBoundary}, which forgets the nodes it read recently.
 */
@Singleton
class BoundaryRepository {

  private final DSLContext dsl;

  BoundaryRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Grids whose bounding box holds the point, with their boundary text. */
  List<Record2<Long, String>> findGridsAround(double lat, double lng) {
    BigDecimal la = BigDecimal.valueOf(lat);
    BigDecimal ln = BigDecimal.valueOf(lng);
    return dsl.select(GRID_NODES.ID, GRID_NODES.BOUNDARY)
        .from(GRID_NODES)
        .where(
            GRID_NODES.MIN_LAT.le(la),
            GRID_NODES.MAX_LAT.ge(la),
            GRID_NODES.MIN_LNG.le(ln),
            GRID_NODES.MAX_LNG.ge(ln),
            GRID_NODES.NODE_LEVEL.eq(GridLevel.GRID.name()))
        .fetch();
  }

  /** Grids whose outline's box comes within these many degrees of the point. */
  List<Record2<Long, String>> findGridsNear(double lat, double lng, double dLat, double dLng) {
    return dsl.select(GRID_NODES.ID, GRID_NODES.BOUNDARY)
        .from(GRID_NODES)
        .where(
            GRID_NODES.MIN_LAT.le(BigDecimal.valueOf(lat + dLat)),
            GRID_NODES.MAX_LAT.ge(BigDecimal.valueOf(lat - dLat)),
            GRID_NODES.MIN_LNG.le(BigDecimal.valueOf(lng + dLng)),
            GRID_NODES.MAX_LNG.ge(BigDecimal.valueOf(lng - dLng)),
            GRID_NODES.NODE_LEVEL.eq(GridLevel.GRID.name()),
            GRID_NODES.RETIRED_AT.isNull())
        .fetch();
  }

  Optional<String> findBoundary(long id) {
    return dsl.select(GRID_NODES.BOUNDARY)
        .from(GRID_NODES)
        .where(GRID_NODES.ID.eq(id))
        .fetchOptional(GRID_NODES.BOUNDARY);
  }

  /** The drawn boundaries of these nodes (nodes without one are left out). */
  Map<Long, String> findBoundaries(Collection<Long> ids) {
    return dsl.select(GRID_NODES.ID, GRID_NODES.BOUNDARY)
        .from(GRID_NODES)
        .where(GRID_NODES.ID.in(ids), GRID_NODES.BOUNDARY.isNotNull())
        .fetchMap(GRID_NODES.ID, GRID_NODES.BOUNDARY);
  }

  /** The drawn boundaries of the grids in use below a subtree path. */
  List<String> findGridBoundariesUnder(String subtreePath) {
    return dsl.select(GRID_NODES.BOUNDARY)
        .from(GRID_NODES)
        .where(
            Subtree.holds(subtreePath),
            GRID_NODES.NODE_LEVEL.eq(GridLevel.GRID.name()),
            GRID_NODES.RETIRED_AT.isNull(),
            GRID_NODES.BOUNDARY.isNotNull())
        .fetch(GRID_NODES.BOUNDARY);
  }
}
