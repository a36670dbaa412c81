package org.onegrid.onboarding;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.onegrid.account.Account;
import org.onegrid.grid.BuildingDraft;
import org.onegrid.grid.BuildingRecord;
import org.onegrid.grid.GridImports;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.NodeRecord;
import org.onegrid.platform.Tx;

/**
 * Buildings by CSV: grid code, building, units, floors, rooms per floor, and an optional point that
 * must lie inside the grid's boundary. A building is matched by its grid and name; units are only
 * ever added, since residents may live in them.
 */
@Singleton
class BuildingImporter implements Importer<BuildingImporter.Work> {

  private static final int CHUNK = 500;

  static final Map<String, List<String>> COLUMNS =
      Map.of(
          "grid_code", List.of("网格编码", "grid"),
          "building", List.of("楼栋", "楼栋名称"),
          "units", List.of("单元数"),
          "floors", List.of("层数"),
          "rooms_per_floor", List.of("每层户数", "rooms"),
          "lat", List.of("纬度", "latitude"),
          "lng", List.of("经度", "longitude", "lon"));

  record Work(BuildingDraft draft, String gridCode) {}

  private final GridImports grids;
  private final Tx tx;

  BuildingImporter(GridImports grids, Tx tx) {
    this.grids = grids;
    this.tx = tx;
  }

  @Override
  public ImportKind kind() {
    return ImportKind.BUILDINGS;
  }

  @Override
  public Plan<Work> plan(Account admin, GridNode reach, byte[] file) {
    CsvTable table =
        CsvTable.parse(TextFile.decode(file), COLUMNS, List.of("grid_code", "building", "units"));
    Plan<Work> missing = Plan.missingColumns(table);
    if (missing != null) {
      return missing;
    }
    Set<String> gridCodes = new HashSet<>();
    table.rows().forEach(r -> r.get("grid_code").ifPresent(gridCodes::add));
    Map<String, NodeRecord> gridsByCode = grids.inUseByCodes(gridCodes);
    Map<String, BuildingRecord> stored = new HashMap<>();
    grids
        .buildingsOf(gridsByCode.values().stream().map(n -> n.node().id()).toList())
        .forEach(b -> stored.put(b.gridId() + "/" + b.name(), b));
    Map<Long, Optional<PreparedGeometry>> boundaries = new HashMap<>();

    Map<String, Integer> seen = new HashMap<>();
    List<RowVerdict> verdicts = new ArrayList<>();
    List<Work> work = new ArrayList<>();
    for (CsvTable.Row r : table.rows()) {
      String key = r.get("grid_code").orElse("") + " " + r.get("building").orElse("");
      int line = r.line();
      NodeRecord grid = r.get("grid_code").map(gridsByCode::get).orElse(null);
      if (grid == null || !reach.contains(grid.node())) {
        verdicts.add(RowVerdict.refuse(line, key, "unknown-grid", r.get("grid_code").orElse("")));
        continue;
      }
      if (grid.node().level() != GridLevel.GRID) {
        verdicts.add(RowVerdict.refuse(line, key, "not-a-grid", grid.node().code()));
        continue;
      }
      String name = r.get("building").orElse(null);
      if (name == null || name.length() > 60) {
        verdicts.add(RowVerdict.refuse(line, key, "bad-building"));
        continue;
      }
      Integer units = number(r, "units", 1, 50);
      Integer floors = number(r, "floors", 1, 200);
      Integer rooms = number(r, "rooms_per_floor", 1, 50);
      if (units == null
          || units < 0
          || floors != null && floors < 0
          || rooms != null && rooms < 0) {
        verdicts.add(RowVerdict.refuse(line, key, "bad-number"));
        continue;
      }
      Double lat = decimal(r, "lat", 90);
      Double lng = decimal(r, "lng", 180);
      if ((lat == null) != (lng == null)
          || lat != null && lat.isNaN()
          || lng != null && lng.isNaN()) {
        verdicts.add(RowVerdict.refuse(line, key, "bad-point"));
        continue;
      }
      String id = grid.node().id() + "/" + name;
      if (seen.containsKey(id)) {
        verdicts.add(RowVerdict.refuse(line, key, "duplicate-building", seen.get(id)));
        continue;
      }
      seen.put(id, line);
      if (lat != null) {
        Optional<PreparedGeometry> outline =
            boundaries.computeIfAbsent(
                grid.node().id(),
                g ->
                    Optional.ofNullable(grid.boundary())
                        .flatMap(Shapes::polygon)
                        .map(PreparedGeometryFactory::prepare));
        if (outline.isPresent() && !outline.get().covers(Shapes.point(lat, lng))) {
          verdicts.add(RowVerdict.refuse(line, key, "outside-grid", grid.node().code()));
          continue;
        }
      }
      BuildingDraft d =
          new BuildingDraft(grid.node().id(), name, units, floors, rooms, lat, lng, line);
      BuildingRecord existing = stored.get(id);
      if (existing == null) {
        verdicts.add(RowVerdict.create(line, key));
        work.add(new Work(d, grid.node().code()));
      } else if (existing.units() > units) {
        verdicts.add(RowVerdict.refuse(line, key, "fewer-units", existing.units()));
      } else if (existing.sameAs(d)) {
        verdicts.add(RowVerdict.same(line, key));
      } else {
        verdicts.add(RowVerdict.change(line, key, existing.units() < units ? "units" : "details"));
        work.add(new Work(d, grid.node().code()));
      }
    }
    return new Plan<>(verdicts, work);
  }

  @Override
  public void apply(Account admin, List<Work> work, IntConsumer done) {
    Plan.inChunks(
        work,
        CHUNK,
        done,
        chunk ->
            tx.run(
                () -> {
                  Map<String, BuildingRecord> now = new HashMap<>();
                  grids
                      .buildingsOf(chunk.stream().map(w -> w.draft().gridId()).distinct().toList())
                      .forEach(b -> now.put(b.gridId() + "/" + b.name(), b));
                  List<BuildingDraft> creates = new ArrayList<>();
                  for (Work w : chunk) {
                    BuildingRecord existing = now.get(w.draft().gridId() + "/" + w.draft().name());
                    if (existing == null) {
                      creates.add(w.draft());
                    } else if (!existing.sameAs(w.draft())) {
                      grids.updateBuilding(existing, w.draft());
                    }
                  }
                  if (!creates.isEmpty()) {
                    grids.createBuildings(creates);
                  }
                }));
  }

  /** The whole number in the column, null when blank, -1 when not a number within the range. */
  private static Integer number(CsvTable.Row r, String column, int min, int max) {
    Optional<String> v = r.get(column);
    if (v.isEmpty()) {
      return null;
    }
    try {
      int n = Integer.parseInt(v.get());
      return n < min || n > max ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Double decimal(CsvTable.Row r, String column, double limit) {
    Optional<String> v = r.get(column);
    if (v.isEmpty()) {
      return null;
    }
    try {
      double d = Double.parseDouble(v.get());
      return Math.abs(d) > limit ? Double.NaN : d;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
