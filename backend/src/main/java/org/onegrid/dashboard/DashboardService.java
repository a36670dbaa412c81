package org.onegrid.dashboard;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Record;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.grid.NodeRef;
import org.onegrid.platform.OneGridConfig;

/**
 * The numbers of a node of the grid tree, read from the summary rows (see {@link StatsJob}), for
 * problems reported in the period (by the day reported, in the city's zone). Every rate has the
 * problems reported in the period as its denominator, so nothing is counted twice and nothing
 * reported goes missing from it:
 *
 * <ul>
 *   <li>accepted on time: accepted no later than the category's accept deadline;
 *   <li>closed: closed after a fix was recorded (merged duplicates and take-backs are not);
 *   <li>closure rate: closed and not rated 1–2 stars (closed-unsatisfied is not a success);
 *   <li>on-time closure rate: as closure, and fixed no later than the fix deadline;
 *   <li>satisfaction: mean of the 1–5 ratings given;
 *   <li>medians of time to accept and to close: the histogram bucket holding the middle problem.
 * </ul>
 */
@Singleton
public class DashboardService {

  private final StatsRepository stats;
  private final EngagementRepository engagement;
  private final AccountService accounts;
  private final GridService grids;
  private final Clock clock;
  private final ZoneId zone;
  private final Duration cacheFor;

  /**
   * Dashboards computed in the last few seconds, by node and period: the summary rows change only
   * when the job runs (every 30 s), and a city's admins all open the same few nodes on Monday
   * morning. Who may see a node is checked before the cache is looked at.
   */
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private final Map<String, Object> computing = new ConcurrentHashMap<>();

  private static final int CACHED_AT_MOST = 2000;

  private record Cached(Dashboard dashboard, Instant until) {}

  DashboardService(
      StatsRepository stats,
      EngagementRepository engagement,
      AccountService accounts,
      GridService grids,
      Clock clock,
      OneGridConfig config,
      @Value("${onegrid.dashboard.cache-ttl:10s}") Duration cacheFor) {
    this.cacheFor = cacheFor;
    this.stats = stats;
    this.engagement = engagement;
    this.accounts = accounts;
    this.grids = grids;
    this.clock = clock;
    this.zone = config.getTimeZone();
  }

  /** The dashboard of a node of the staff member's reach over the last {@code days} days. */
  public Dashboard of(Account staff, long nodeId, int days) {
    accounts.requireStaff(staff);
    GridNode node = accounts.requireReach(staff, grids.get(nodeId));
    if (cacheFor.isZero()) {
      return compute(node, days);
    }
    Instant now = clock.instant();
    String key = node.id() + ":" + days;
    Cached hit = cache.get(key);
    if (hit != null && hit.until().isAfter(now)) {
      return hit.dashboard();
    }
    // One request computes an expired dashboard while the others asking for it wait for that,
    // rather than all computing it at once.
    synchronized (computing.computeIfAbsent(key, k -> new Object())) {
      hit = cache.get(key);
      if (hit != null && hit.until().isAfter(clock.instant())) {
        return hit.dashboard();
      }
      Dashboard fresh = compute(node, days);
      if (cache.size() >= CACHED_AT_MOST) {
        cache.values().removeIf(c -> !c.until().isAfter(now));
        if (cache.size() >= CACHED_AT_MOST) {
          cache.clear();
          computing.clear();
        }
      }
      cache.put(key, new Cached(fresh, clock.instant().plus(cacheFor)));
      return fresh;
    }
  }

  /**
   * Open problems and those past their fix deadline now, per child of a node of the staff member's
   * reach (a grid counts its own). Counted afresh: callers that show it to many keep it a while.
   */
  public Map<Long, OpenNow> openNowByChild(Account staff, long nodeId) {
    accounts.requireStaff(staff);
    GridNode node = accounts.requireReach(staff, grids.get(nodeId));
    Instant now = clock.instant();
    List<GridNode> children =
        node.level() == GridLevel.GRID ? List.of(node) : grids.childrenWithRetired(node.id());
    Map<Long, OpenNow> counts = new HashMap<>();
    for (StatsRepository.OpenInGrid g :
        stats.openByGrid(node.path(), node.parentId() == null, now)) {
      for (GridNode child : children) {
        if (g.path().startsWith(child.path())) {
          counts.merge(
              child.id(),
              new OpenNow(g.open(), g.overdue()),
              (a, b) -> new OpenNow(a.open() + b.open(), a.overdue() + b.overdue()));
          break;
        }
      }
    }
    return counts;
  }

