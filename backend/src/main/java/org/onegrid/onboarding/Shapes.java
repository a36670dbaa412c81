package org.onegrid.onboarding;

import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.onegrid.grid.GeoPolygon;

/** Grid boundaries as JTS geometry (x = longitude, y = latitude), to check and compare them. */
final class Shapes {

  /**
   * Overlaps smaller than this (in square degrees, about 10 m²) are drawing noise on a shared edge.
   */
  static final double OVERLAP_TOLERANCE = 1e-9;

  private static final GeometryFactory FACTORY = new GeometryFactory();

  private Shapes() {}

  /** The polygon, or empty when its rings are not closed rings of at least four points. */
  static Optional<Polygon> polygon(GeoPolygon shape) {
    if (shape.problem() != null) {
      return Optional.empty();
    }
    try {
      List<List<List<Double>>> rings = shape.coordinates();
      LinearRing shell = ring(rings.get(0));
      LinearRing[] holes = new LinearRing[rings.size() - 1];
      for (int i = 1; i < rings.size(); i++) {
        holes[i - 1] = ring(rings.get(i));
      }
      return Optional.of(FACTORY.createPolygon(shell, holes));
    } catch (IllegalArgumentException notClosed) {
      return Optional.empty();
    }
  }

  /** Why the polygon is not a valid simple shape (crosses itself, …), or empty when it is. */
  static Optional<String> invalidity(Polygon polygon) {
    IsValidOp op = new IsValidOp(polygon);
    return op.isValid() ? Optional.empty() : Optional.of(op.getValidationError().getMessage());
  }

  static boolean overlap(Geometry a, Geometry b) {
    return a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())
        && a.intersects(b)
        && a.intersection(b).getArea() > OVERLAP_TOLERANCE;
  }

  static Geometry point(double lat, double lng) {
    return FACTORY.createPoint(new Coordinate(lng, lat));
  }

  private static LinearRing ring(List<List<Double>> points) {
    Coordinate[] coords =
        points.stream().map(p -> new Coordinate(p.get(0), p.get(1))).toArray(Coordinate[]::new);
    return FACTORY.createLinearRing(coords);
  }
}
