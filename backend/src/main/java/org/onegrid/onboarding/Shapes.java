package org.onegrid.onboarding;

import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.onegrid.grid.GeoPolygon;
import org.onegrid.grid.Geometries;

/** Grid boundaries as JTS geometry (x = longitude, y = latitude), to check and compare them. */
final class Shapes {

  /**
   * Overlaps smaller than this (in square degrees, about 10 m²) are drawing noise on a shared edge.
   */
  static final double OVERLAP_TOLERANCE = 1e-9;

  private Shapes() {}

  /** The polygon, or empty when its rings are not closed rings of at least four points. */
  static Optional<Polygon> polygon(GeoPolygon shape) {
    return Geometries.polygon(shape);
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
    return Geometries.point(lat, lng);
  }
}
