package org.onegrid.grid;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.onegrid.db.Tables;

/**
 * The grid tree and its buildings as a city's files load them: read many nodes by code at once, and
 * write many in a few statements. Each write is to be called inside a transaction.
 */
@Singleton
public class GridImports {

  private static final int BATCH = 1000;

  private final GridRepository nodes;
  private final AddressRepository addresses;
  private final GridService grids;
  private final Clock clock;

  GridImports(GridRepository nodes, AddressRepository addresses, GridService grids, Clock clock) {
    this.nodes = nodes;
    this.addresses = addresses;
    this.grids = grids;
    this.clock = clock;
  }

  public Map<String, NodeRecord> byCodes(Collection<String> codes) {
    Map<String, NodeRecord> out = new HashMap<>();
    for (List<String> part : partition(List.copyOf(codes))) {
      nodes.findByCodes(part).forEach(r -> put(out, r));
    }
    return out;
  }

  /** Nodes in use (not retired) by code: where people, buildings and staff may be placed. */
  public Map<String, NodeRecord> inUseByCodes(Collection<String> codes) {
    Map<String, NodeRecord> out = byCodes(codes);
    out.values().removeIf(n -> n.node().retired());
    return out;
  }

  /** Nodes of a level with a boundary that may meet the given box. */
  public List<NodeRecord> boundedIn(
      GridLevel level, double minLat, double maxLat, double minLng, double maxLng) {
    Map<String, NodeRecord> out = new LinkedHashMap<>();
    nodes.findBoundedIn(level, minLat, maxLat, minLng, maxLng).forEach(r -> put(out, r));
    return List.copyOf(out.values());
  }

  /**
   * Creates nodes whose parents exist or come earlier in the list (so a list in tree order, parents
   * first), a level at a time.
   */
  public void createAll(List<NodeDraft> drafts) {
    List<NodeDraft> run = new ArrayList<>();
    for (NodeDraft d : drafts) {
      if (!run.isEmpty() && (run.get(0).level() != d.level() || run.size() == BATCH)) {
        insert(run);
        run = new ArrayList<>();
      }
      run.add(d);
    }
    if (!run.isEmpty()) {
      insert(run);
    }
  }

  private void insert(List<NodeDraft> run) {
    Map<String, GridNode> parents = new HashMap<>();
    byCodes(run.stream().map(NodeDraft::parentCode).distinct().toList())
        .forEach((code, n) -> parents.put(code, n.node()));
    nodes.insertAll(run, parents, grids::write, clock.instant());
  }

  /** Renames a node, sets its hotline and, when the draft has one, its boundary. */
  public void update(NodeRecord existing, NodeDraft d) {
    nodes.updateDetails(existing.node().id(), d.name(), d.hotlinePhone());
    if (d.boundary() != null) {
      nodes.updateBoundary(existing.node().id(), grids.write(d.boundary()), d.boundary());
    }
  }

  public List<BuildingRecord> buildingsOf(Collection<Long> gridIds) {
    List<BuildingRecord> out = new ArrayList<>();
    for (List<Long> part : partition(List.copyOf(gridIds))) {
      out.addAll(addresses.findBuildingsOf(part));
    }
    return out;
  }

  /** Unit ids of these buildings, keyed "buildingId/unit name". */
  public Map<String, Long> unitIdsOf(Collection<Long> buildingIds) {
    Map<String, Long> out = new HashMap<>();
    for (List<Long> part : partition(List.copyOf(buildingIds))) {
      out.putAll(addresses.findUnitIdsOf(part));
    }
    return out;
  }

  /** The household of a room of a unit, created if nobody lives there yet. */
  public long householdOf(long unitId, String room) {
    return grids.householdFor(unitId, room).householdId();
  }

  public GridNode node(long id) {
    return grids.get(id);
  }

  public Map<Long, Long> currentLeaderIds(Collection<Long> gridIds) {
    return grids.currentLeaderIds(gridIds);
  }

  public void createBuildings(List<BuildingDraft> drafts) {
    for (List<BuildingDraft> part : partition(drafts)) {
      addresses.insertAll(part, clock.instant());
    }
  }

  public void updateBuilding(BuildingRecord existing, BuildingDraft d) {
    addresses.update(existing, d);
  }

  private void put(Map<String, NodeRecord> out, Record r) {
    GridNode node = GridRepository.toNode(r);
    String boundary = r.get(Tables.GRID_NODES.BOUNDARY);
    out.put(
        node.code(),
        new NodeRecord(
            node,
            r.get("parent_code", String.class),
            boundary == null ? null : grids.parse(boundary)));
  }

  private static <T> List<List<T>> partition(List<T> all) {
    List<List<T>> parts = new ArrayList<>();
    for (int i = 0; i < all.size(); i += BATCH) {
      parts.add(all.subList(i, Math.min(all.size(), i + BATCH)));
    }
    return parts;
  }
}
