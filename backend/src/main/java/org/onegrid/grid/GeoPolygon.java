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
