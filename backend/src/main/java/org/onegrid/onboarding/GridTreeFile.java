package org.onegrid.onboarding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onegrid.grid.GeoPolygon;

/**
 * Reads a grid tree file: GeoJSON (a FeatureCollection whose features carry code, name, level and
 * parent_code, with a Polygon boundary) or CSV (code, name, level, parent_code, hotline) for a tree
 * without shapes.
 */
@Singleton
class GridTreeFile {

  /** One node as written in the file; {@code shapeProblem} says why its geometry is unusable. */
  record Entry(
      int line,
      @Nullable String code,
      @Nullable String name,
      @Nullable String level,
      @Nullable String parentCode,
      @Nullable String hotline,
      @Nullable GeoPolygon boundary,
      @Nullable String shapeProblem) {}

  static final Map<String, List<String>> COLUMNS =
      Map.of(
          "code", List.of("编码", "代码"),
          "name", List.of("名称"),
          "level", List.of("层级", "级别"),
          "parent_code", List.of("上级编码", "parent", "parentcode"),
          "hotline", List.of("热线", "热线电话"));

  private final JsonMapper json;

  GridTreeFile(JsonMapper json) {
    this.json = json;
  }

  /** The entries, or a file-level problem key when the file cannot be read at all. */
  Parsed read(byte[] bytes) {
    String text = TextFile.decode(bytes).stripLeading();
    return text.startsWith("{") ? geoJson(text) : csv(text);
  }

  record Parsed(List<Entry> entries, @Nullable String fileProblem, List<Object> args) {}

  private Parsed csv(String text) {
    CsvTable table = CsvTable.parse(text, COLUMNS, List.of("code", "name", "level", "parent_code"));
    if (!table.missingColumns().isEmpty()) {
      return new Parsed(
          List.of(), "missing-columns", List.of(String.join(", ", table.missingColumns())));
    }
    List<Entry> out = new ArrayList<>();
    for (CsvTable.Row r : table.rows()) {
      out.add(
          new Entry(
              r.line(),
              r.get("code").orElse(null),
              r.get("name").orElse(null),
              r.get("level").orElse(null),
              r.get("parent_code").orElse(null),
              r.get("hotline").orElse(null),
              null,
              null));
    }
    return new Parsed(out, null, List.of());
  }

  private Parsed geoJson(String text) {
    JsonNode root;
    try {
      root = json.readValue(text, JsonNode.class);
    } catch (IOException | RuntimeException e) {
      return new Parsed(List.of(), "not-geojson", List.of());
    }
    JsonNode features = root == null ? null : root.get("features");
    if (features == null || !features.isArray()) {
      return new Parsed(List.of(), "not-geojson", List.of());
    }
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      JsonNode f = features.get(i);
      JsonNode props = f.get("properties");
      JsonNode geometry = f.get("geometry");
      GeoPolygon boundary = null;
      String shapeProblem = null;
      if (geometry != null && !geometry.isNull()) {
        try {
          boundary = polygon(geometry);
        } catch (IllegalArgumentException | IOException e) {
          shapeProblem = e.getMessage();
        }
      }
      out.add(
          new Entry(
              i + 1,
              text(props, "code"),
              text(props, "name"),
              text(props, "level"),
              firstText(props, "parent_code", "parentCode", "parent"),
              text(props, "hotline"),
              boundary,
              shapeProblem));
    }
    return new Parsed(out, null, List.of());
  }

  /** A Polygon, or a MultiPolygon of exactly one polygon. */
  private GeoPolygon polygon(JsonNode geometry) throws IOException {
    String type = text(geometry, "type");
    JsonNode coords = geometry.get("coordinates");
    if ("MultiPolygon".equals(type) && coords != null && coords.isArray() && coords.size() == 1) {
      coords = coords.get(0);
    } else if (!"Polygon".equals(type)) {
      throw new IllegalArgumentException("polygon-only");
    }
    List<List<List<Double>>> rings = new ArrayList<>();
    if (coords == null || !coords.isArray()) {
      throw new IllegalArgumentException("bad-polygon");
    }
    for (JsonNode ring : coords.values()) {
      List<List<Double>> points = new ArrayList<>();
      for (JsonNode p : ring.values()) {
        if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
          throw new IllegalArgumentException("bad-polygon");
        }
        points.add(List.of(p.get(0).getDoubleValue(), p.get(1).getDoubleValue()));
      }
      rings.add(points);
    }
    return new GeoPolygon("Polygon", rings);
  }

  private static String firstText(JsonNode node, String... names) {
    for (String n : names) {
      String v = text(node, n);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String text(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    String s =
        v.isString() ? v.getStringValue() : v.isNumber() ? v.getNumberValue().toString() : null;
    return s == null || s.isBlank() ? null : s.trim();
  }
}
