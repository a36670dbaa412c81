package org.onegrid.grid;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onegrid.platform.ApiException;

/**
 * Changes to the shape of the tree: a node moves under another parent (its subtree with it),
 * buildings move from one grid to another (their households and residents with them), a node is
 * retired. Checks of who may do it are the caller's; each write is to be called inside a
 * transaction.
 */
@Singleton
public class GridRestructure {

  private final GridRepository nodes;
  private final AddressRepository addresses;
  private final GridLeaderRepository leaders;
  private final Clock clock;

  GridRestructure(
      GridRepository nodes,
      AddressRepository addresses,
      GridLeaderRepository leaders,
      Clock clock) {
    this.nodes = nodes;
    this.addresses = addresses;
    this.leaders = leaders;
    this.clock = clock;
  }

  /** Puts the node under a parent of its parent's level. */
  public void move(GridNode node, GridNode newParent) {
    if (node.parentId() == null
        || newParent.level().child() != node.level()
        || newParent.retired()
        || node.contains(newParent)) {
      throw ApiException.invalidField("parentId", "validation.move-parent");
    }
    if (newParent.id() == node.parentId()) {
      return;
    }
    nodes.moveSubtree(node, newParent);
  }

  /** Nodes of a level under a node, in use, whose name or code matches (for choosing a target). */
  public List<GridNode> search(GridNode under, GridLevel level, String text, int limit) {
    return nodes.searchUnder(under.path(), level, text, limit);
  }

  /** A grid's buildings, with how many units each has. */
  public List<BuildingRecord> buildingsOf(long gridId) {
    return addresses.findBuildingsOf(List.of(gridId));
  }

  /**
   * Moves buildings of {@code from} to {@code to}. A building whose name {@code to} already has is
   * renamed "name（from's name）" rather than refused; returns old name → new name for those.
   */
  public Map<String, String> moveBuildings(GridNode from, GridNode to, Collection<Long> ids) {
    if (from.level() != GridLevel.GRID
        || to.level() != GridLevel.GRID
        || to.retired()
        || from.id() == to.id()) {
      throw ApiException.invalidField("gridId", "validation.not-a-grid");
    }
    Map<Long, BuildingRecord> mine = new LinkedHashMap<>();
    buildingsOf(from.id()).forEach(b -> mine.put(b.id(), b));
    if (ids.isEmpty() || !mine.keySet().containsAll(ids)) {
      throw ApiException.invalidField("buildingIds", "validation.buildings-of-grid");
    }
    Set<String> taken = new HashSet<>();
    buildingsOf(to.id()).forEach(b -> taken.add(b.name()));
    Map<String, String> renamed = new LinkedHashMap<>();
    for (long id : ids) {
      String name = mine.get(id).name();
      String target = name;
      if (taken.contains(name)) {
        target = shorten(name + "（" + from.name() + "）");
        renamed.put(name, target);
      }
      taken.add(target);
      addresses.moveBuilding(id, to.id(), target);
    }
    return renamed;
  }

  /** Ends the grid's current leadership (kept as history). */
  public void endLeadership(long gridId) {
    leaders.endCurrent(gridId, clock.instant());
  }

  /** Retires the node: kept for history, off lists, the map and the hotline. */
  public void retire(GridNode node) {
    nodes.retire(node.id(), clock.instant());
    if (node.level() == GridLevel.GRID) {
      leaders.endCurrent(node.id(), clock.instant());
    }
  }

  private static String shorten(String name) {
    return name.length() <= 60 ? name : name.substring(0, 60);
  }
}
