package org.onegrid.webhook;

import static org.onegrid.db.Tables.GRID_NODES;
import static org.onegrid.db.Tables.WEBHOOK_DELIVERIES;
import static org.onegrid.db.Tables.WEBHOOK_SUBSCRIBERS;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;
import org.onegrid.platform.RecentReads;
import org.onegrid.platform.Tx;

/** The systems that follow events, their secrets, and how their deliveries stand. */
@Singleton
class SubscriberRepository {

  /** An active subscriber as the feed matches events to it. */
  record Interest(long id, String nodePath, List<String> events) {}

  /** The one key {@link #recent} keeps the active list under. */
  private static final long ACTIVE = 0L;

  private final DSLContext dsl;
  private final Tx tx;
  private final RecentReads<List<Interest>> recent;

  SubscriberRepository(
      DSLContext dsl, Tx tx, @Value("${onegrid.sessions.check-every:5s}") Duration recentFor) {
    this.dsl = dsl;
    this.tx = tx;
    this.recent = new RecentReads<>(recentFor, 1);
  }

  long insert(
      String name,
      String url,
      String secret,
      long nodeId,
      String nodePath,
      List<String> events,
      long createdBy,
      Instant now) {
    recent.forget(ACTIVE);
    return tx.insertReturningId(
        dsl.insertInto(WEBHOOK_SUBSCRIBERS)
            .set(WEBHOOK_SUBSCRIBERS.NAME, name)
            .set(WEBHOOK_SUBSCRIBERS.URL, url)
            .set(WEBHOOK_SUBSCRIBERS.SECRET, secret)
            .set(WEBHOOK_SUBSCRIBERS.NODE_ID, nodeId)
            .set(WEBHOOK_SUBSCRIBERS.NODE_PATH, nodePath)
            .set(WEBHOOK_SUBSCRIBERS.EVENT_TYPES, String.join(",", events))
            .set(WEBHOOK_SUBSCRIBERS.ACTIVE, true)
            .set(WEBHOOK_SUBSCRIBERS.CREATED_BY, createdBy)
            .set(WEBHOOK_SUBSCRIBERS.CREATED_AT, now),
        WEBHOOK_SUBSCRIBERS.ID);
  }

  /**
   * The active subscribers: a handful, needed by every change that publishes an event, so read
   * again only after {@code check-every} ({@link RecentReads}): one registered or disabled on this
   * instance counts at once, on another within that time.
   */
  List<Interest> active() {
    return recent.get(ACTIVE, ignored -> Optional.of(readActive())).orElseThrow();
  }

  private List<Interest> readActive() {
    return List.copyOf(
        dsl.select(
                WEBHOOK_SUBSCRIBERS.ID,
                WEBHOOK_SUBSCRIBERS.NODE_PATH,
                WEBHOOK_SUBSCRIBERS.EVENT_TYPES)
            .from(WEBHOOK_SUBSCRIBERS)
            .where(WEBHOOK_SUBSCRIBERS.ACTIVE.isTrue())
            .fetch(r -> new Interest(r.value1(), r.value2(), List.of(r.value3().split(",")))));
  }

  Optional<Subscriber> findById(long id) {
    return select()
        .where(WEBHOOK_SUBSCRIBERS.ID.eq(id))
        .fetchOptional(SubscriberRepository::toView);
  }

  List<Subscriber> findAll() {
    return select()
        .orderBy(WEBHOOK_SUBSCRIBERS.ACTIVE.desc(), WEBHOOK_SUBSCRIBERS.ID.desc())
        .fetch(SubscriberRepository::toView);
  }

  /** The url and secret of an active subscriber, for signing a delivery. */
  Optional<Target> target(long id) {
    return dsl.select(WEBHOOK_SUBSCRIBERS.URL, WEBHOOK_SUBSCRIBERS.SECRET)
        .from(WEBHOOK_SUBSCRIBERS)
        .where(WEBHOOK_SUBSCRIBERS.ID.eq(id), WEBHOOK_SUBSCRIBERS.ACTIVE.isTrue())
        .fetchOptional(r -> new Target(r.value1(), r.value2()));
  }

  record Target(String url, String secret) {}

