package org.onegrid.dashboard;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.platform.Tx;

/**
 * Keeps the dashboard's summary rows up to date: reads problems changed since its watermark,
 * recomputes each affected grid-day from the problems, and rolls it up the grid's path (zone,
 * community, street, district, city) as sums of the children's rows. One instance works at a time
 * (the watermark row is locked with SKIP LOCKED); a run that dies leaves the watermark where it
 * was.
 */
@Singleton
public class StatsJob {

  private static final Duration SETTLE = Duration.ofSeconds(5);
  private static final int BATCH = 2000;

  private final StatsRepository stats;
  private final GridService grids;
  private final Tx tx;
  private final Clock clock;
  private final ZoneId zone;

  StatsJob(StatsRepository stats, GridService grids, Tx tx, Clock clock, OneGridConfig config) {
    this.stats = stats;
    this.grids = grids;
    this.tx = tx;
    this.clock = clock;
    this.zone = config.getTimeZone();
  }

  @Scheduled(fixedDelay = "${onegrid.dashboard.refresh-interval:30s}", initialDelay = "15s")
  void scheduled() {
    refresh(clock.instant().minus(SETTLE));
  }

  /** Brings the summary up to changes before {@code before}; returns how many problems it read. */
  public int refresh(Instant before) {
    int total = 0;
    for (int read = step(before); read > 0; read = step(before)) {
      total += read;
    }
    return total;
  }

  private int step(Instant before) {
    return tx.run(
        () -> {
          var progress = stats.lockProgress();
          if (progress.isEmpty()) {
            return 0;
          }
          List<StatsRepository.Changed> changed =
              stats.findChanged(
                  progress.get().getWatermark(), progress.get().getWatermarkId(), before, BATCH);
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
              (gridId, days) -> {
                for (LocalDate day : days) {
                  stats.recomputeGridDay(
                      gridId,
                      day,
                      day.atStartOfDay(zone).toInstant(),
                      day.plusDays(1).atStartOfDay(zone).toInstant());
                }
                for (GridNode n : grids.pathOf(grids.get(gridId))) {
                  if (n.id() != gridId) {
                    nodes.put(n.id(), n);
                    nodeDays.computeIfAbsent(n.id(), k -> new LinkedHashSet<>()).addAll(days);
                  }
                }
              });
          List<GridNode> upward = new ArrayList<>(nodes.values());
          upward.sort(Comparator.comparingInt(GridNode::depth).reversed());
          for (GridNode n : upward) {
            List<Long> children = grids.children(n.id()).stream().map(GridNode::id).toList();
            for (LocalDate day : nodeDays.get(n.id())) {
              stats.rollUp(n.id(), children, day);
            }
          }
          StatsRepository.Changed last = changed.get(changed.size() - 1);
          stats.saveProgress(last.updatedAt(), last.id());
          return changed.size();
        });
  }
}
