package org.onegrid.association;

import static org.onegrid.db.Tables.ACTIVITIES;
import static org.onegrid.db.Tables.ACTIVITY_SIGNUPS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.ActivitiesRecord;
import org.onegrid.platform.Tx;

/** Activities and who signed up for them. */
@Singleton
class ActivityRepository {

  private final DSLContext dsl;
  private final Tx tx;

  ActivityRepository(DSLContext dsl, Tx tx) {
    this.dsl = dsl;
    this.tx = tx;
  }

  long insert(
      @Nullable Long associationId,
      long communityId,
      @Nullable Long seriesId,
      ActivityService.NewActivity a,
      Instant startsAt,
      Instant endsAt,
      Instant deadline,
      long createdBy,
      Instant now) {
    return tx.insertReturningId(
        dsl.insertInto(ACTIVITIES)
            .set(ACTIVITIES.ASSOCIATION_ID, associationId)
            .set(ACTIVITIES.COMMUNITY_ID, communityId)
            .set(ACTIVITIES.SERIES_ID, seriesId)
            .set(ACTIVITIES.TITLE, a.title())
            .set(ACTIVITIES.DESCRIPTION, a.description())
            .set(ACTIVITIES.PLACE, a.place())
            .set(ACTIVITIES.STARTS_AT, startsAt)
            .set(ACTIVITIES.ENDS_AT, endsAt)
            .set(ACTIVITIES.SIGNUP_DEADLINE, deadline)
            .set(ACTIVITIES.CAPACITY, a.capacity())
            .set(ACTIVITIES.CREATED_BY, createdBy)
            .set(ACTIVITIES.CREATED_AT, now),
        ACTIVITIES.ID);
  }

  void setSeries(long id, long seriesId) {
    dsl.update(ACTIVITIES)
        .set(ACTIVITIES.SERIES_ID, seriesId)
        .where(ACTIVITIES.ID.eq(id))
        .execute();
  }

  Optional<Activity> findById(long id) {
    return dsl.selectFrom(ACTIVITIES)
        .where(ACTIVITIES.ID.eq(id))
        .fetchOptional(ActivityRepository::toActivity);
  }

  /**
   * Locks the activity's row by writing it: sign-ups and cancellations of one activity queue behind
   * it on one server, and conflict (and are retried) across the nodes of a Galera cluster.
   */
  Optional<Activity> lock(long id) {
    dsl.update(ACTIVITIES)
        .set(ACTIVITIES.LOCK_VERSION, ACTIVITIES.LOCK_VERSION.plus(1))
        .where(ACTIVITIES.ID.eq(id))
        .execute();
    return dsl.selectFrom(ACTIVITIES)
        .where(ACTIVITIES.ID.eq(id))
        .forUpdate()
        .fetchOptional(ActivityRepository::toActivity);
  }

  /** An association's activities from {@code from} on, soonest first. */
  List<Activity> findByAssociation(long associationId, Instant from, int limit) {
    return dsl.selectFrom(ACTIVITIES)
        .where(ACTIVITIES.ASSOCIATION_ID.eq(associationId), ACTIVITIES.ENDS_AT.ge(from))
        .orderBy(ACTIVITIES.STARTS_AT, ACTIVITIES.ID)
        .limit(limit)
        .fetch(ActivityRepository::toActivity);
  }

  /** A community's own activities (not an association's) from {@code from} on, soonest first. */
  List<Activity> findByCommunity(long communityId, Instant from, int limit) {
    return dsl.selectFrom(ACTIVITIES)
        .where(
            ACTIVITIES.COMMUNITY_ID.eq(communityId),
            ACTIVITIES.ASSOCIATION_ID.isNull(),
            ACTIVITIES.ENDS_AT.ge(from))
        .orderBy(ACTIVITIES.STARTS_AT, ACTIVITIES.ID)
        .limit(limit)
        .fetch(ActivityRepository::toActivity);
  }

  /** Activities this person signed up or waits for, from {@code from} on, soonest first. */
  List<Activity> findOfPerson(long accountId, Instant from, int limit) {
    return dsl.select(ACTIVITIES.fields())
        .from(ACTIVITIES)
        .join(ACTIVITY_SIGNUPS)
        .on(ACTIVITY_SIGNUPS.ACTIVITY_ID.eq(ACTIVITIES.ID))
        .where(
            ACTIVITY_SIGNUPS.ACCOUNT_ID.eq(accountId),
            ACTIVITY_SIGNUPS.STATUS.in(
                Activity.SignupStatus.SIGNED_UP.name(), Activity.SignupStatus.WAITING.name()),
            ACTIVITIES.ENDS_AT.ge(from))
        .orderBy(ACTIVITIES.STARTS_AT, ACTIVITIES.ID)
        .limit(limit)
        .fetch(r -> toActivity(r.into(ACTIVITIES)));
  }

