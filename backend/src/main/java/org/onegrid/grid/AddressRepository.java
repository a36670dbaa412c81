package org.onegrid.grid;

import static org.onegrid.db.Tables.BUILDINGS;
import static org.onegrid.db.Tables.BUILDING_UNITS;
import static org.onegrid.db.Tables.GRID_NODES;
import static org.onegrid.db.Tables.HOUSEHOLDS;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record7;
import org.jooq.Result;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.onegrid.platform.RecentReads;
import org.onegrid.platform.SqlShapes;
import org.onegrid.platform.Tx;

/** Buildings, their units and the households in them. */
@Singleton
class AddressRepository {

  private final DSLContext dsl;
  private final Tx tx;
  private final SqlShapes shapes;

  /**
   * Homes read for signed-in requests (see {@link #findHousehold}): which grid and community a
   * resident belongs to is asked on most of their requests. Forgotten when a building moves or
   * changes here; a change on another instance shows within {@code onegrid.sessions.check-every}.
   */
  private final RecentReads<Address> recentHomes;

  AddressRepository(
      DSLContext dsl,
      Tx tx,
      SqlShapes shapes,
      @Value("${onegrid.sessions.check-every:5s}") Duration recentFor) {
    this.dsl = dsl;
    this.tx = tx;
    this.shapes = shapes;
    this.recentHomes = new RecentReads<>(recentFor, 100_000);
  }

  long insertBuilding(
      long gridId, String name, int sortOrder, Double lat, Double lng, Instant now) {
    return tx.insertReturningId(
        dsl.insertInto(BUILDINGS)
            .set(BUILDINGS.GRID_ID, gridId)
            .set(BUILDINGS.NAME, name)
            .set(BUILDINGS.SORT_ORDER, sortOrder)
            .set(BUILDINGS.LAT, lat == null ? null : BigDecimal.valueOf(lat))
            .set(BUILDINGS.LNG, lng == null ? null : BigDecimal.valueOf(lng))
            .set(BUILDINGS.CREATED_AT, now),
        BUILDINGS.ID);
  }

  long insertUnit(long buildingId, String name, int sortOrder) {
    return tx.insertReturningId(
        dsl.insertInto(BUILDING_UNITS)
            .set(BUILDING_UNITS.BUILDING_ID, buildingId)
            .set(BUILDING_UNITS.NAME, name)
            .set(BUILDING_UNITS.SORT_ORDER, sortOrder),
        BUILDING_UNITS.ID);
  }

  /** Unit ids of these buildings, keyed "buildingId/unit name". */
  Map<String, Long> findUnitIdsOf(Collection<Long> buildingIds) {
    Map<String, Long> out = new HashMap<>();
    dsl.select(BUILDING_UNITS.ID, BUILDING_UNITS.BUILDING_ID, BUILDING_UNITS.NAME)
        .from(BUILDING_UNITS)
        .where(BUILDING_UNITS.BUILDING_ID.in(buildingIds))
        .forEach(r -> out.put(r.value2() + "/" + r.value3(), r.value1()));
    return out;
  }

  /** The buildings of these grids, with how many units each has. */
  List<BuildingRecord> findBuildingsOf(Collection<Long> gridIds) {
    return dsl.select(
            BUILDINGS.ID,
            BUILDINGS.GRID_ID,
            BUILDINGS.NAME,
            DSL.count(BUILDING_UNITS.ID),
            BUILDINGS.FLOORS,
            BUILDINGS.ROOMS_PER_FLOOR,
            BUILDINGS.LAT,
            BUILDINGS.LNG)
        .from(BUILDINGS)
        .leftJoin(BUILDING_UNITS)
        .on(BUILDING_UNITS.BUILDING_ID.eq(BUILDINGS.ID))
        .where(BUILDINGS.GRID_ID.in(gridIds))
        .groupBy(BUILDINGS.ID)
        .fetch(
            r ->
                new BuildingRecord(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    r.value7() == null ? null : r.value7().doubleValue(),
                    r.value8() == null ? null : r.value8().doubleValue()));
  }

