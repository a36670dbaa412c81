package org.onegrid.grid;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A GeoJSON Polygon ({@code {"type":"Polygon","coordinates":[[[lng,lat],...]]}}): the first ring is
 * the outline, any further rings are holes. Held as text in the database and tested in memory with
 * JTS ({@link Geometries}), since jOOQ's open-source edition has no spatial types; a bounding-box
 * index finds the few candidate grids first.
 */
@Serdeable
public record GeoPolygon(String type, List<List<List<Double>>> coordinates) {

  /**
   * Null when the shape is not a usable polygon: not "Polygon", a ring of fewer than 4 points, bad
   * coordinates.
   */
  public String problem() {
    if (!"Polygon".equals(type) || coordinates == null || coordinates.isEmpty()) {
      return "validation.polygon";
    }
    for (List<List<Double>> ring : coordinates) {
      if (ring == null || ring.size() < 4) {
        return "validation.polygon";
      }
      for (List<Double> point : ring) {
        if (point == null
            || point.size() < 2
            || point.get(0) == null
            || point.get(1) == null
            || Math.abs(point.get(0)) > 180
            || Math.abs(point.get(1)) > 90) {
          return "validation.polygon";
        }
      }
    }
    return null;
  }

  /** Whether the point is inside the outline and outside its holes (on the edge counts). */
  public boolean contains(double lat, double lng) {
    return Geometries.polygon(this).map(p -> p.covers(Geometries.point(lat, lng))).orElse(false);
  }

  /**
   * About how many metres the point is from the outline, 0 inside it: measured on a flat projection
   * around the point, good to a few metres over the distances between a city's grids.
   */
  public double metersTo(double lat, double lng) {
    if (contains(lat, lng)) {
      return 0;
    }
    double kx = 111_320 * Math.cos(Math.toRadians(lat));
    double ky = 110_574;
    double best = Double.MAX_VALUE;
    for (List<List<Double>> ring : coordinates) {
      for (int i = 0; i + 1 < ring.size(); i++) {
        double ax = (ring.get(i).get(0) - lng) * kx;
        double ay = (ring.get(i).get(1) - lat) * ky;
        double bx = (ring.get(i + 1).get(0) - lng) * kx;
        double by = (ring.get(i + 1).get(1) - lat) * ky;
        best = Math.min(best, fromOrigin(ax, ay, bx, by));
      }
    }
    return best;
  }

  /** The distance from (0, 0) to the segment from a to b. */
  private static double fromOrigin(double ax, double ay, double bx, double by) {
    double dx = bx - ax;
    double dy = by - ay;
    double lengthSquared = dx * dx + dy * dy;
    double t =
        lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
    return Math.hypot(ax + t * dx, ay + t * dy);
  }

  double minLat() {
    return coordinates.get(0).stream().mapToDouble(p -> p.get(1)).min().orElseThrow();
  }

  double maxLat() {
    return coordinates.get(0).stream().mapToDouble(p -> p.get(1)).max().orElseThrow();
  }

  double minLng() {
    return coordinates.get(0).stream().mapToDouble(p -> p.get(0)).min().orElseThrow();
  }

  double maxLng() {
    return coordinates.get(0).stream().mapToDouble(p -> p.get(0)).max().orElseThrow();
  }

  /** An axis-aligned rectangle, handy for demo data and tests. */
  public static GeoPolygon rectangle(double south, double west, double north, double east) {
    return new GeoPolygon(
        "Polygon",
        List.of(
            List.of(
                List.of(west, south),
                List.of(east, south),
                List.of(east, north),
                List.of(west, north),
                List.of(west, south))));
  }
}
