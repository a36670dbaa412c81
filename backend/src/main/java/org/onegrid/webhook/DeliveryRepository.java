package org.onegrid.webhook;

import static org.onegrid.db.Tables.WEBHOOK_DELIVERIES;
import static org.onegrid.db.Tables.WEBHOOK_SUBSCRIBERS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
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

  /**
   * The active subscribers with something due: a delivery waiting whose time has come, or one
   * claimed by an instance whose lease ran out. Asked per subscriber (a handful), each answered
   * from an index whatever the number of delivered rows.
   */
  List<Long> subscribersWithDue(Instant now, int limit) {
    return dsl.select(WEBHOOK_SUBSCRIBERS.ID)
        .from(WEBHOOK_SUBSCRIBERS)
        .where(WEBHOOK_SUBSCRIBERS.ACTIVE.isTrue())
        .and(
            DSL.exists(
                    DSL.selectOne()
                        .from(WEBHOOK_DELIVERIES)
                        .where(
                            WEBHOOK_DELIVERIES.SUBSCRIBER_ID.eq(WEBHOOK_SUBSCRIBERS.ID),
                            WEBHOOK_DELIVERIES.STATUS.eq(PENDING),
                            WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT.le(now)))
                .or(
                    DSL.exists(
                        DSL.selectOne()
                            .from(WEBHOOK_DELIVERIES)
                            .where(
                                WEBHOOK_DELIVERIES.SUBSCRIBER_ID.eq(WEBHOOK_SUBSCRIBERS.ID),
                                WEBHOOK_DELIVERIES.STATUS.eq(SENDING),
                                WEBHOOK_DELIVERIES.CLAIMED_UNTIL.lt(now)))))
        .limit(limit)
        .fetch(WEBHOOK_SUBSCRIBERS.ID);
  }

  /**
   * Claims, for a short lease, the subscriber's due deliveries that head their stream (no earlier
   * delivery of the same problem, booking or warning still waits), so each stream goes in order.
   * The heads are found among the subscriber's first {@code window} waiting deliveries, read in the
   * order they were written; a stream whose first delivery lies further back waits for a later
   * round, behind the older ones. The caller holds the subscriber's lock.
   */
  List<WebhookDeliveriesRecord> claimHeads(
      long subscriberId, Instant now, int limit, int window, String instance, Instant leaseUntil) {
    List<WebhookDeliveriesRecord> waiting = new ArrayList<>();
    for (String status : List.of(PENDING, SENDING)) {
      waiting.addAll(
          dsl.selectFrom(WEBHOOK_DELIVERIES)
              .where(
                  WEBHOOK_DELIVERIES.SUBSCRIBER_ID.eq(subscriberId),
                  WEBHOOK_DELIVERIES.STATUS.eq(status))
              .orderBy(WEBHOOK_DELIVERIES.ID)
              .limit(window)
              .fetch());
    }
    waiting.sort(Comparator.comparing(WebhookDeliveriesRecord::getId));
    Set<String> streams = new HashSet<>();
    List<WebhookDeliveriesRecord> heads = new ArrayList<>();
    for (WebhookDeliveriesRecord d : waiting.subList(0, Math.min(window, waiting.size()))) {
      if (streams.add(d.getStreamKey()) && due(d, now)) {
        heads.add(d);
        if (heads.size() == limit) {
          break;
        }
      }
    }
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
  private static boolean due(WebhookDeliveriesRecord d, Instant now) {
    return PENDING.equals(d.getStatus())
        ? !d.getNextAttemptAt().isAfter(now)
        : d.getClaimedUntil() != null && d.getClaimedUntil().isBefore(now);
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