  /** Inserts buildings and their units in three statements; call inside a transaction. */
  void insertAll(List<BuildingDraft> drafts, Instant now) {
    var insert =
        dsl.insertInto(
            BUILDINGS,
            BUILDINGS.GRID_ID,
            BUILDINGS.NAME,
            BUILDINGS.SORT_ORDER,
            BUILDINGS.FLOORS,
            BUILDINGS.ROOMS_PER_FLOOR,
            BUILDINGS.LAT,
            BUILDINGS.LNG,
            BUILDINGS.CREATED_AT);
    for (BuildingDraft d : drafts) {
      insert =
          insert.values(
              d.gridId(),
              d.name(),
              d.sortOrder(),
              d.floors(),
              d.roomsPerFloor(),
              d.lat() == null ? null : BigDecimal.valueOf(d.lat()),
              d.lng() == null ? null : BigDecimal.valueOf(d.lng()),
              now);
    }
    insert.execute();
    Map<String, Long> ids = new HashMap<>();
    dsl.select(BUILDINGS.ID, BUILDINGS.GRID_ID, BUILDINGS.NAME)
        .from(BUILDINGS)
        .where(
            DSL.row(BUILDINGS.GRID_ID, BUILDINGS.NAME)
                .in(drafts.stream().map(d -> DSL.row(d.gridId(), d.name())).toList()))
        .forEach(r -> ids.put(r.value2() + "/" + r.value3(), r.value1()));
    var units =
        dsl.insertInto(
            BUILDING_UNITS,
            BUILDING_UNITS.BUILDING_ID,
            BUILDING_UNITS.NAME,
            BUILDING_UNITS.SORT_ORDER);
    boolean any = false;
    for (BuildingDraft d : drafts) {
      long id = ids.get(d.gridId() + "/" + d.name());
      for (int u = 1; u <= d.units(); u++) {
        units = units.values(id, u + "单元", u);
        any = true;
      }
    }
    if (any) {
      units.execute();
    }
  }

  /** Puts a building (its units and households with it) in another grid, under a name. */
  void moveBuilding(long buildingId, long toGridId, String name) {
    recentHomes.forgetAll();
    dsl.update(BUILDINGS)
        .set(BUILDINGS.GRID_ID, toGridId)
        .set(BUILDINGS.NAME, name)
        .where(BUILDINGS.ID.eq(buildingId))
        .execute();
  }

  /** Sets a building's floors, rooms and point, and adds units up to {@code units}. */
  void update(BuildingRecord existing, BuildingDraft d) {
    recentHomes.forgetAll();
    dsl.update(BUILDINGS)
        .set(BUILDINGS.FLOORS, d.floors())
        .set(BUILDINGS.ROOMS_PER_FLOOR, d.roomsPerFloor())
        .set(BUILDINGS.LAT, d.lat() == null ? null : BigDecimal.valueOf(d.lat()))
        .set(BUILDINGS.LNG, d.lng() == null ? null : BigDecimal.valueOf(d.lng()))
        .where(BUILDINGS.ID.eq(existing.id()))
        .execute();
    for (int u = existing.units() + 1; u <= d.units(); u++) {
      insertUnit(existing.id(), u + "单元", u);
    }
  }

  /** The buildings of every grid below {@code subtreePath}, with their units, in display order. */
  List<BuildingView> findBuildingsUnder(String subtreePath) {
    // Every map of a grid asks: one kept shape (SqlShapes).
    var rows =
        shapes.fetch(
            "addresses.buildings-under",
            () ->
                dsl.select(
                        BUILDINGS.ID,
                        BUILDINGS.NAME,
                        BUILDINGS.GRID_ID,
                        GRID_NODES.NAME,
                        BUILDING_UNITS.ID,
                        BUILDING_UNITS.NAME,
                        BUILDINGS.LAT,
                        BUILDINGS.LNG)
                    .from(BUILDINGS)
                    .join(GRID_NODES)
                    .on(GRID_NODES.ID.eq(BUILDINGS.GRID_ID))
                    .leftJoin(BUILDING_UNITS)
                    .on(BUILDING_UNITS.BUILDING_ID.eq(BUILDINGS.ID))
                    .where(Subtree.holds(subtreePath))
                    .orderBy(
                        BUILDINGS.SORT_ORDER,
                        BUILDINGS.NAME,
                        BUILDINGS.ID,
                        BUILDING_UNITS.SORT_ORDER,
                        BUILDING_UNITS.ID),
            List.of(subtreePath));
    List<BuildingView> buildings = new ArrayList<>();
    BuildingView current = null;
    for (var row : rows) {
      long id = row.get(BUILDINGS.ID);
      if (current == null || current.id() != id) {
        current =
            new BuildingView(
                id,
                row.get(BUILDINGS.NAME),
                row.get(BUILDINGS.GRID_ID),
                row.get(GRID_NODES.NAME),
                degrees(row.get(BUILDINGS.LAT)),
                degrees(row.get(BUILDINGS.LNG)),
                new ArrayList<>());
        buildings.add(current);
      }
      Long unitId = row.get(BUILDING_UNITS.ID);
      if (unitId != null) {
        current.units().add(new BuildingView.Unit(unitId, row.get(BUILDING_UNITS.NAME)));
      }
    }
    return buildings;
  }

