package org.onegrid.dashboard;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.platform.Tx;

/**
 * Keeps the dashboard's summary rows up to date: reads the changes the problem feature recorded in
 * the transactions that made them (problem_changes), recomputes each affected grid-day from the
 * problems, rolls it up the grid's path (zone, community, street, district, city) as sums of the
 * children's rows, and deletes the changes it counted, all in one transaction. No clock decides
 * what is new, so a slow transaction on another instance is counted when it commits. One instance
 * works at a time (its progress row is locked with SKIP LOCKED); a run that dies changes nothing.
 */
@Singleton
public class StatsJob {

  private static final int BATCH = 2000;

  private final StatsRepository stats;
  private final GridService grids;
  private final Tx tx;
  private final ZoneId zone;

  StatsJob(StatsRepository stats, GridService grids, Tx tx, OneGridConfig config) {
    this.stats = stats;
    this.grids = grids;
    this.tx = tx;
    this.zone = config.getTimeZone();
  }

  @Scheduled(fixedDelay = "${onegrid.dashboard.refresh-interval:30s}", initialDelay = "15s")
  void scheduled() {
    refresh();
  }

  /**
   * After a node moved from one parent to another, marks every day it has figures for as stale at
   * both parents, so the next run rolls both paths up again; call inside the move's transaction.
   */
  public void afterMove(long movedId, long oldParentId, long newParentId) {
    List<Instant> days =
        stats.daysOf(movedId).stream()
            .map(d -> d.atTime(LocalTime.NOON).atZone(zone).toInstant())
            .toList();
    for (int from = 0; from < days.size(); from += BATCH) {
      List<Instant> part = days.subList(from, Math.min(days.size(), from + BATCH));
      stats.recordStale(oldParentId, part);
      stats.recordStale(newParentId, part);
    }
  }

  /** Counts every committed change; returns how many it read. */
  public int refresh() {
    int total = 0;
    for (int read = step(); read > 0; read = step()) {
      total += read;
    }
    return total;
  }

  private int step() {
    return tx.runReadCommitted(
        () -> {
          var progress = stats.lockProgress();
          if (progress.isEmpty()) {
            return 0;
          }
          List<StatsRepository.Changed> changed = stats.nextChanges(BATCH);
          if (changed.isEmpty()) {
            return 0;
          }
          Map<Long, Set<LocalDate>> gridDays = new LinkedHashMap<>();
          for (StatsRepository.Changed c : changed) {
            gridDays
                .computeIfAbsent(c.gridId(), g -> new LinkedHashSet<>())
                .add(LocalDate.ofInstant(c.createdAt(), zone));
          }
          Map<Long, GridNode> nodes = new LinkedHashMap<>();
          Map<Long, Set<LocalDate>> nodeDays = new LinkedHashMap<>();
          gridDays.forEach(
              (nodeId, days) -> {
                GridNode changedNode = grids.get(nodeId);
                boolean grid = changedNode.level() == GridLevel.GRID;
                if (grid) {
                  for (LocalDate day : days) {
                    stats.recomputeGridDay(
                        nodeId,
                        day,
                        day.atStartOfDay(zone).toInstant(),
                        day.plusDays(1).atStartOfDay(zone).toInstant());
                  }
                }
                // A change names a grid (its problems changed) or, after the tree changed shape,
                // a node above grids whose children changed: that node is rolled up again too.
                for (GridNode n : grids.pathOf(changedNode)) {
                  if (n.id() != nodeId || !grid) {
                    nodes.put(n.id(), n);
                    nodeDays.computeIfAbsent(n.id(), k -> new LinkedHashSet<>()).addAll(days);
                  }
                }
              });
          List<GridNode> upward = new ArrayList<>(nodes.values());
          upward.sort(Comparator.comparingInt(GridNode::depth).reversed());
          for (GridNode n : upward) {
            List<Long> children =
                grids.childrenWithRetired(n.id()).stream().map(GridNode::id).toList();
            for (LocalDate day : nodeDays.get(n.id())) {
              stats.rollUp(n.id(), children, day);
            }
          }
          stats.forget(changed.stream().map(StatsRepository.Changed::id).toList());
          return changed.size();
        });
  }
}