  /**
   * Locks an active subscriber's row for this transaction unless another instance holds it: the one
   * that holds it claims the subscriber's deliveries, so two never send one stream at once.
   */
  boolean lockIfFree(long id) {
    return dsl.select(WEBHOOK_SUBSCRIBERS.ID)
        .from(WEBHOOK_SUBSCRIBERS)
        .where(WEBHOOK_SUBSCRIBERS.ID.eq(id), WEBHOOK_SUBSCRIBERS.ACTIVE.isTrue())
        .forUpdate()
        .skipLocked()
        .fetchOptional()
        .isPresent();
  }

  boolean disable(long id, Instant now) {
    recent.forget(ACTIVE);
    return dsl.update(WEBHOOK_SUBSCRIBERS)
            .set(WEBHOOK_SUBSCRIBERS.ACTIVE, false)
            .set(WEBHOOK_SUBSCRIBERS.DISABLED_AT, now)
            .where(WEBHOOK_SUBSCRIBERS.ID.eq(id), WEBHOOK_SUBSCRIBERS.ACTIVE.isTrue())
            .execute()
        == 1;
  }

  private SelectJoinStep<Record> select() {
    Field<Integer> pending = countOf(DeliveryRepository.PENDING, DeliveryRepository.SENDING);
    Field<Integer> failed = countOf(DeliveryRepository.FAILED);
    return dsl.select(WEBHOOK_SUBSCRIBERS.fields())
        .select(GRID_NODES.NAME, pending.as("pending"), failed.as("failed"))
        .select(
            latest(WEBHOOK_DELIVERIES.LAST_STATUS, WEBHOOK_DELIVERIES.ATTEMPTS.gt(0))
                .as("last_status"),
            latest(WEBHOOK_DELIVERIES.LAST_ERROR, WEBHOOK_DELIVERIES.ATTEMPTS.gt(0))
                .as("last_error"),
            latest(
                    WEBHOOK_DELIVERIES.DELIVERED_AT,
                    WEBHOOK_DELIVERIES.STATUS.eq(DeliveryRepository.DELIVERED))
                .as("last_delivered_at"))
        .from(WEBHOOK_SUBSCRIBERS)
        .join(GRID_NODES)
        .on(GRID_NODES.ID.eq(WEBHOOK_SUBSCRIBERS.NODE_ID));
  }

  /** The column of the subscriber's latest delivery that meets the condition. */
  private static <T> Field<T> latest(Field<T> column, Condition condition) {
    return DSL.field(
        DSL.select(column)
            .from(WEBHOOK_DELIVERIES)
            .where(WEBHOOK_DELIVERIES.SUBSCRIBER_ID.eq(WEBHOOK_SUBSCRIBERS.ID), condition)
            .orderBy(WEBHOOK_DELIVERIES.ID.desc())
            .limit(1));
  }

  private static Field<Integer> countOf(String... statuses) {
    return DSL.field(
        DSL.selectCount()
            .from(WEBHOOK_DELIVERIES)
            .where(
                WEBHOOK_DELIVERIES.SUBSCRIBER_ID.eq(WEBHOOK_SUBSCRIBERS.ID),
                WEBHOOK_DELIVERIES.STATUS.in(statuses)));
  }

  private static Subscriber toView(Record r) {
    return new Subscriber(
        r.get(WEBHOOK_SUBSCRIBERS.ID),
        r.get(WEBHOOK_SUBSCRIBERS.NAME),
        r.get(WEBHOOK_SUBSCRIBERS.URL),
        r.get(WEBHOOK_SUBSCRIBERS.NODE_ID),
        r.get(GRID_NODES.NAME),
        Arrays.asList(r.get(WEBHOOK_SUBSCRIBERS.EVENT_TYPES).split(",")),
        r.get(WEBHOOK_SUBSCRIBERS.ACTIVE),
        r.get(WEBHOOK_SUBSCRIBERS.CREATED_AT),
        r.get(WEBHOOK_SUBSCRIBERS.DISABLED_AT),
        r.get("pending", Integer.class),
        r.get("failed", Integer.class),
        r.get("last_status", Integer.class),
        r.get("last_error", String.class),
        r.get("last_delivered_at", Instant.class));
  }
}