  /** The unit with its building and grid, or empty when there is no such unit. */
  Optional<Address> findUnit(long unitId) {
    return unitsWithBuildings()
        .where(BUILDING_UNITS.ID.eq(unitId))
        .fetchOptional(AddressRepository::unitAddress);
  }

  private SelectOnConditionStep<Record7<Long, String, Long, String, Long, BigDecimal, BigDecimal>>
      unitsWithBuildings() {
    return dsl.select(
            BUILDING_UNITS.ID,
            BUILDING_UNITS.NAME,
            BUILDINGS.ID,
            BUILDINGS.NAME,
            BUILDINGS.GRID_ID,
            BUILDINGS.LAT,
            BUILDINGS.LNG)
        .from(BUILDING_UNITS)
        .join(BUILDINGS)
        .on(BUILDINGS.ID.eq(BUILDING_UNITS.BUILDING_ID));
  }

  /** A unit (no household, no room) with its building, as read by {@link #unitsWithBuildings}. */
  private static Address unitAddress(
      Record7<Long, String, Long, String, Long, BigDecimal, BigDecimal> r) {
    return Address.ofUnit(
        r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7());
  }

  /** Units by id, with their buildings, in one query. */
  Map<Long, Address> findUnits(Collection<Long> unitIds) {
    if (unitIds.isEmpty()) {
      return Map.of();
    }
    return unitsWithBuildings()
        .where(BUILDING_UNITS.ID.in(unitIds))
        .fetchMap(r -> r.value1(), AddressRepository::unitAddress);
  }

  Optional<Address> findHousehold(long householdId) {
    return recentHomes.get(householdId, this::readHousehold);
  }

  private Optional<Address> readHousehold(long householdId) {
    // Every report reads its reporter's home (when not read in the last minutes): a kept shape.
    Result<Record> rows =
        shapes.fetch(
            "addresses.household",
            () ->
                dsl.select(
                        HOUSEHOLDS.ID,
                        HOUSEHOLDS.ROOM,
                        BUILDING_UNITS.ID,
                        BUILDING_UNITS.NAME,
                        BUILDINGS.ID,
                        BUILDINGS.NAME,
                        BUILDINGS.GRID_ID,
                        BUILDINGS.LAT,
                        BUILDINGS.LNG)
                    .from(HOUSEHOLDS)
                    .join(BUILDING_UNITS)
                    .on(BUILDING_UNITS.ID.eq(HOUSEHOLDS.UNIT_ID))
                    .join(BUILDINGS)
                    .on(BUILDINGS.ID.eq(BUILDING_UNITS.BUILDING_ID))
                    .where(HOUSEHOLDS.ID.eq(householdId)),
            List.of(householdId));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Record r = rows.get(0);
    return Optional.of(
        new Address(
            r.get(HOUSEHOLDS.ID),
            r.get(HOUSEHOLDS.ROOM),
            r.get(BUILDING_UNITS.ID),
            r.get(BUILDING_UNITS.NAME),
            r.get(BUILDINGS.ID),
            r.get(BUILDINGS.NAME),
            r.get(BUILDINGS.GRID_ID),
            degrees(r.get(BUILDINGS.LAT)),
            degrees(r.get(BUILDINGS.LNG))));
  }

  private static @Nullable Double degrees(@Nullable BigDecimal value) {
    return value == null ? null : value.doubleValue();
  }

  /** The household in this unit and room, created when it is the first resident there. */
  long findOrCreateHousehold(long unitId, String room, Instant now) {
    dsl.insertInto(HOUSEHOLDS)
        .set(HOUSEHOLDS.UNIT_ID, unitId)
        .set(HOUSEHOLDS.ROOM, room)
        .set(HOUSEHOLDS.CREATED_AT, now)
        .onDuplicateKeyIgnore()
        .execute();
    // Written, not only read FOR UPDATE, so that joining one household on two Galera nodes
    // conflicts.
    dsl.update(HOUSEHOLDS)
        .set(HOUSEHOLDS.LOCK_VERSION, HOUSEHOLDS.LOCK_VERSION.plus(1))
        .where(HOUSEHOLDS.UNIT_ID.eq(unitId), HOUSEHOLDS.ROOM.eq(room))
        .execute();
    return dsl.select(HOUSEHOLDS.ID)
        .from(HOUSEHOLDS)
        .where(HOUSEHOLDS.UNIT_ID.eq(unitId), HOUSEHOLDS.ROOM.eq(room))
        .forUpdate()
        .fetchSingle(HOUSEHOLDS.ID);
  }
}
