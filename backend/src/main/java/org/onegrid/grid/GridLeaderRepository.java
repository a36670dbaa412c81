package org.onegrid.grid;

import static org.onegrid.db.Tables.GRID_LEADER_ASSIGNMENTS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/** Who leads each grid, now and before. */
@Singleton
class GridLeaderRepository {

  private final DSLContext dsl;

  GridLeaderRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  Optional<Long> findCurrentLeaderId(long gridId) {
    return dsl.select(GRID_LEADER_ASSIGNMENTS.LEADER_ID)
        .from(GRID_LEADER_ASSIGNMENTS)
        .where(
            GRID_LEADER_ASSIGNMENTS.GRID_ID.eq(gridId), GRID_LEADER_ASSIGNMENTS.ENDED_AT.isNull())
        .fetchOptional(GRID_LEADER_ASSIGNMENTS.LEADER_ID);
  }

  Map<Long, Long> findCurrentLeaderIds(Collection<Long> gridIds) {
    return dsl.select(GRID_LEADER_ASSIGNMENTS.GRID_ID, GRID_LEADER_ASSIGNMENTS.LEADER_ID)
        .from(GRID_LEADER_ASSIGNMENTS)
        .where(
            GRID_LEADER_ASSIGNMENTS.GRID_ID.in(gridIds), GRID_LEADER_ASSIGNMENTS.ENDED_AT.isNull())
        .fetchMap(GRID_LEADER_ASSIGNMENTS.GRID_ID, GRID_LEADER_ASSIGNMENTS.LEADER_ID);
  }

  void endCurrent(long gridId, Instant now) {
    dsl.update(GRID_LEADER_ASSIGNMENTS)
        .set(GRID_LEADER_ASSIGNMENTS.ENDED_AT, now)
        .where(
            GRID_LEADER_ASSIGNMENTS.GRID_ID.eq(gridId), GRID_LEADER_ASSIGNMENTS.ENDED_AT.isNull())
        .execute();
  }

  /** Ends whatever grid the leader currently leads. */
  void endCurrentOfLeader(long leaderId, Instant now) {
    dsl.update(GRID_LEADER_ASSIGNMENTS)
        .set(GRID_LEADER_ASSIGNMENTS.ENDED_AT, now)
        .where(
            GRID_LEADER_ASSIGNMENTS.LEADER_ID.eq(leaderId),
            GRID_LEADER_ASSIGNMENTS.ENDED_AT.isNull())
        .execute();
  }

  void insert(long gridId, long leaderId, @Nullable Long assignedBy, Instant now) {
    dsl.insertInto(GRID_LEADER_ASSIGNMENTS)
        .set(GRID_LEADER_ASSIGNMENTS.GRID_ID, gridId)
        .set(GRID_LEADER_ASSIGNMENTS.LEADER_ID, leaderId)
        .set(GRID_LEADER_ASSIGNMENTS.ASSIGNED_BY, assignedBy)
        .set(GRID_LEADER_ASSIGNMENTS.STARTED_AT, now)
        .execute();
  }

  List<LeaderAssignment> findHistory(long gridId) {
    return dsl.selectFrom(GRID_LEADER_ASSIGNMENTS)
        .where(GRID_LEADER_ASSIGNMENTS.GRID_ID.eq(gridId))
        .orderBy(GRID_LEADER_ASSIGNMENTS.STARTED_AT.desc(), GRID_LEADER_ASSIGNMENTS.ID.desc())
        .fetch(
            r ->
                new LeaderAssignment(
                    r.getLeaderId(), r.getAssignedBy(), r.getStartedAt(), r.getEndedAt()));
  }
}
