package org.onegrid.onboarding;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.onegrid.account.Account;
import org.onegrid.account.StaffImports;
import org.onegrid.grid.BuildingRecord;
import org.onegrid.grid.GridImports;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.NodeRecord;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;

/**
 * Residents registered ahead by CSV (phone, name, grid code, building, unit, room), so an elderly
 * resident signs in with a text code and finds their home already chosen. They are members of their
 * household at once, as when staff register them at the counter. Someone already registered is
 * never moved by a file.
 */
@Singleton
class ResidentImporter implements Importer<ResidentImporter.Work> {

  private static final int CHUNK = 200;

  static final Map<String, List<String>> COLUMNS =
      Map.of(
          "phone", List.of("手机号", "手机", "电话"),
          "name", List.of("姓名"),
          "grid_code", List.of("网格编码", "grid"),
          "building", List.of("楼栋"),
          "unit", List.of("单元"),
          "room", List.of("房号", "门牌"));

  record Work(String phone, String name, long unitId, String room) {}

  private final GridImports grids;
  private final StaffImports people;
  private final Phones phones;
  private final Tx tx;

  ResidentImporter(GridImports grids, StaffImports people, Phones phones, Tx tx) {
    this.grids = grids;
    this.people = people;
    this.phones = phones;
    this.tx = tx;
  }

  @Override
  public ImportKind kind() {
    return ImportKind.RESIDENTS;
  }

  @Override
  public Plan<Work> plan(Account admin, GridNode reach, byte[] file) {
    CsvTable table =
        CsvTable.parse(
            TextFile.decode(file),
            COLUMNS,
            List.of("phone", "name", "grid_code", "building", "unit", "room"));
    Plan<Work> missing = Plan.missingColumns(table);
    if (missing != null) {
      return missing;
    }
    Set<String> codes = new HashSet<>();
    Map<Integer, String> e164 = new HashMap<>();
    for (CsvTable.Row r : table.rows()) {
      r.get("grid_code").ifPresent(codes::add);
      r.get("phone").map(this::e164).ifPresent(p -> e164.put(r.line(), p));
    }
    Map<String, NodeRecord> nodes = grids.inUseByCodes(codes);
    Map<String, BuildingRecord> buildings = new HashMap<>();
    grids
        .buildingsOf(nodes.values().stream().map(n -> n.node().id()).toList())
        .forEach(b -> buildings.put(b.gridId() + "/" + b.name(), b));
    Map<String, Long> units =
        grids.unitIdsOf(buildings.values().stream().map(BuildingRecord::id).toList());
    Map<String, Account> stored = people.byPhones(e164.values());

    Map<String, Integer> seen = new HashMap<>();
    List<RowVerdict> verdicts = new ArrayList<>();
    List<Work> work = new ArrayList<>();
    for (CsvTable.Row r : table.rows()) {
      int line = r.line();
      String phone = e164.get(line);
      String key = r.get("name").orElse("") + " " + r.get("phone").orElse("");
      if (phone == null) {
        verdicts.add(RowVerdict.refuse(line, key, "bad-phone", r.get("phone").orElse("")));
        continue;
      }
      String name = r.get("name").orElse(null);
      if (name == null || name.length() > 60) {
        verdicts.add(RowVerdict.refuse(line, key, "bad-name"));
        continue;
      }
      if (seen.containsKey(phone)) {
        verdicts.add(RowVerdict.refuse(line, key, "duplicate-phone", seen.get(phone)));
        continue;
      }
      String gridCode = r.get("grid_code").orElse("");
      NodeRecord grid = nodes.get(gridCode);
      if (grid == null || !reach.contains(grid.node()) || grid.node().level() != GridLevel.GRID) {
        verdicts.add(RowVerdict.refuse(line, key, "unknown-grid", gridCode));
        continue;
      }
      String buildingName = r.get("building").orElse("");
      BuildingRecord building = buildings.get(grid.node().id() + "/" + buildingName);
      if (building == null) {
        verdicts.add(RowVerdict.refuse(line, key, "unknown-building", buildingName));
        continue;
      }
      String unit = r.get("unit").orElse("");
      if (unit.chars().allMatch(Character::isDigit) && !unit.isEmpty()) {
        unit = unit + "单元";
      }
      Long unitId = units.get(building.id() + "/" + unit);
      if (unitId == null) {
        verdicts.add(RowVerdict.refuse(line, key, "unknown-unit", unit));
        continue;
      }
      String room = r.get("room").orElse("");
      if (room.isEmpty() || room.length() > 20) {
        verdicts.add(RowVerdict.refuse(line, key, "bad-room"));
        continue;
      }
      seen.put(phone, line);
      Account existing = stored.get(phone);
      if (existing == null) {
        verdicts.add(RowVerdict.create(line, key));
        work.add(new Work(phone, name, unitId, room));
      } else {
        verdicts.add(new RowVerdict(line, key, RowOutcome.SAME, "already-registered", List.of()));
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
                  Map<String, Account> now =
                      people.byPhones(chunk.stream().map(Work::phone).toList());
                  for (Work w : chunk) {
                    if (!now.containsKey(w.phone())) {
                      people.registerResident(
                          w.phone(), w.name(), grids.householdOf(w.unitId(), w.room()), admin.id());
                    }
                  }
                }));
  }

  private String e164(String raw) {
    return phones.e164(raw).orElse(null);
  }
}
