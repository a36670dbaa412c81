package org.onegrid.webhook;

import static org.onegrid.db.Tables.WEBHOOK_DELIVERIES;
import static org.onegrid.db.Tables.WEBHOOK_SUBSCRIBERS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.WebhookDeliveries;
import org.onegrid.db.tables.records.WebhookDeliveriesRecord;

/** The outbox of events for other systems: one row per event and subscriber. */
@Singleton
class DeliveryRepository {

  static final String PENDING = "PENDING";
  static final String SENDING = "SENDING";
  static final String DELIVERED = "DELIVERED";
  static final String FAILED = "FAILED";

  /** How many deliveries wait, since when the oldest, and how many were given up on. */
  record Backlog(int waiting, @Nullable Instant oldestWaitingSince, int failed) {}

  private final DSLContext dsl;

  DeliveryRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** One delivery of the event to each subscriber, due now. */
  void insert(
      Collection<Long> subscriberIds,
      String eventId,
      String eventType,
      String streamKey,
      String payload,
      Instant now) {
    var insert =
        dsl.insertInto(
            WEBHOOK_DELIVERIES,
            WEBHOOK_DELIVERIES.SUBSCRIBER_ID,
            WEBHOOK_DELIVERIES.EVENT_ID,
            WEBHOOK_DELIVERIES.EVENT_TYPE,
            WEBHOOK_DELIVERIES.STREAM_KEY,
            WEBHOOK_DELIVERIES.PAYLOAD,
            WEBHOOK_DELIVERIES.STATUS,
            WEBHOOK_DELIVERIES.ATTEMPTS,
            WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT,
            WEBHOOK_DELIVERIES.CREATED_AT);
    for (long subscriber : subscriberIds) {
      insert =
          insert.values(subscriber, eventId, eventType, streamKey, payload, PENDING, 0, now, now);
    }
    insert.execute();
  }

  /** The active subscribers with something due, oldest due first. */
  List<Long> subscribersWithDue(Instant now, int limit) {
    return dsl.selectDistinct(WEBHOOK_DELIVERIES.SUBSCRIBER_ID)
        .from(WEBHOOK_DELIVERIES)
        .join(WEBHOOK_SUBSCRIBERS)
        .on(WEBHOOK_SUBSCRIBERS.ID.eq(WEBHOOK_DELIVERIES.SUBSCRIBER_ID))
        .where(WEBHOOK_SUBSCRIBERS.ACTIVE.isTrue(), due(WEBHOOK_DELIVERIES, now))
        .limit(limit)
        .fetch(WEBHOOK_DELIVERIES.SUBSCRIBER_ID);
  }

  /**
   * Claims, for a short lease, the subscriber's due deliveries that head their stream (no earlier
   * delivery of the same problem, booking or warning still waits), so each stream goes in order.
   * The caller holds the subscriber's lock.
   */
  List<WebhookDeliveriesRecord> claimHeads(
      long subscriberId, Instant now, int limit, String instance, Instant leaseUntil) {
    WebhookDeliveries d = WEBHOOK_DELIVERIES.as("d");
    WebhookDeliveries earlier = WEBHOOK_DELIVERIES.as("e");
    List<WebhookDeliveriesRecord> heads =
        dsl.selectFrom(d)
            .where(d.SUBSCRIBER_ID.eq(subscriberId), due(d, now))
            .andNotExists(
                DSL.selectOne()
                    .from(earlier)
                    .where(
                        earlier.SUBSCRIBER_ID.eq(subscriberId),
                        earlier.STREAM_KEY.eq(d.STREAM_KEY),
                        earlier.STATUS.in(PENDING, SENDING),
                        earlier.ID.lt(d.ID)))
            .orderBy(d.ID)
            .limit(limit)
            .fetchInto(WEBHOOK_DELIVERIES);
    if (!heads.isEmpty()) {
      dsl.update(WEBHOOK_DELIVERIES)
          .set(WEBHOOK_DELIVERIES.STATUS, SENDING)
          .set(WEBHOOK_DELIVERIES.CLAIMED_BY, instance)
          .set(WEBHOOK_DELIVERIES.CLAIMED_UNTIL, leaseUntil)
          .set(WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_DELIVERIES.ATTEMPTS.plus(1))
          .where(WEBHOOK_DELIVERIES.ID.in(heads.stream().map(r -> r.getId()).toList()))
          .execute();
    }
    return heads;
  }

  /** Due: waiting and its time has come, or claimed by an instance whose lease ran out. */
  private static org.jooq.Condition due(WebhookDeliveries d, Instant now) {
    return d.STATUS
        .eq(PENDING)
        .and(d.NEXT_ATTEMPT_AT.le(now))
        .or(d.STATUS.eq(SENDING).and(d.CLAIMED_UNTIL.lt(now)));
  }

  void delivered(long id, String instance, int status, Instant now) {
    dsl.update(WEBHOOK_DELIVERIES)
        .set(WEBHOOK_DELIVERIES.STATUS, DELIVERED)
        .set(WEBHOOK_DELIVERIES.DELIVERED_AT, now)
        .set(WEBHOOK_DELIVERIES.LAST_STATUS, status)
        .setNull(WEBHOOK_DELIVERIES.LAST_ERROR)
        .setNull(WEBHOOK_DELIVERIES.CLAIMED_BY)
        .setNull(WEBHOOK_DELIVERIES.CLAIMED_UNTIL)
        .where(WEBHOOK_DELIVERIES.ID.eq(id), WEBHOOK_DELIVERIES.CLAIMED_BY.eq(instance))
        .execute();
  }

