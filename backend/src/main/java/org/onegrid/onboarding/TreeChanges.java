package org.onegrid.onboarding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.StaffImports;
import org.onegrid.audit.AuditLog;
import org.onegrid.care.CareService;
import org.onegrid.clinic.AreaGrids;
import org.onegrid.dashboard.StatsJob;
import org.onegrid.grid.BuildingRecord;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridRestructure;
import org.onegrid.grid.GridService;
import org.onegrid.grid.NodeRef;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Tx;
import org.onegrid.problem.Regrid;

/**
 * Admins change the shape of their subtree: move a node under another parent, move buildings to
 * another grid (a split is a new grid and a move), merge a grid into another, retire a node. What
 * lives there follows in the same transaction — households with their buildings, open problems
 * (with a timeline event) and the care list with their residents, area doctors and staff with a
 * merged grid — and the dashboard recounts both old and new paths. Each change is audited.
 */
@Singleton
class TreeChanges {

  private final GridService grids;
  private final GridRestructure restructure;
  private final AccountService accounts;
  private final StaffImports people;
  private final Regrid regrid;
  private final CareService care;
  private final AreaGrids areaGrids;
  private final StatsJob stats;
  private final AuditLog audit;
  private final Tx tx;

  TreeChanges(
      GridService grids,
      GridRestructure restructure,
      AccountService accounts,
      StaffImports people,
      Regrid regrid,
      CareService care,
      AreaGrids areaGrids,
      StatsJob stats,
      AuditLog audit,
      Tx tx) {
    this.grids = grids;
    this.restructure = restructure;
    this.accounts = accounts;
    this.people = people;
    this.regrid = regrid;
    this.care = care;
    this.areaGrids = areaGrids;
    this.stats = stats;
    this.audit = audit;
    this.tx = tx;
  }

  @Serdeable
  record MoveTo(long parentId) {}

  @Serdeable
  record BuildingMove(long toGridId, List<Long> buildingIds) {}

  @Serdeable
  record MergeInto(long gridId) {}

  /**
   * What a change did: the node it left, how many buildings, open problems and staff went along,
   * and buildings renamed because the target grid had one of that name (old → new).
   */
  @Serdeable
  record Outcome(
      NodeRef node, int buildings, int problems, int staff, Map<String, String> renamed) {}

  /** Where a node may move: nodes of its parent's level in my subtree, by name or code. */
  List<NodeRef> parentChoices(Account admin, long nodeId, @Nullable String q) {
    GridNode node = below(admin, nodeId);
    GridLevel parentLevel = grids.get(node.parentId()).level();
    return restructure.search(top(admin), parentLevel, q == null ? "" : q, 20).stream()
        .filter(n -> n.id() != node.parentId())
        .map(NodeRef::of)
        .toList();
  }

  /** Nodes of a level in my subtree, in use, by name or code (to place someone there). */
  List<NodeRef> search(Account admin, @Nullable GridLevel level, @Nullable String q) {
    if (!admin.role().isAdmin()) {
      throw ApiException.forbidden();
    }
    return restructure
        .search(top(admin), level == null ? GridLevel.GRID : level, q == null ? "" : q, 20)
        .stream()
        .map(NodeRef::of)
        .toList();
  }

  Outcome move(Account admin, long nodeId, MoveTo body) {
    GridNode node = below(admin, nodeId);
    GridNode parent = reach(admin, body.parentId());
    GridNode oldParent = grids.get(node.parentId());
    tx.run(
        () -> {
          restructure.move(node, parent);
          stats.afterMove(node.id(), oldParent.id(), parent.id());
          audit.record(
              admin,
              parent,
              "tree.move",
              node.code() + " " + node.name(),
              Map.of("parent", oldParent.code() + " " + oldParent.name()),
              Map.of("parent", parent.code() + " " + parent.name()));
        });
    return new Outcome(NodeRef.of(grids.get(nodeId)), 0, 0, 0, Map.of());
  }

