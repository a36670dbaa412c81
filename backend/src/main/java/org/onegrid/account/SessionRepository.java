package org.onegrid.account;

import static org.onegrid.db.Tables.SESSIONS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.platform.SqlShapes;

/** Session rows: one per sign-in, revoked by sign-out or a password change. */
@Singleton
class SessionRepository {

  private final DSLContext dsl;
  private final SqlShapes shapes;

  SessionRepository(DSLContext dsl, SqlShapes shapes) {
    this.dsl = dsl;
    this.shapes = shapes;
  }

  void insert(
      String id, long accountId, Instant now, Instant expiresAt, @Nullable String userAgent) {
    dsl.insertInto(SESSIONS)
        .set(SESSIONS.ID, id)
        .set(SESSIONS.ACCOUNT_ID, accountId)
        .set(SESSIONS.CREATED_AT, now)
        .set(SESSIONS.EXPIRES_AT, expiresAt)
        .set(SESSIONS.USER_AGENT, userAgent)
        .execute();
  }

  /** Whether the session exists for this account, is not revoked and has not expired. */
  boolean isLive(String id, long accountId, Instant now) {
    // Asked for every signed-in request not checked in the last seconds: one kept shape.
    return shapes
        .fetch(
            "sessions.live",
            () ->
                dsl.select(SESSIONS.ID)
                    .from(SESSIONS)
                    .where(
                        SESSIONS.ID.eq(id),
                        SESSIONS.ACCOUNT_ID.eq(accountId),
                        SESSIONS.REVOKED_AT.isNull(),
                        SESSIONS.EXPIRES_AT.gt(DSL.val(now, SESSIONS.EXPIRES_AT))),
            List.of(id, accountId, now))
        .isNotEmpty();
  }

  void revoke(String id, Instant now) {
    dsl.update(SESSIONS)
        .set(SESSIONS.REVOKED_AT, now)
        .where(SESSIONS.ID.eq(id), SESSIONS.REVOKED_AT.isNull())
        .execute();
  }

  /** Revokes every live session of the account except {@code keep} (null: all of them). */
  int revokeAll(long accountId, @Nullable String keep, Instant now) {
    return dsl.update(SESSIONS)
        .set(SESSIONS.REVOKED_AT, now)
        .where(SESSIONS.ACCOUNT_ID.eq(accountId), SESSIONS.REVOKED_AT.isNull())
        .and(keep == null ? DSL.noCondition() : SESSIONS.ID.ne(keep))
        .execute();
  }

  int deleteEndedBefore(Instant before) {
    return dsl.deleteFrom(SESSIONS).where(SESSIONS.EXPIRES_AT.lt(before)).limit(10_000).execute();
  }
}