  /** Problems open now and, of them, past their fix deadline. */
  @Serdeable
  public record OpenNow(int open, int overdue) {}

  /** The days a dashboard of the last {@code days} days covers, today (in the city) the last. */
  public record Period(LocalDate from, LocalDate to) {}

  public Period period(int days) {
    LocalDate to = LocalDate.ofInstant(clock.instant(), zone);
    return new Period(to.minusDays(days - 1L), to);
  }

  private Dashboard compute(GridNode node, int days) {
    Period period = period(days);
    LocalDate from = period.from();
    LocalDate to = period.to();
    List<Long> self = List.of(node.id());
    // One read of the period's rows by category and source gives the total and both tables.
    int[] totalValues = new int[VALUES];
    Map<String, int[]> categories = new HashMap<>();
    Map<String, int[]> sources = new HashMap<>();
    for (Record r : stats.sums(self, from, to, "category_code, source")) {
      int[] v = values(r);
      add(totalValues, v);
      add(
          categories.computeIfAbsent(r.get("category_code", String.class), k -> new int[VALUES]),
          v);
      add(sources.computeIfAbsent(r.get("source", String.class), k -> new int[VALUES]), v);
    }
    Figures total = Figures.of("", totalValues);
    List<Figures> byCategory = ranked(categories);
    List<Figures> bySource = ranked(sources);
    List<GridNode> childNodes =
        node.level() == GridLevel.GRID ? List.of() : grids.childrenWithRetired(node.id());
    Map<Long, Figures> byChild = new TreeMap<>();
    if (!childNodes.isEmpty()) {
      for (Record r :
          stats.sums(childNodes.stream().map(GridNode::id).toList(), from, to, "node_id")) {
        byChild.put(r.get("k", Long.class), figures(r, String.valueOf(r.get("k"))));
      }
    }
    List<Child> children = new ArrayList<>();
    for (GridNode c : childNodes) {
      children.add(
          new Child(
              c.id(), c.name(), c.level().name(), byChild.getOrDefault(c.id(), figures(null, ""))));
    }
    children.sort(
        Comparator.comparing(
                (Child c) -> c.figures().closureRate() == null ? -1 : c.figures().closureRate())
            .reversed()
            .thenComparing(c -> -c.figures().reported()));
    LocalDate weekStart =
        to.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(11);
    Map<LocalDate, Figures> weekly = new TreeMap<>();
    for (Record r : stats.sums(self, weekStart, to, "day")) {
      LocalDate day = r.get("k", LocalDate.class);
      LocalDate week = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      weekly.merge(week, figures(r, week.toString()), Figures::plus);
    }
    List<Figures> weeks = new ArrayList<>();
    for (LocalDate w = weekStart; !w.isAfter(to); w = w.plusWeeks(1)) {
      weeks.add(weekly.getOrDefault(w, figures(null, w.toString())));
    }
    return new Dashboard(
        node.id(),
        node.name(),
        node.level().name(),
        grids.pathOf(node).stream().map(NodeRef::of).toList(),
        from,
        to,
        total,
        overdue(node),
        byCategory,
        bySource,
        children,
        weeks,
        engagement
            .find(node.id())
            .map(
                e ->
                    new Engagement(
                        e.getResidents(),
                        e.getMembers(),
                        e.getBookings_30d(),
                        e.getHotline_30d(),
                        e.getRefreshedAt()))
            .orElse(null));
  }

  /** Open problems past their fix deadline under the node, now. */
  private int overdue(GridNode node) {
    if (node.parentId() == null) {
      return stats.overdueInCity(clock.instant());
    }
    List<Long> gridIds = grids.allGridIdsUnder(node);
    return stats.overdueInGrids(gridIds, clock.instant());
  }

  /** How many numbers a summary row holds: the counts and both histograms. */
  private static final int VALUES = StatsRepository.COUNT_NAMES.size();