  Outcome moveBuildings(Account admin, long gridId, BuildingMove body) {
    GridNode from = below(admin, gridId);
    GridNode to = reach(admin, body.toGridId());
    List<Long> ids = body.buildingIds() == null ? List.of() : List.copyOf(body.buildingIds());
    return tx.run(
        () -> {
          Map<String, String> renamed = restructure.moveBuildings(from, to, ids);
          int problems = regrid.moveOpen(admin.id(), from, to, ids, "楼栋调整");
          care.follow(from.id(), ids, to.id());
          audit.record(
              admin,
              from,
              "tree.buildings",
              from.code() + " → " + to.code(),
              Map.of("grid", from.name()),
              Map.of(
                  "grid",
                  to.name(),
                  "buildings",
                  ids.size(),
                  "problems",
                  problems,
                  "renamed",
                  renamed));
          return new Outcome(NodeRef.of(to), ids.size(), problems, 0, renamed);
        });
  }

  Outcome merge(Account admin, long gridId, MergeInto body) {
    GridNode from = below(admin, gridId);
    GridNode to = reach(admin, body.gridId());
    if (from.level() != GridLevel.GRID || to.level() != GridLevel.GRID || to.retired()) {
      throw ApiException.invalidField("gridId", "validation.not-a-grid");
    }
    if (from.id() == to.id()) {
      throw ApiException.invalidField("gridId", "validation.same-grid");
    }
    return tx.run(
        () -> {
          List<Long> ids =
              restructure.buildingsOf(from.id()).stream().map(BuildingRecord::id).toList();
          Map<String, String> renamed =
              ids.isEmpty() ? Map.of() : restructure.moveBuildings(from, to, ids);
          int problems = regrid.moveOpen(admin.id(), from, to, null, "网格合并");
          care.follow(from.id(), null, to.id());
          areaGrids.gridMerged(from.id(), to.id());
          List<Account> staff = people.placedAt(from);
          for (Account a : staff) {
            people.place(a.id(), a.displayName(), a.role(), to.id());
          }
          restructure.retire(from);
          Map<String, Object> after = new LinkedHashMap<>();
          after.put("grid", to.code() + " " + to.name());
          after.put("buildings", ids.size());
          after.put("problems", problems);
          after.put("staff", staff.size());
          after.put("renamed", renamed);
          audit.record(admin, from, "tree.merge", from.code() + " " + from.name(), null, after);
          return new Outcome(NodeRef.of(to), ids.size(), problems, staff.size(), renamed);
        });
  }

  /** Retires an empty node; one with anything left in it is refused, saying what is left. */
  Outcome retire(Account admin, long nodeId) {
    GridNode node = below(admin, reachable(admin, nodeId));
    if (node.retired()) { // asked twice (a retry): done already
      return new Outcome(NodeRef.of(node), 0, 0, 0, Map.of());
    }
    return tx.run(
        () -> {
          int children = grids.children(node.id()).size();
          int buildings = restructure.buildingsOf(node.id()).size();
          int staff = people.placedAt(node).size();
          int open = node.level() == GridLevel.GRID ? regrid.openCount(node.id()) : 0;
          if (children + buildings + staff + open > 0) {
            throw new ApiException(
                HttpStatus.CONFLICT, "node-not-empty", children, buildings, staff, open);
          }
          restructure.retire(node);
          audit.record(admin, node, "tree.retire", node.code() + " " + node.name(), null, null);
          return new Outcome(NodeRef.of(node), 0, 0, 0, Map.of());
        });
  }

  /** A node strictly below the admin's own (nobody reshapes the node they answer for). */
  private GridNode below(Account admin, long nodeId) {
    return below(admin, reach(admin, nodeId));
  }

  private static GridNode below(Account admin, GridNode node) {
    if (node.parentId() == null || (admin.nodeId() != null && admin.nodeId() == node.id())) {
      throw ApiException.forbidden();
    }
    return node;
  }

  /** A node in use in my subtree. */
  private GridNode reach(Account admin, long nodeId) {
    GridNode node = reachable(admin, nodeId);
    if (node.retired()) {
      throw ApiException.notFound();
    }
    return node;
  }

  /** A node of my subtree, retired or not. */
  private GridNode reachable(Account admin, long nodeId) {
    if (!admin.role().isAdmin()) {
      throw ApiException.forbidden();
    }
    return accounts.requireReach(admin, grids.find(nodeId).orElseThrow(ApiException::notFound));
  }

  private GridNode top(Account admin) {
    return grids.get(admin.nodeId());
  }
}
