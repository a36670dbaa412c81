package org.onegrid.map;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
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
import org.onegrid.hotline.ContactCounts;
import org.onegrid.problem.ProblemPoints;
import org.onegrid.warning.PendingAcks;

/**
 * The supervisors' map of a node (一张图): the child areas with the dashboard's figures to colour them
 * by, shapes simplified for the extent shown, and, from the level whose areas are grids down, the
 * open problems as points and the grid's buildings. At the city root everything comes from the
 * dashboard's summaries and the joined outlines, so the answer stays small and quick.
 */
@Singleton
class AreaMaps {

  /** Outlines change only when boundaries do: kept longer than the figures. */
  private static final Duration SHAPES_KEPT = Duration.ofMinutes(5);

  /** Open and overdue now, warnings owed and today's contacts, per node: kept like a dashboard. */
  private final Recent<Long, Live> live;

  /** A node's own outline and its children's, simplified for the extent shown. */
  private final Recent<Long, Shapes> shapes;

  private record Live(
      Map<Long, DashboardService.OpenNow> open,
      Map<String, Integer> pending,
      Map<String, Integer> calls) {}

  private record Shapes(
      @Nullable List<List<List<List<Double>>>> own,
      Map<Long, List<List<List<List<Double>>>>> children) {}

  /** Points drawn at most on one map; the newest are kept. */
  static final int POINTS_AT_MOST = 3000;

  private final AccountService accounts;
  private final GridService grids;
  private final DashboardService dashboards;
  private final Outlines outlines;
  private final ProblemPoints points;
  private final PendingAcks pendingAcks;
  private final ContactCounts hotline;

  AreaMaps(
      AccountService accounts,
      GridService grids,
      DashboardService dashboards,
      Outlines outlines,
      ProblemPoints points,
      PendingAcks pendingAcks,
      ContactCounts hotline,
      Clock clock,
      @Value("${onegrid.dashboard.cache-ttl:10s}") Duration keepFigures,
      @Named(TaskExecutors.BLOCKING) ExecutorService background) {
    this.pendingAcks = pendingAcks;
    this.hotline = hotline;
    this.live = new Recent<>(clock, keepFigures, 5000, background);
    this.shapes =
        new Recent<>(clock, keepFigures.isZero() ? keepFigures : SHAPES_KEPT, 5000, background);
    this.accounts = accounts;
    this.grids = grids;
    this.dashboards = dashboards;
    this.outlines = outlines;
    this.points = points;
  }

  AreaMap of(Account staff, long nodeId, int days) {
    accounts.requireStaff(staff);
    GridNode node = accounts.requireReach(staff, grids.get(nodeId));
    List<GridNode> children =
        node.level() == GridLevel.GRID ? List.of() : grids.children(node.id());
    // The dashboard's figures and the open counts are drawn per child area: a grid's map, which
    // has none, reads neither.
    Map<Long, DashboardService.Figures> figures = new HashMap<>();
    if (!children.isEmpty()) {
      dashboards
          .of(staff, node.id(), days)
          .children()
          .forEach(c -> figures.put(c.id(), c.figures()));
    }
    Live now =
        live.get(
            node.id(),
            () ->
                new Live(
                    children.isEmpty() ? Map.of() : dashboards.openNowByChild(staff, node.id()),
                    pendingAcks.byGridPathUnder(node),
                    hotline.todayByCommunityPathUnder(node)));
    Shapes drawn = shapes.get(node.id(), () -> shapesOf(node, children));
    Map<String, Integer> pending = now.pending();
    Map<String, Integer> calls = now.calls();
    Map<Long, DashboardService.OpenNow> open = now.open();
    DashboardService.Period period = dashboards.period(days);
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
              drawn.children().get(child.id()),
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
        grids.pathOf(node).stream().map(NodeRef::of).toList(),
        drawn.own(),
        period.from(),
        period.to(),
        areas,
        openPoints.size() > POINTS_AT_MOST ? openPoints.subList(0, POINTS_AT_MOST) : openPoints,
        openPoints.size() > POINTS_AT_MOST,
        buildings,
        pending.values().stream().mapToInt(Integer::intValue).sum(),
        calls.values().stream().mapToInt(Integer::intValue).sum());
  }

  private Shapes shapesOf(GridNode node, List<GridNode> children) {
    List<GridNode> shaped = new ArrayList<>(children);
    shaped.add(node);
    Map<Long, Geometry> all = outlines.of(shaped);
    Envelope shown = new Envelope();
    all.values().forEach(s -> shown.expandToInclude(s.getEnvelopeInternal()));
    double tolerance = Outlines.toleranceFor(shown);
    Map<Long, List<List<List<List<Double>>>>> simplified = new HashMap<>();
    for (GridNode child : children) {
      if (all.containsKey(child.id())) {
        simplified.put(child.id(), outline(all.get(child.id()), tolerance));
      }
    }
    return new Shapes(outline(all.get(node.id()), tolerance), simplified);
  }

  /** Counts by path (of grids or communities) summed per child whose subtree holds the path. */
  private static Map<Long, Integer> byChild(List<GridNode> children, Map<String, Integer> byPath) {
    Map<Long, Integer> sums = new HashMap<>();
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
