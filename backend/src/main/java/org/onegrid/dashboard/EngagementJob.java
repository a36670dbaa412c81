package org.onegrid.dashboard;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.onegrid.platform.Tx;

/**
 * Recounts the engagement figures of every node: residents, association members, and clinic
 * bookings and hotline contacts of the last 30 days, counted where they belong (grid or community)
 * and added up every node of their path. One instance at a time.
 */
@Singleton
public class EngagementJob {

  private final EngagementRepository engagement;
  private final Tx tx;
  private final Clock clock;

  EngagementJob(EngagementRepository engagement, Tx tx, Clock clock) {
    this.engagement = engagement;
    this.tx = tx;
    this.clock = clock;
  }

  @Scheduled(fixedDelay = "${onegrid.dashboard.engagement-interval:5m}", initialDelay = "25s")
  public void recount() {
    tx.run(
        () -> {
          if (!engagement.lock()) {
            return null;
          }
          Instant now = clock.instant();
          Instant since = now.minus(Duration.ofDays(30));
          Map<Long, String> paths = engagement.paths();
          Map<Long, int[]> byNode = new HashMap<>();
          add(byNode, paths, engagement.residentsByGrid(), 0);
          add(byNode, paths, engagement.membersByCommunity(), 1);
          add(byNode, paths, engagement.bookingsByGrid(since), 2);
          add(byNode, paths, engagement.hotlineByCommunity(since), 3);
          engagement.replaceAll(byNode, now);
          return null;
        });
  }

  /** Adds each count to its node and every ancestor (the ids in its path "/1/5/9/"). */
  private static void add(
      Map<Long, int[]> byNode, Map<Long, String> paths, Map<Long, Integer> counts, int slot) {
    counts.forEach(
        (node, n) -> {
          String path = paths.get(node);
          if (path == null) {
            return;
          }
          for (String part : path.split("/")) {
            if (!part.isEmpty()) {
              byNode.computeIfAbsent(Long.parseLong(part), k -> new int[4])[slot] += n;
            }
          }
        });
  }
}
