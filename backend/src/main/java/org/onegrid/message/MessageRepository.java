package org.onegrid.message;

import static org.onegrid.db.Tables.RESIDENT_MESSAGES;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.ResidentMessagesRecord;
import org.onegrid.platform.SqlShapes;
import org.onegrid.platform.Tx;

@Singleton
class MessageRepository {

  private final DSLContext dsl;
  private final Tx tx;
  private final SqlShapes shapes;

  MessageRepository(DSLContext dsl, Tx tx, SqlShapes shapes) {
    this.dsl = dsl;
    this.tx = tx;
    this.shapes = shapes;
  }

  /**
   * Stores a message unless the sender already sent one with this key (a retry); returns the stored
   * one.
   */
  ResidentMessagesRecord insertOnce(
      long residentId,
      long gridId,
      long senderId,
      boolean fromStaff,
      String body,
      String clientKey,
      Instant now) {
    return tx.run(
        () -> {
          dsl.insertInto(RESIDENT_MESSAGES)
              .set(RESIDENT_MESSAGES.RESIDENT_ID, residentId)
              .set(RESIDENT_MESSAGES.GRID_ID, gridId)
              .set(RESIDENT_MESSAGES.SENDER_ID, senderId)
              .set(RESIDENT_MESSAGES.FROM_STAFF, fromStaff)
              .set(RESIDENT_MESSAGES.BODY, body)
              .set(RESIDENT_MESSAGES.CLIENT_KEY, clientKey)
              .set(RESIDENT_MESSAGES.CREATED_AT, now)
              .onDuplicateKeyIgnore()
              .execute();
          return dsl.selectFrom(RESIDENT_MESSAGES)
              .where(
                  RESIDENT_MESSAGES.SENDER_ID.eq(senderId),
                  RESIDENT_MESSAGES.CLIENT_KEY.eq(clientKey))
              .fetchSingle();
        });
  }

  /** A page of one resident's conversation, newest first, before the given id. */
  List<ResidentMessagesRecord> findByResident(long residentId, @Nullable Long beforeId, int limit) {
    return dsl.selectFrom(RESIDENT_MESSAGES)
        .where(RESIDENT_MESSAGES.RESIDENT_ID.eq(residentId))
        .and(beforeId == null ? DSL.noCondition() : RESIDENT_MESSAGES.ID.lt(beforeId))
        .orderBy(RESIDENT_MESSAGES.ID.desc())
        .limit(limit)
        .fetch();
  }

  /** Marks as read what the other side wrote in this conversation. */
  void markRead(long residentId, boolean fromStaff, Instant now) {
    dsl.update(RESIDENT_MESSAGES)
        .set(RESIDENT_MESSAGES.READ_AT, now)
        .where(
            RESIDENT_MESSAGES.RESIDENT_ID.eq(residentId),
            RESIDENT_MESSAGES.FROM_STAFF.eq(fromStaff),
            RESIDENT_MESSAGES.READ_AT.isNull())
        .execute();
  }

  int countUnread(long residentId, boolean fromStaff) {
    // Every resident's home page asks: kept as one shape (SqlShapes).
    return shapes
        .fetch(
            "messages.count-unread",
            () ->
                dsl.selectCount()
                    .from(RESIDENT_MESSAGES)
                    .where(
                        RESIDENT_MESSAGES.RESIDENT_ID.eq(residentId),
                        RESIDENT_MESSAGES.FROM_STAFF.eq(fromStaff),
                        RESIDENT_MESSAGES.READ_AT.isNull()),
            List.of(residentId, fromStaff))
        .get(0)
        .get(0, Integer.class);
  }

  /** The latest staff message to the resident before {@code id}, if any. */
  Optional<Instant> findPreviousStaffMessageTime(long residentId, long id) {
    return dsl.select(RESIDENT_MESSAGES.CREATED_AT)
        .from(RESIDENT_MESSAGES)
        .where(
            RESIDENT_MESSAGES.RESIDENT_ID.eq(residentId),
            RESIDENT_MESSAGES.FROM_STAFF.isTrue(),
            RESIDENT_MESSAGES.ID.lt(id))
        .orderBy(RESIDENT_MESSAGES.ID.desc())
        .limit(1)
        .fetchOptional(RESIDENT_MESSAGES.CREATED_AT);
  }

  /**
   * One row per resident who has written in this grid: their latest message id and how many are
   * unread by staff.
   */
  List<ConversationSummary> findConversationsOfGrid(long gridId, int limit) {
    var lastId = DSL.max(RESIDENT_MESSAGES.ID).as("last_id");
    var unread =
        DSL.sum(
                DSL.when(
                        RESIDENT_MESSAGES
                            .FROM_STAFF
                            .isFalse()
                            .and(RESIDENT_MESSAGES.READ_AT.isNull()),
                        1)
                    .otherwise(0))
            .as("unread");
    return dsl.select(RESIDENT_MESSAGES.RESIDENT_ID, lastId, unread)
        .from(RESIDENT_MESSAGES)
        .where(RESIDENT_MESSAGES.GRID_ID.eq(gridId))
        .groupBy(RESIDENT_MESSAGES.RESIDENT_ID)
        .orderBy(lastId.desc())
        .limit(limit)
        .fetch(
            r ->
                new ConversationSummary(
                    r.value1(), r.value2(), r.value3() == null ? 0 : r.value3().intValue()));
  }

  List<ResidentMessagesRecord> findByIds(List<Long> ids) {
    return ids.isEmpty()
        ? List.of()
        : dsl.selectFrom(RESIDENT_MESSAGES).where(RESIDENT_MESSAGES.ID.in(ids)).fetch();
  }

  record ConversationSummary(long residentId, long lastMessageId, int unread) {}
}
