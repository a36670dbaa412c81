package org.onegrid.problem;

import static org.onegrid.db.Tables.PROBLEM_MESSAGES;
import static org.onegrid.db.Tables.PROBLEM_READS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.ProblemMessagesRecord;
import org.onegrid.platform.SqlShapes;
import org.onegrid.platform.Tx;

/** The messages of problems' threads. */
@Singleton
class ProblemMessageRepository {

  private final DSLContext dsl;
  private final SqlShapes shapes;
  private final Tx tx;

  ProblemMessageRepository(DSLContext dsl, SqlShapes shapes, Tx tx) {
    this.dsl = dsl;
    this.shapes = shapes;
    this.tx = tx;
  }

  /**
   * Stores the message unless its author already sent one with this key; returns the stored one.
   */
  Stored insertOnce(
      long problemId,
      long authorId,
      boolean fromStaff,
      boolean internal,
      String body,
      @Nullable Long photoId,
      String key,
      Instant now) {
    return tx.run(
        () -> {
          int inserted =
              dsl.insertInto(PROBLEM_MESSAGES)
                  .set(PROBLEM_MESSAGES.PROBLEM_ID, problemId)
                  .set(PROBLEM_MESSAGES.AUTHOR_ID, authorId)
                  .set(PROBLEM_MESSAGES.FROM_STAFF, fromStaff)
                  .set(PROBLEM_MESSAGES.INTERNAL, internal)
                  .set(PROBLEM_MESSAGES.BODY, body)
                  .set(PROBLEM_MESSAGES.PHOTO_ID, photoId)
                  .set(PROBLEM_MESSAGES.CLIENT_KEY, key)
                  .set(PROBLEM_MESSAGES.CREATED_AT, now)
                  .onDuplicateKeyIgnore()
                  .execute();
          ProblemMessagesRecord row =
              dsl.selectFrom(PROBLEM_MESSAGES)
                  .where(
                      PROBLEM_MESSAGES.AUTHOR_ID.eq(authorId), PROBLEM_MESSAGES.CLIENT_KEY.eq(key))
                  .fetchSingle();
          return new Stored(row, inserted == 1);
        });
  }

  Optional<ProblemMessagesRecord> findByAuthorKey(long authorId, String key) {
    return dsl.selectFrom(PROBLEM_MESSAGES)
        .where(PROBLEM_MESSAGES.AUTHOR_ID.eq(authorId), PROBLEM_MESSAGES.CLIENT_KEY.eq(key))
        .fetchOptional();
  }

  /** The latest 500 messages of a thread, oldest first. */
  List<ProblemMessagesRecord> findByProblem(long problemId, boolean withInternal) {
    // Every open of a problem's page reads its thread: kept as two shapes, staff's and others'.
    List<ProblemMessagesRecord> rows =
        new ArrayList<>(
            shapes.fetch(
                withInternal ? "problem-messages.all" : "problem-messages.public",
                PROBLEM_MESSAGES,
                () ->
                    dsl.selectFrom(PROBLEM_MESSAGES)
                        .where(PROBLEM_MESSAGES.PROBLEM_ID.eq(problemId))
                        .and(withInternal ? DSL.noCondition() : PROBLEM_MESSAGES.INTERNAL.isFalse())
                        .orderBy(PROBLEM_MESSAGES.ID.desc())
                        .limit(500),
                List.of(problemId, 500)));
    Collections.reverse(rows);
    return rows;
  }

  /** When staff last wrote publicly on this problem before the given message. */
  Optional<Instant> findPreviousPublicStaffMessage(long problemId, long beforeId) {
    return dsl.select(PROBLEM_MESSAGES.CREATED_AT)
        .from(PROBLEM_MESSAGES)
        .where(
            PROBLEM_MESSAGES.PROBLEM_ID.eq(problemId),
            PROBLEM_MESSAGES.FROM_STAFF.isTrue(),
            PROBLEM_MESSAGES.INTERNAL.isFalse(),
            PROBLEM_MESSAGES.ID.lt(beforeId))
        .orderBy(PROBLEM_MESSAGES.ID.desc())
        .limit(1)
        .fetchOptional(PROBLEM_MESSAGES.CREATED_AT);
  }

  /** Marks the thread read up to this message; never moves the mark back. */
  void markRead(long problemId, long readerId, long lastMessageId) {
    shapes.execute(
        "problem-reads.mark",
        () ->
            dsl.insertInto(PROBLEM_READS)
                .set(PROBLEM_READS.PROBLEM_ID, problemId)
                .set(PROBLEM_READS.ACCOUNT_ID, readerId)
                .set(PROBLEM_READS.LAST_MESSAGE_ID, lastMessageId)
                .onDuplicateKeyUpdate()
                .set(
                    PROBLEM_READS.LAST_MESSAGE_ID,
                    DSL.greatest(PROBLEM_READS.LAST_MESSAGE_ID, DSL.val(lastMessageId))),
        List.of(problemId, readerId, lastMessageId, lastMessageId));
  }

  record Stored(ProblemMessagesRecord row, boolean created) {}
}
