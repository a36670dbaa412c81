package org.onegrid.warning;

import static org.onegrid.db.Tables.GRID_NODES;
import static org.onegrid.db.Tables.WARNINGS;
import static org.onegrid.db.Tables.WARNING_ACKS;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.WarningAcksRecord;
import org.onegrid.db.tables.records.WarningsRecord;
import org.onegrid.grid.Subtree;
import org.onegrid.platform.SqlShapes;
import org.onegrid.platform.Tx;

/** Warnings to subtrees and each grid's acknowledgement of them. */
@Singleton
class WarningRepository {

  private final DSLContext dsl;
  private final Tx tx;
  private final SqlShapes shapes;

  WarningRepository(DSLContext dsl, Tx tx, SqlShapes shapes) {
    this.dsl = dsl;
    this.tx = tx;
    this.shapes = shapes;
  }

  long insert(
      long nodeId,
      long issuedBy,
      String level,
      String title,
      String instructions,
      Instant validFrom,
      Instant validUntil,
      Instant remindAt,
      Instant ackDueAt,
      String key,
      Instant now) {
    return tx.insertReturningId(
        dsl.insertInto(WARNINGS)
            .set(WARNINGS.NODE_ID, nodeId)
            .set(WARNINGS.ISSUED_BY, issuedBy)
            .set(WARNINGS.LEVEL, level)
            .set(WARNINGS.TITLE, title)
            .set(WARNINGS.INSTRUCTIONS, instructions)
            .set(WARNINGS.VALID_FROM, validFrom)
            .set(WARNINGS.VALID_UNTIL, validUntil)
            .set(WARNINGS.REMIND_AT, remindAt)
            .set(WARNINGS.ACK_DUE_AT, ackDueAt)
            .set(WARNINGS.IDEMPOTENCY_KEY, key)
            .set(WARNINGS.CREATED_AT, now),
        WARNINGS.ID);
  }

  Optional<WarningsRecord> findByKey(long issuedBy, String key) {
    return dsl.selectFrom(WARNINGS)
        .where(WARNINGS.ISSUED_BY.eq(issuedBy), WARNINGS.IDEMPOTENCY_KEY.eq(key))
        .fetchOptional();
  }

  Optional<WarningsRecord> findById(long id) {
    return dsl.selectFrom(WARNINGS).where(WARNINGS.ID.eq(id)).fetchOptional();
  }

  /** One row per grid to acknowledge, with the grid's leader at the time (may be none). */
  void insertAcks(long warningId, Map<Long, Long> leaderByGrid, Collection<Long> gridIds) {
    var insert =
        dsl.insertInto(
            WARNING_ACKS, WARNING_ACKS.WARNING_ID, WARNING_ACKS.GRID_ID, WARNING_ACKS.LEADER_ID);
    for (long grid : gridIds) {
      insert = insert.values(warningId, grid, leaderByGrid.get(grid));
    }
    insert.onDuplicateKeyIgnore().execute();
  }

  boolean acknowledge(long warningId, long gridId, long by, Instant at) {
    return dsl.update(WARNING_ACKS)
            .set(WARNING_ACKS.ACKNOWLEDGED_BY, by)
            .set(WARNING_ACKS.ACKNOWLEDGED_AT, at)
            .where(
                WARNING_ACKS.WARNING_ID.eq(warningId),
                WARNING_ACKS.GRID_ID.eq(gridId),
                WARNING_ACKS.ACKNOWLEDGED_AT.isNull())
            .execute()
        == 1;
  }

  Optional<WarningAcksRecord> findAck(long warningId, long gridId) {
    return dsl.selectFrom(WARNING_ACKS)
        .where(WARNING_ACKS.WARNING_ID.eq(warningId), WARNING_ACKS.GRID_ID.eq(gridId))
        .fetchOptional();
  }

  /** Unacknowledged rows of live warnings whose reminder (or escalation) time has come. */
  List<WarningAcksRecord> findDue(Instant now, boolean escalation, int limit) {
    var due = escalation ? WARNINGS.ACK_DUE_AT : WARNINGS.REMIND_AT;
    var done = escalation ? WARNING_ACKS.ESCALATED_AT : WARNING_ACKS.REMINDED_AT;
    return dsl.select(WARNING_ACKS.fields())
        .from(WARNING_ACKS)
        .join(WARNINGS)
        .on(WARNINGS.ID.eq(WARNING_ACKS.WARNING_ID))
        .where(
            WARNING_ACKS.ACKNOWLEDGED_AT.isNull(),
            done.isNull(),
            due.le(DSL.val(now, due)),
            WARNINGS.VALID_UNTIL.gt(DSL.val(now, WARNINGS.VALID_UNTIL)))
        .limit(limit)
        .fetchInto(WARNING_ACKS);
  }

  /** Marks the reminder (or escalation) done; of several instances one wins. */
  boolean claim(long warningId, long gridId, boolean escalation, Instant now) {
    var done = escalation ? WARNING_ACKS.ESCALATED_AT : WARNING_ACKS.REMINDED_AT;
    return dsl.update(WARNING_ACKS)
            .set(done, now)
            .where(
                WARNING_ACKS.WARNING_ID.eq(warningId),
                WARNING_ACKS.GRID_ID.eq(gridId),
                WARNING_ACKS.ACKNOWLEDGED_AT.isNull(),
                done.isNull())
            .execute()
        == 1;
  }