  int countSignedUp(long activityId) {
    return dsl.fetchCount(
        ACTIVITY_SIGNUPS,
        ACTIVITY_SIGNUPS.ACTIVITY_ID.eq(activityId),
        ACTIVITY_SIGNUPS.STATUS.eq(Activity.SignupStatus.SIGNED_UP.name()));
  }

  Map<Long, Integer> countSignedUp(Collection<Long> activityIds) {
    if (activityIds.isEmpty()) {
      return Map.of();
    }
    return dsl.select(ACTIVITY_SIGNUPS.ACTIVITY_ID, DSL.count())
        .from(ACTIVITY_SIGNUPS)
        .where(
            ACTIVITY_SIGNUPS.ACTIVITY_ID.in(activityIds),
            ACTIVITY_SIGNUPS.STATUS.eq(Activity.SignupStatus.SIGNED_UP.name()))
        .groupBy(ACTIVITY_SIGNUPS.ACTIVITY_ID)
        .fetchMap(ACTIVITY_SIGNUPS.ACTIVITY_ID, DSL.count());
  }

  Map<Long, String> findStatuses(long accountId, Collection<Long> activityIds) {
    if (activityIds.isEmpty()) {
      return Map.of();
    }
    return dsl.select(ACTIVITY_SIGNUPS.ACTIVITY_ID, ACTIVITY_SIGNUPS.STATUS)
        .from(ACTIVITY_SIGNUPS)
        .where(
            ACTIVITY_SIGNUPS.ACCOUNT_ID.eq(accountId), ACTIVITY_SIGNUPS.ACTIVITY_ID.in(activityIds))
        .fetchMap(ACTIVITY_SIGNUPS.ACTIVITY_ID, ACTIVITY_SIGNUPS.STATUS);
  }

  Optional<Activity.SignupStatus> findStatus(long activityId, long accountId) {
    return dsl.select(ACTIVITY_SIGNUPS.STATUS)
        .from(ACTIVITY_SIGNUPS)
        .where(
            ACTIVITY_SIGNUPS.ACTIVITY_ID.eq(activityId), ACTIVITY_SIGNUPS.ACCOUNT_ID.eq(accountId))
        .fetchOptional(r -> Activity.SignupStatus.valueOf(r.value1()));
  }

  void setStatus(long activityId, long accountId, Activity.SignupStatus status, Instant now) {
    dsl.insertInto(ACTIVITY_SIGNUPS)
        .set(ACTIVITY_SIGNUPS.ACTIVITY_ID, activityId)
        .set(ACTIVITY_SIGNUPS.ACCOUNT_ID, accountId)
        .set(ACTIVITY_SIGNUPS.STATUS, status.name())
        .set(ACTIVITY_SIGNUPS.SIGNED_UP_AT, now)
        .set(ACTIVITY_SIGNUPS.UPDATED_AT, now)
        .onDuplicateKeyUpdate()
        .set(ACTIVITY_SIGNUPS.STATUS, status.name())
        .set(ACTIVITY_SIGNUPS.UPDATED_AT, now)
        .execute();
  }

  /** A returning person queues from now. */
  void requeue(long activityId, long accountId, Instant now) {
    dsl.update(ACTIVITY_SIGNUPS)
        .set(ACTIVITY_SIGNUPS.SIGNED_UP_AT, now)
        .where(
            ACTIVITY_SIGNUPS.ACTIVITY_ID.eq(activityId), ACTIVITY_SIGNUPS.ACCOUNT_ID.eq(accountId))
        .execute();
  }

  Optional<Long> findFirstWaiting(long activityId) {
    return dsl.select(ACTIVITY_SIGNUPS.ACCOUNT_ID)
        .from(ACTIVITY_SIGNUPS)
        .where(
            ACTIVITY_SIGNUPS.ACTIVITY_ID.eq(activityId),
            ACTIVITY_SIGNUPS.STATUS.eq(Activity.SignupStatus.WAITING.name()))
        .orderBy(ACTIVITY_SIGNUPS.SIGNED_UP_AT, ACTIVITY_SIGNUPS.ACCOUNT_ID)
        .limit(1)
        .fetchOptional(ACTIVITY_SIGNUPS.ACCOUNT_ID);
  }

