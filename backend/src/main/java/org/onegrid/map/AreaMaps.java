package org.onegrid.map;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.dashboard.DashboardService;
import org.onegrid.grid.BuildingView;
import org.onegrid.grid.Geometries;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.grid.NodeRef;
import org.onegrid.problem.ProblemPoints;

/**
 * The supervisors' map of a node (一张图): the child areas with the dashboard's figures to colour them
 * by, shapes simplified for the extent shown, and, from the level whose areas are grids down, the
 * open problems as points and the grid's buildings. At the city root everything comes from the
 * dashboard's summaries and the joined outlines, so the answer stays small and quick.
 */
@Singleton
class AreaMaps {

  /** Points drawn at most on one map; the newest are kept. */
  static final int POINTS_AT_MOST = 3000;

  private final AccountService accounts;
  private final GridService grids;
  private final DashboardService dashboards;
  private final Outlines outlines;
  private final ProblemPoints points;
  private final org.onegrid.warning.PendingAcks pendingAcks;
  private final org.onegrid.hotline.ContactCounts hotline;

  AreaMaps(
      AccountService accounts,
      GridService grids,
      DashboardService dashboards,
      Outlines outlines,
      ProblemPoints points,
      org.onegrid.warning.PendingAcks pendingAcks,
      org.onegrid.hotline.ContactCounts hotline) {
    this.pendingAcks = pendingAcks;
    this.hotline = hotline;
    this.accounts = accounts;
    this.grids = grids;
    this.dashboards = dashboards;
    this.outlines = outlines;
    this.points = points;
  }

  AreaMap of(Account staff, long nodeId, int days) {
    accounts.requireStaff(staff);
    GridNode node = accounts.requireReach(staff, grids.get(nodeId));
    DashboardService.Dashboard dashboard = dashboards.of(staff, node.id(), days);
    Map<Long, DashboardService.OpenNow> open = dashboards.openNowByChild(staff, node.id());
    List<GridNode> children = grids.children(node.id());
    List<GridNode> shaped = new ArrayList<>(children);
    shaped.add(node);
    Map<Long, Geometry> shapes = outlines.of(shaped);
    Envelope shown = new Envelope();
    shapes.values().forEach(s -> shown.expandToInclude(s.getEnvelopeInternal()));
    double tolerance = Outlines.toleranceFor(shown);
    Map<Long, DashboardService.Figures> figures = new java.util.HashMap<>();
    dashboard.children().forEach(c -> figures.put(c.id(), c.figures()));
    Map<String, Integer> pending = pendingAcks.byGridPathUnder(node);
    Map<String, Integer> calls = hotline.todayByCommunityPathUnder(node);
    Map<Long, Integer> warnings = byChild(children, pending);
    Map<Long, Integer> contacts = byChild(children, calls);
    List<Area> areas = new ArrayList<>();
    for (GridNode child : children) {
      DashboardService.Figures f = figures.get(child.id());
      DashboardService.OpenNow o =
          open.getOrDefault(child.id(), new DashboardService.OpenNow(0, 0));
      areas.add(
          new Area(
              NodeRef.of(child),
              outline(shapes.get(child.id()), tolerance),
              f == null ? 0 : f.reported(),
              f == null ? null : f.closureRate(),
              f == null ? null : f.onTimeClosureRate(),
              f == null ? null : f.satisfaction(),
              o.open(),
              o.overdue(),
              warnings.getOrDefault(child.id(), 0),
              contacts.getOrDefault(child.id(), 0)));
    }
    boolean gridsShown = node.level() == GridLevel.GRID || node.level() == GridLevel.ZONE;
    List<ProblemPoints.Point> openPoints =
        gridsShown ? points.openIn(grids.allGridIdsUnder(node), POINTS_AT_MOST + 1) : List.of();
    List<Building> buildings =
        node.level() == GridLevel.GRID
            ? grids.buildingsUnder(node).stream()
                .filter(b -> b.lat() != null && b.lng() != null)
                .map(Building::of)
                .toList()
            : List.of();
    return new AreaMap(
        NodeRef.of(node),
        dashboard.path(),
        outline(shapes.get(node.id()), tolerance),
        dashboard.from(),
        dashboard.to(),
        areas,
        openPoints.size() > POINTS_AT_MOST ? openPoints.subList(0, POINTS_AT_MOST) : openPoints,
        openPoints.size() > POINTS_AT_MOST,
        buildings,
        pending.values().stream().mapToInt(Integer::intValue).sum(),
        calls.values().stream().mapToInt(Integer::intValue).sum());
  }

  /** Counts by path (of grids or communities) summed per child whose subtree holds the path. */
  private static Map<Long, Integer> byChild(List<GridNode> children, Map<String, Integer> byPath) {
    Map<Long, Integer> sums = new java.util.HashMap<>();
    byPath.forEach(
        (path, n) ->
            children.stream()
                .filter(c -> path.startsWith(c.path()))
                .findFirst()
                .ifPresent(c -> sums.merge(c.id(), n, Integer::sum)));
    return sums;
  }

  private static @Nullable List<List<List<List<Double>>>> outline(
      @Nullable Geometry shape, double tolerance) {
    return shape == null ? null : Geometries.multiPolygon(Geometries.simplify(shape, tolerance));
  }

  /** A node's map: its outline, its child areas, and (grids shown) open problems and buildings. */
  @Serdeable
  record AreaMap(
      NodeRef node,
      List<NodeRef> path,
      @Nullable List<List<List<List<Double>>>> outline,
      LocalDate from,
      LocalDate to,
      List<Area> areas,
      List<ProblemPoints.Point> points,
      boolean morePoints,
      List<Building> buildings,
      int pendingWarnings,
      int hotlineToday) {}

  /**
   * A child area with its outline (GeoJSON MultiPolygon coordinates, WGS-84) and its figures: those
   * of problems reported in the period as the dashboard defines them; open and overdue now; the
   * layers: acknowledgements of warnings in force still owed by its grids, hotline contacts today.
   */
  @Serdeable
  record Area(
      NodeRef node,
      @Nullable List<List<List<List<Double>>>> outline,
      int reported,
      @Nullable Double closureRate,
      @Nullable Double onTimeClosureRate,
      @Nullable Double satisfaction,
      int open,
      int overdue,
      int pendingWarnings,
      int hotlineToday) {}

  /** A building of the grid shown, where it stands. */
  @Serdeable
  record Building(long id, String name, double lat, double lng) {
    static Building of(BuildingView b) {
      return new Building(b.id(), b.name(), b.lat(), b.lng());
    }
  }
}