  /** Live warnings of a grid with its acknowledgement, newest first. */
  List<Record> findForGrid(long gridId, Instant now) {
    return dsl.select(WARNINGS.fields())
        .select(WARNING_ACKS.ACKNOWLEDGED_AT)
        .from(WARNING_ACKS)
        .join(WARNINGS)
        .on(WARNINGS.ID.eq(WARNING_ACKS.WARNING_ID))
        .where(
            WARNING_ACKS.GRID_ID.eq(gridId),
            WARNINGS.VALID_UNTIL.gt(DSL.val(now, WARNINGS.VALID_UNTIL)))
        .orderBy(WARNINGS.ID.desc())
        .limit(50)
        .fetch();
  }

  /** Live warnings of these levels to any of these nodes. */
  List<WarningsRecord> findLive(Collection<Long> nodeIds, Collection<String> levels, Instant now) {
    // Every resident's home page asks: kept per how many nodes and levels it binds (SqlShapes).
    List<Long> nodes = SqlShapes.padded(nodeIds);
    List<Object> values = new ArrayList<>(nodes);
    values.addAll(levels);
    values.addAll(List.of(now, now, 20));
    return shapes.fetch(
        new Live(nodes.size(), levels.size()),
        WARNINGS,
        () ->
            dsl.selectFrom(WARNINGS)
                .where(
                    WARNINGS.NODE_ID.in(nodes),
                    WARNINGS.LEVEL.in(levels),
                    WARNINGS.VALID_FROM.le(DSL.val(now, WARNINGS.VALID_FROM)),
                    WARNINGS.VALID_UNTIL.gt(DSL.val(now, WARNINGS.VALID_UNTIL)))
                .orderBy(WARNINGS.ID.desc())
                .limit(20),
        values);
  }

  /** The key of {@link #findLive}: how many nodes and levels it binds. */
  private record Live(int nodes, int levels) {}

  /** Warnings to the node or under it, newest first. */
  List<WarningsRecord> findUnder(String subtreePath, int limit) {
    return dsl.select(WARNINGS.fields())
        .from(WARNINGS)
        .join(GRID_NODES)
        .on(GRID_NODES.ID.eq(WARNINGS.NODE_ID))
        .where(Subtree.holds(subtreePath))
        .orderBy(WARNINGS.ID.desc())
        .limit(limit)
        .fetchInto(WARNINGS);
  }

  /**
   * For each of these warnings, how many grids it went to and how many acknowledged: one query for
   * a list, not one a warning.
   */
  Map<Long, int[]> counts(Collection<Long> warningIds) {
    if (warningIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, int[]> out = new HashMap<>();
    dsl.select(WARNING_ACKS.WARNING_ID, DSL.count(), DSL.count(WARNING_ACKS.ACKNOWLEDGED_AT))
        .from(WARNING_ACKS)
        .where(WARNING_ACKS.WARNING_ID.in(warningIds))
        .groupBy(WARNING_ACKS.WARNING_ID)
        .forEach(r -> out.put(r.value1(), new int[] {r.value2(), r.value3()}));
    return out;
  }

  /** A warning's rows, those not acknowledged first. */
  List<WarningAcksRecord> findAcks(long warningId, int limit) {
    return dsl.selectFrom(WARNING_ACKS)
        .where(WARNING_ACKS.WARNING_ID.eq(warningId))
        .orderBy(WARNING_ACKS.ACKNOWLEDGED_AT.isNotNull(), WARNING_ACKS.GRID_ID)
        .limit(limit)
        .fetch();
  }

  /**
   * Per grid below a subtree path (by the grid's path): acknowledgements still owed for warnings in
   * force. Found from the few pending rows (index on acknowledged_at), not from the grids.
   */
  Map<String, Integer> countPendingByGridPath(String subtreePath, Instant now) {
    // Every map asks (its warnings layer): one kept shape (SqlShapes).
    Field<Integer> pending = DSL.count();
    return shapes
        .fetch(
            "warnings.pending-by-grid-path",
            () ->
                dsl.select(GRID_NODES.PATH, pending)
                    .from(WARNING_ACKS)
                    .join(WARNINGS)
                    .on(WARNINGS.ID.eq(WARNING_ACKS.WARNING_ID))
                    .join(GRID_NODES)
                    .on(GRID_NODES.ID.eq(WARNING_ACKS.GRID_ID))
                    .where(
                        WARNING_ACKS.ACKNOWLEDGED_AT.isNull(),
                        WARNINGS.VALID_UNTIL.gt(DSL.val(now, WARNINGS.VALID_UNTIL)),
                        Subtree.holds(subtreePath))
                    .groupBy(GRID_NODES.PATH),
            List.of(now, subtreePath))
        .intoMap(GRID_NODES.PATH, pending);
  }
}
