package org.onegrid.dashboard;

import static org.onegrid.db.Tables.ENGAGEMENT_STATS;
import static org.onegrid.db.Tables.GRID_NODES;
import static org.onegrid.db.Tables.STATS_PROGRESS;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.onegrid.db.tables.records.EngagementStatsRecord;
import org.onegrid.platform.SqlShapes;

/**
 * Counts for the dashboard's engagement figures. A reporting read model: it counts across the
 * accounts, associations, clinic and hotline tables with one grouped query each (a scan every few
 * minutes, by one instance), rather than asking each feature's repository grid by grid.
 */
@Singleton
class EngagementRepository {

  private final DSLContext dsl;
  private final SqlShapes shapes;

  EngagementRepository(DSLContext dsl, SqlShapes shapes) {
    this.dsl = dsl;
    this.shapes = shapes;
  }

  boolean lock() {
    return dsl.selectFrom(STATS_PROGRESS)
        .where(STATS_PROGRESS.NAME.eq("engagement"))
        .forUpdate()
        .skipLocked()
        .fetchOptional()
        .isPresent();
  }

  /** Every node's id and path (to roll counts up). */
  Map<Long, String> paths() {
    return dsl.select(GRID_NODES.ID, GRID_NODES.PATH)
        .from(GRID_NODES)
        .fetchMap(GRID_NODES.ID, GRID_NODES.PATH);
  }

  /** Residents per grid. */
  Map<Long, Integer> residentsByGrid() {
    return counts(
        "SELECT b.grid_id, COUNT(*) FROM accounts a JOIN households h ON h.id = a.household_id"
            + " JOIN building_units u ON u.id = h.unit_id JOIN buildings b ON b.id = u.building_id"
            + " WHERE a.role = 'RESIDENT' GROUP BY b.grid_id");
  }

  /** Association members per community. */
  Map<Long, Integer> membersByCommunity() {
    return counts(
        "SELECT s.community_id, COUNT(*) FROM association_members m"
            + " JOIN associations s ON s.id = m.association_id WHERE m.status = 'MEMBER'"
            + " GROUP BY s.community_id");
  }

  /** Clinic bookings made since {@code since} per patient's grid. */
  Map<Long, Integer> bookingsByGrid(Instant since) {
    return counts(
        "SELECT grid_id, COUNT(*) FROM clinic_bookings WHERE grid_id IS NOT NULL AND created_at >= ?"
            + " GROUP BY grid_id",
        LocalDateTime.ofInstant(since, ZoneOffset.UTC));
  }

  /** Hotline contacts since {@code since} per community. */
  Map<Long, Integer> hotlineByCommunity(Instant since) {
    return counts(
        "SELECT community_id, COUNT(*) FROM hotline_contacts WHERE created_at >= ?"
            + " GROUP BY community_id",
        LocalDateTime.ofInstant(since, ZoneOffset.UTC));
  }

  void replaceAll(Map<Long, int[]> byNode, Instant now) {
    dsl.deleteFrom(ENGAGEMENT_STATS).execute();
    var batch = new ArrayList<Query>();
    byNode.forEach(
        (node, v) ->
            batch.add(
                dsl.insertInto(ENGAGEMENT_STATS)
                    .set(ENGAGEMENT_STATS.NODE_ID, node)
                    .set(ENGAGEMENT_STATS.RESIDENTS, v[0])
                    .set(ENGAGEMENT_STATS.MEMBERS, v[1])
                    .set(ENGAGEMENT_STATS.BOOKINGS_30D, v[2])
                    .set(ENGAGEMENT_STATS.HOTLINE_30D, v[3])
                    .set(ENGAGEMENT_STATS.REFRESHED_AT, now)));
    for (int i = 0; i < batch.size(); i += 500) {
      dsl.batch(batch.subList(i, Math.min(batch.size(), i + 500))).execute();
    }
  }

  Optional<EngagementStatsRecord> find(long nodeId) {
    // Every dashboard reads its node's row: a kept shape (SqlShapes).
    return shapes
        .fetch(
            "engagement.by-node",
            ENGAGEMENT_STATS,
            () -> dsl.selectFrom(ENGAGEMENT_STATS).where(ENGAGEMENT_STATS.NODE_ID.eq(nodeId)),
            List.of(nodeId))
        .stream()
        .findFirst();
  }

  private Map<Long, Integer> counts(String sql, Object... args) {
    Map<Long, Integer> out = new HashMap<>();
    for (var r : dsl.fetch(sql, args)) {
      out.put(r.get(0, Long.class), r.get(1, Integer.class));
    }
    return out;
  }
}