  /** Changes what an activity is, when and where; a new time makes its reminder due again. */
  void update(
      long id,
      String title,
      String description,
      String place,
      Instant startsAt,
      Instant endsAt,
      Instant signupDeadline,
      int capacity,
      boolean remindAgain) {
    var update =
        dsl.update(ACTIVITIES)
            .set(ACTIVITIES.TITLE, title)
            .set(ACTIVITIES.DESCRIPTION, description)
            .set(ACTIVITIES.PLACE, place)
            .set(ACTIVITIES.STARTS_AT, startsAt)
            .set(ACTIVITIES.ENDS_AT, endsAt)
            .set(ACTIVITIES.SIGNUP_DEADLINE, signupDeadline)
            .set(ACTIVITIES.CAPACITY, capacity);
    if (remindAgain) {
      update = update.setNull(ACTIVITIES.REMINDED_AT);
    }
    update.where(ACTIVITIES.ID.eq(id)).execute();
  }

  /** Calls the activity off; false when it already was. */
  boolean callOff(long id, Instant now) {
    return dsl.update(ACTIVITIES)
            .set(ACTIVITIES.CANCELLED_AT, now)
            .where(ACTIVITIES.ID.eq(id), ACTIVITIES.CANCELLED_AT.isNull())
            .execute()
        == 1;
  }

  boolean checkIn(long activityId, long accountId, Instant now) {
    return dsl.update(ACTIVITY_SIGNUPS)
            .set(ACTIVITY_SIGNUPS.CHECKED_IN_AT, now)
            .where(
                ACTIVITY_SIGNUPS.ACTIVITY_ID.eq(activityId),
                ACTIVITY_SIGNUPS.ACCOUNT_ID.eq(accountId),
                ACTIVITY_SIGNUPS.STATUS.eq(Activity.SignupStatus.SIGNED_UP.name()),
                ACTIVITY_SIGNUPS.CHECKED_IN_AT.isNull())
            .execute()
        == 1;
  }

  /** Everyone signed up or waiting, in the order they signed up. */
  List<Signup> findSignups(long activityId) {
    return dsl.selectFrom(ACTIVITY_SIGNUPS)
        .where(
            ACTIVITY_SIGNUPS.ACTIVITY_ID.eq(activityId),
            ACTIVITY_SIGNUPS.STATUS.ne(Activity.SignupStatus.CANCELLED.name()))
        .orderBy(ACTIVITY_SIGNUPS.SIGNED_UP_AT, ACTIVITY_SIGNUPS.ACCOUNT_ID)
        .fetch(
            r ->
                new Signup(
                    r.getAccountId(),
                    Activity.SignupStatus.valueOf(r.getStatus()),
                    r.getSignedUpAt(),
                    r.getCheckedInAt()));
  }

  /** Activities starting before {@code until} (and not yet begun) whose reminder has not gone. */
  List<Long> findDueForReminder(Instant now, Instant until, int limit) {
    return dsl.select(ACTIVITIES.ID)
        .from(ACTIVITIES)
        .where(
            ACTIVITIES.REMINDED_AT.isNull(),
            ACTIVITIES.CANCELLED_AT.isNull(),
            ACTIVITIES.STARTS_AT.gt(DSL.val(now, ACTIVITIES.STARTS_AT)),
            ACTIVITIES.STARTS_AT.le(DSL.val(until, ACTIVITIES.STARTS_AT)))
        .orderBy(ACTIVITIES.STARTS_AT)
        .limit(limit)
        .fetch(ACTIVITIES.ID);
  }

  /** Marks the reminder sent; of several instances exactly one wins. */
  boolean claimReminder(long id, Instant now) {
    return dsl.update(ACTIVITIES)
            .set(ACTIVITIES.REMINDED_AT, now)
            .where(ACTIVITIES.ID.eq(id), ACTIVITIES.REMINDED_AT.isNull())
            .execute()
        == 1;
  }

  private static Activity toActivity(ActivitiesRecord r) {
    return new Activity(
        r.getId(),
        r.getAssociationId(),
        r.getCommunityId(),
        r.getSeriesId(),
        r.getTitle(),
        r.getDescription(),
        r.getPlace(),
        r.getStartsAt(),
        r.getEndsAt(),
        r.getSignupDeadline(),
        r.getCapacity(),
        r.getCreatedBy(),
        r.getCancelledAt());
  }

  /** One person signed up or waiting. */
  record Signup(
      long accountId,
      Activity.SignupStatus status,
      Instant signedUpAt,
      @Nullable Instant checkedInAt) {}
}