  /** A failed attempt: tried again at {@code retryAt}, or given up when that is null. */
  void attemptFailed(
      long id, String instance, int status, String error, @Nullable Instant retryAt) {
    dsl.update(WEBHOOK_DELIVERIES)
        .set(WEBHOOK_DELIVERIES.STATUS, retryAt == null ? FAILED : PENDING)
        .set(
            WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT,
            retryAt == null ? WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT : DSL.val(retryAt))
        .set(WEBHOOK_DELIVERIES.LAST_STATUS, status)
        .set(WEBHOOK_DELIVERIES.LAST_ERROR, error.length() > 500 ? error.substring(0, 500) : error)
        .setNull(WEBHOOK_DELIVERIES.CLAIMED_BY)
        .setNull(WEBHOOK_DELIVERIES.CLAIMED_UNTIL)
        .where(WEBHOOK_DELIVERIES.ID.eq(id), WEBHOOK_DELIVERIES.CLAIMED_BY.eq(instance))
        .execute();
  }

  /** Gives back what this instance claimed and did not send (on shutdown): not an attempt. */
  void release(long id, String instance) {
    dsl.update(WEBHOOK_DELIVERIES)
        .set(WEBHOOK_DELIVERIES.STATUS, PENDING)
        .set(WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_DELIVERIES.ATTEMPTS.minus(1))
        .setNull(WEBHOOK_DELIVERIES.CLAIMED_BY)
        .setNull(WEBHOOK_DELIVERIES.CLAIMED_UNTIL)
        .where(WEBHOOK_DELIVERIES.ID.eq(id), WEBHOOK_DELIVERIES.CLAIMED_BY.eq(instance))
        .execute();
  }

  /** A failed delivery goes again, as if new. */
  boolean retry(long subscriberId, long id, Instant now) {
    return dsl.update(WEBHOOK_DELIVERIES)
            .set(WEBHOOK_DELIVERIES.STATUS, PENDING)
            .set(WEBHOOK_DELIVERIES.ATTEMPTS, 0)
            .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, now)
            .where(
                WEBHOOK_DELIVERIES.ID.eq(id),
                WEBHOOK_DELIVERIES.SUBSCRIBER_ID.eq(subscriberId),
                WEBHOOK_DELIVERIES.STATUS.eq(FAILED))
            .execute()
        == 1;
  }

  Optional<WebhookDeliveriesRecord> findById(long id) {
    return dsl.selectFrom(WEBHOOK_DELIVERIES).where(WEBHOOK_DELIVERIES.ID.eq(id)).fetchOptional();
  }

  /** The subscriber's deliveries, newest first, a page below {@code beforeId}. */
  List<WebhookDeliveriesRecord> page(
      long subscriberId, @Nullable String status, @Nullable Long beforeId, int limit) {
    return dsl.selectFrom(WEBHOOK_DELIVERIES)
        .where(WEBHOOK_DELIVERIES.SUBSCRIBER_ID.eq(subscriberId))
        .and(status == null ? DSL.noCondition() : WEBHOOK_DELIVERIES.STATUS.eq(status))
        .and(beforeId == null ? DSL.noCondition() : WEBHOOK_DELIVERIES.ID.lt(beforeId))
        .orderBy(WEBHOOK_DELIVERIES.ID.desc())
        .limit(limit)
        .fetch();
  }

  /** Forgets delivered rows older than {@code before}, a batch at a time; how many went. */
  int forgetDelivered(Instant before, int batch) {
    return dsl.deleteFrom(WEBHOOK_DELIVERIES)
        .where(WEBHOOK_DELIVERIES.STATUS.eq(DELIVERED), WEBHOOK_DELIVERIES.DELIVERED_AT.lt(before))
        .limit(batch)
        .execute();
  }

  /** What waits for active subscribers (due or between retries), since when, and what failed. */
  Backlog backlog() {
    var row =
        dsl.select(DSL.count(), DSL.min(WEBHOOK_DELIVERIES.CREATED_AT))
            .from(WEBHOOK_SUBSCRIBERS)
            .join(WEBHOOK_DELIVERIES)
            .on(
                WEBHOOK_DELIVERIES.SUBSCRIBER_ID.eq(WEBHOOK_SUBSCRIBERS.ID),
                WEBHOOK_DELIVERIES.STATUS.in(PENDING, SENDING))
            .where(WEBHOOK_SUBSCRIBERS.ACTIVE.isTrue())
            .fetchOne();
    int failed =
        dsl.fetchCount(
            dsl.selectOne()
                .from(WEBHOOK_SUBSCRIBERS)
                .join(WEBHOOK_DELIVERIES)
                .on(
                    WEBHOOK_DELIVERIES.SUBSCRIBER_ID.eq(WEBHOOK_SUBSCRIBERS.ID),
                    WEBHOOK_DELIVERIES.STATUS.eq(FAILED))
                .where(WEBHOOK_SUBSCRIBERS.ACTIVE.isTrue()));
    return new Backlog(row.value1(), row.value2(), failed);
  }
}
