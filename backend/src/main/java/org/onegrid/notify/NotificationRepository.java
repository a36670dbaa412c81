package org.onegrid.notify;

import static org.onegrid.db.Tables.NOTIFICATIONS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.platform.SqlShapes;

@Singleton
class NotificationRepository {

  private final DSLContext dsl;
  private final SqlShapes shapes;

  NotificationRepository(DSLContext dsl, SqlShapes shapes) {
    this.dsl = dsl;
    this.shapes = shapes;
  }

  void insert(long accountId, String body, @Nullable String link, Instant now) {
    // One on every report, reply and booking: a kept shape (SqlShapes).
    shapes.execute(
        "notifications.insert",
        () ->
            dsl.insertInto(NOTIFICATIONS)
                .set(NOTIFICATIONS.ACCOUNT_ID, accountId)
                .set(NOTIFICATIONS.BODY, body)
                .set(NOTIFICATIONS.LINK, link)
                .set(NOTIFICATIONS.CREATED_AT, now),
        Arrays.asList(accountId, body, link, now));
  }

  List<Notification> findByAccount(long accountId, @Nullable Long beforeId, int limit) {
    return dsl.selectFrom(NOTIFICATIONS)
        .where(NOTIFICATIONS.ACCOUNT_ID.eq(accountId))
        .and(beforeId == null ? DSL.noCondition() : NOTIFICATIONS.ID.lt(beforeId))
        .orderBy(NOTIFICATIONS.ID.desc())
        .limit(limit)
        .fetch(
            r ->
                new Notification(
                    r.getId(), r.getBody(), r.getLink(), r.getCreatedAt(), r.getReadAt() != null));
  }

  int countUnread(long accountId) {
    return dsl.fetchCount(
        NOTIFICATIONS, NOTIFICATIONS.ACCOUNT_ID.eq(accountId), NOTIFICATIONS.READ_AT.isNull());
  }

  void markAllRead(long accountId, Instant now) {
    dsl.update(NOTIFICATIONS)
        .set(NOTIFICATIONS.READ_AT, now)
        .where(NOTIFICATIONS.ACCOUNT_ID.eq(accountId), NOTIFICATIONS.READ_AT.isNull())
        .execute();
  }
}