  private static List<Figures> ranked(Map<String, int[]> byKey) {
    return byKey.entrySet().stream()
        .map(e -> Figures.of(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingInt(Figures::reported).reversed())
        .toList();
  }

  private static void add(int[] sum, int[] v) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += v[i];
    }
  }

  private static int[] values(@Nullable Record r) {
    int[] v = new int[VALUES];
    if (r != null) {
      // By position, not by name: a summary row's sums are its last columns (StatsRepository.sums),
      // and looking each of 25 names up in every row of a dashboard cost more than reading them.
      int first = r.size() - VALUES;
      for (int i = 0; i < VALUES; i++) {
        Object n = r.get(first + i);
        v[i] = n == null ? 0 : ((Number) n).intValue();
      }
    }
    return v;
  }

  private static Figures figures(@Nullable Record r, String key) {
    return Figures.of(key, values(r));
  }

  /** The figures of one row of a table (a node, category, source or week). */
  @Serdeable
  public record Figures(
      String key,
      int reported,
      int accepted,
      int acceptedOnTime,
      int closed,
      int closedOk,
      int closedOnTime,
      int rated,
      int ratingSum,
      int redo,
      List<Integer> acceptHours,
      List<Integer> closeHours,
      @Nullable Double acceptedOnTimeRate,
      @Nullable Double closureRate,
      @Nullable Double onTimeClosureRate,
      @Nullable Double satisfaction,
      @Nullable Integer medianHoursToAccept,
      @Nullable Integer medianHoursToClose) {

    static Figures of(String key, int[] v) {
      List<Integer> a = Arrays.stream(v, 9, 17).boxed().toList();
      List<Integer> c = Arrays.stream(v, 17, 25).boxed().toList();
      return new Figures(
          key,
          v[0],
          v[1],
          v[2],
          v[3],
          v[4],
          v[5],
          v[6],
          v[7],
          v[8],
          a,
          c,
          rate(v[2], v[0]),
          rate(v[4], v[0]),
          rate(v[5], v[0]),
          v[6] == 0 ? null : Math.round(v[7] * 100.0 / v[6]) / 100.0,
          median(a),
          median(c));
    }

    Figures plus(Figures o) {
      int[] v = new int[25];
      int[] x = values();
      int[] y = o.values();
      for (int i = 0; i < v.length; i++) {
        v[i] = x[i] + y[i];
      }
      return of(key, v);
    }

    private int[] values() {
      int[] v = new int[25];
      int[] head = {
        reported, accepted, acceptedOnTime, closed, closedOk, closedOnTime, rated, ratingSum, redo
      };
      System.arraycopy(head, 0, v, 0, 9);
      for (int i = 0; i < 8; i++) {
        v[9 + i] = acceptHours.get(i);
        v[17 + i] = closeHours.get(i);
      }
      return v;
    }

    private static @Nullable Double rate(int part, int whole) {
      return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 1000.0;
    }

    /** The upper bound (hours) of the bucket holding the middle one; 169 for "more than a week". */
    private static @Nullable Integer median(List<Integer> buckets) {
      int n = buckets.stream().mapToInt(Integer::intValue).sum();
      if (n == 0) {
        return null;
      }
      int seen = 0;
      for (int i = 0; i < buckets.size(); i++) {
        seen += buckets.get(i);
        if (seen * 2 >= n) {
          return i < StatsRepository.BOUNDS.length ? StatsRepository.BOUNDS[i] : 169;
        }
      }
      return 169;
    }
  }

  /** A child node's row of the ranked table. */
  @Serdeable
  public record Child(long id, String name, String level, Figures figures) {}

  /** Everything the dashboard page shows of a node. */
  @Serdeable
  public record Dashboard(
      long nodeId,
      String nodeName,
      String level,
      List<NodeRef> path,
      LocalDate from,
      LocalDate to,
      Figures total,
      int overdueNow,
      List<Figures> byCategory,
      List<Figures> bySource,
      List<Child> children,
      List<Figures> weeks,
      @Nullable Engagement engagement) {}

  /**
   * Residents registered and association members now, clinic bookings and hotline contacts of the
   * last 30 days, as last recounted.
   */
  @Serdeable
  public record Engagement(
      int residents,
      int associationMembers,
      int clinicBookings30d,
      int hotlineContacts30d,
      Instant refreshedAt) {}
}
