package org.onegrid.notice;

import static org.onegrid.db.Tables.GRID_NODES;
import static org.onegrid.db.Tables.NOTICES;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.NoticesRecord;
import org.onegrid.grid.Subtree;
import org.onegrid.platform.SqlShapes;
import org.onegrid.platform.Tx;

/** Notices to grids and subtrees, and how far their SMS have gone. */
@Singleton
class NoticeRepository {

  private final DSLContext dsl;
  private final Tx tx;
  private final SqlShapes shapes;

  NoticeRepository(DSLContext dsl, Tx tx, SqlShapes shapes) {
    this.dsl = dsl;
    this.tx = tx;
    this.shapes = shapes;
  }

  long insert(
      long nodeId,
      long authorId,
      String kind,
      String title,
      String body,
      boolean bySms,
      String key,
      Instant now) {
    return tx.insertReturningId(
        dsl.insertInto(NOTICES)
            .set(NOTICES.NODE_ID, nodeId)
            .set(NOTICES.AUTHOR_ID, authorId)
            .set(NOTICES.KIND, kind)
            .set(NOTICES.TITLE, title)
            .set(NOTICES.BODY, body)
            .set(NOTICES.BY_SMS, bySms)
            .set(NOTICES.SMS_DONE, !bySms)
            .set(NOTICES.IDEMPOTENCY_KEY, key)
            .set(NOTICES.CREATED_AT, now),
        NOTICES.ID);
  }

  Optional<NoticesRecord> findByKey(long authorId, String key) {
    return dsl.selectFrom(NOTICES)
        .where(NOTICES.AUTHOR_ID.eq(authorId), NOTICES.IDEMPOTENCY_KEY.eq(key))
        .fetchOptional();
  }

  Optional<NoticesRecord> findById(long id) {
    return dsl.selectFrom(NOTICES).where(NOTICES.ID.eq(id)).fetchOptional();
  }

  /** When the node last had a notice sent by SMS. */
  Optional<Instant> lastSmsNotice(long nodeId) {
    return dsl.select(DSL.max(NOTICES.CREATED_AT))
        .from(NOTICES)
        .where(NOTICES.NODE_ID.eq(nodeId), NOTICES.BY_SMS.isTrue())
        .fetchOptional(0, Instant.class);
  }

  /** Notices still texting their residents. */
  List<Long> findSending(int limit) {
    return dsl.select(NOTICES.ID)
        .from(NOTICES)
        .where(NOTICES.SMS_DONE.isFalse())
        .orderBy(NOTICES.ID)
        .limit(limit)
        .fetch(NOTICES.ID);
  }

  /** The notice, locked for this instance's batch; empty when another instance holds it. */
  Optional<NoticesRecord> lockForSms(long id) {
    return dsl.selectFrom(NOTICES)
        .where(NOTICES.ID.eq(id), NOTICES.SMS_DONE.isFalse())
        .forUpdate()
        .skipLocked()
        .fetchOptional();
  }

  void advance(long id, long gridCursor, long accountCursor, int sent, boolean done) {
    dsl.update(NOTICES)
        .set(NOTICES.SMS_GRID_CURSOR, gridCursor)
        .set(NOTICES.SMS_ACCOUNT_CURSOR, accountCursor)
        .set(NOTICES.SMS_COUNT, NOTICES.SMS_COUNT.plus(sent))
        .set(NOTICES.SMS_DONE, done)
        .where(NOTICES.ID.eq(id))
        .execute();
  }

  /** Notices to any of these nodes since {@code since}, newest first. */
  List<NoticesRecord> findForNodes(Collection<Long> nodeIds, Instant since, int limit) {
    // Every resident's home page asks: kept per how many nodes it binds (SqlShapes).
    List<Long> nodes = SqlShapes.padded(nodeIds);
    List<Object> values = new ArrayList<>(nodes);
    values.addAll(List.of(since, limit));
    return shapes.fetch(
        new ForNodes(nodes.size()),
        NOTICES,
        () ->
            dsl.selectFrom(NOTICES)
                .where(
                    NOTICES.NODE_ID.in(nodes),
                    NOTICES.CREATED_AT.ge(DSL.val(since, NOTICES.CREATED_AT)))
                .orderBy(NOTICES.ID.desc())
                .limit(limit),
        values);
  }

  /** The key of {@link #findForNodes}: how many nodes it binds. */
  private record ForNodes(int nodes) {}

  /** Notices to the node or anywhere under it, newest first, before {@code beforeId}. */
  List<NoticesRecord> findUnder(String subtreePath, long beforeId, int limit) {
    return dsl.select(NOTICES.fields())
        .from(NOTICES)
        .join(GRID_NODES)
        .on(GRID_NODES.ID.eq(NOTICES.NODE_ID))
        .where(Subtree.holds(subtreePath), NOTICES.ID.lt(beforeId))
        .orderBy(NOTICES.ID.desc())
        .limit(limit)
        .fetchInto(NOTICES);
  }
}
