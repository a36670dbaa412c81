package org.onegrid.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * Boundaries as JTS geometry (x = longitude, y = latitude, WGS-84): the one place GeoJSON polygons
 * become shapes that can be tested, joined and simplified.
 */
public final class Geometries {

  private static final GeometryFactory FACTORY = new GeometryFactory();

  private Geometries() {}

  /** The polygon, or empty when its rings are not closed rings of at least four points. */
  public static Optional<Polygon> polygon(GeoPolygon shape) {
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

  public static Point point(double lat, double lng) {
    return FACTORY.createPoint(new Coordinate(lng, lat));
  }

  /** The area the shapes cover together (shared edges dissolved); empty for no shapes. */
  public static Geometry union(List<Geometry> shapes) {
    Geometry union = UnaryUnionOp.union(shapes, FACTORY);
    return union == null ? FACTORY.createPolygon() : union;
  }

  /**
   * The shape with detail finer than {@code tolerance} degrees removed, neighbours' shared edges
   * kept apart and no ring collapsing: what a map at a zoom level can show.
   */
  public static Geometry simplify(Geometry shape, double tolerance) {
    return tolerance <= 0 ? shape : TopologyPreservingSimplifier.simplify(shape, tolerance);
  }

  /**
   * GeoJSON MultiPolygon coordinates of the polygons in the shape, rounded to six decimals (about
   * 0.1 m): polygons → rings → [lng, lat].
   */
  public static List<List<List<List<Double>>>> multiPolygon(Geometry shape) {
    List<List<List<List<Double>>>> polygons = new ArrayList<>();
    for (int i = 0; i < shape.getNumGeometries(); i++) {
      if (shape.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
        List<List<List<Double>>> rings = new ArrayList<>();
        rings.add(coordinates(p.getExteriorRing().getCoordinates()));
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          rings.add(coordinates(p.getInteriorRingN(h).getCoordinates()));
        }
        polygons.add(rings);
      }
    }
    return polygons;
  }

  private static List<List<Double>> coordinates(Coordinate[] points) {
    List<List<Double>> ring = new ArrayList<>(points.length);
    for (Coordinate c : points) {
      ring.add(List.of(round(c.x), round(c.y)));
    }
    return ring;
  }

  private static double round(double degrees) {
    return Math.round(degrees * 1e6) / 1e6;
  }

  private static LinearRing ring(List<List<Double>> points) {
    Coordinate[] coords =
        points.stream().map(p -> new Coordinate(p.get(0), p.get(1))).toArray(Coordinate[]::new);
    return FACTORY.createLinearRing(coords);
  }
}
