package org.onegrid.reply;

import static org.onegrid.db.Tables.REPLY_TEMPLATES;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.onegrid.platform.Tx;

/** Replies staff keep ready, each owned by one staff member. */
@Singleton
class ReplyTemplateRepository {

  private final DSLContext dsl;
  private final Tx tx;

  ReplyTemplateRepository(DSLContext dsl, Tx tx) {
    this.dsl = dsl;
    this.tx = tx;
  }

  List<ReplyTemplate> findByOwner(long ownerId) {
    return dsl.selectFrom(REPLY_TEMPLATES)
        .where(REPLY_TEMPLATES.OWNER_ID.eq(ownerId))
        .orderBy(REPLY_TEMPLATES.ID)
        .fetch(r -> new ReplyTemplate(r.getId(), r.getBody(), true));
  }

  Optional<ReplyTemplate> findByOwnerAndBody(long ownerId, String body) {
    return dsl.selectFrom(REPLY_TEMPLATES)
        .where(REPLY_TEMPLATES.OWNER_ID.eq(ownerId), REPLY_TEMPLATES.BODY.eq(body))
        .limit(1)
        .fetchOptional(r -> new ReplyTemplate(r.getId(), r.getBody(), true));
  }

  int countByOwner(long ownerId) {
    return dsl.fetchCount(REPLY_TEMPLATES, REPLY_TEMPLATES.OWNER_ID.eq(ownerId));
  }

  /** Stores the text for its owner unless they already keep it; returns the kept one. */
  ReplyTemplate insertOnce(long ownerId, String body, Instant now) {
    return tx.run(
        () -> {
          dsl.insertInto(REPLY_TEMPLATES)
              .set(REPLY_TEMPLATES.OWNER_ID, ownerId)
              .set(REPLY_TEMPLATES.BODY, body)
              .set(REPLY_TEMPLATES.CREATED_AT, now)
              .onDuplicateKeyIgnore()
              .execute();
          return findByOwnerAndBody(ownerId, body).orElseThrow();
        });
  }

  boolean delete(long id, long ownerId) {
    return dsl.deleteFrom(REPLY_TEMPLATES)
            .where(REPLY_TEMPLATES.ID.eq(id), REPLY_TEMPLATES.OWNER_ID.eq(ownerId))
            .execute()
        == 1;
  }
}
