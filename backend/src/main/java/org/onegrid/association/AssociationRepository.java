package org.onegrid.association;

import static org.onegrid.db.Tables.ASSOCIATIONS;
import static org.onegrid.db.Tables.ASSOCIATION_ANNOUNCEMENTS;
import static org.onegrid.db.Tables.ASSOCIATION_EVENTS;
import static org.onegrid.db.Tables.ASSOCIATION_MEMBERS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.AssociationsRecord;
import org.onegrid.platform.Tx;

/** Associations, their members and the events of both. */
@Singleton
class AssociationRepository {

  private final DSLContext dsl;
  private final Tx tx;

  AssociationRepository(DSLContext dsl, Tx tx) {
    this.dsl = dsl;
    this.tx = tx;
  }

  long insert(AssociationService.NewAssociation a, long createdBy, Instant now) {
    return tx.insertReturningId(
        dsl.insertInto(ASSOCIATIONS)
            .set(ASSOCIATIONS.COMMUNITY_ID, a.communityId())
            .set(ASSOCIATIONS.OPEN_TO_NEIGHBOURS, a.openToNeighbours())
            .set(ASSOCIATIONS.NAME, a.name())
            .set(ASSOCIATIONS.KIND, a.kind().name())
            .set(ASSOCIATIONS.DESCRIPTION, a.description())
            .set(ASSOCIATIONS.COVER_PHOTO_ID, (Long) null)
            .set(ASSOCIATIONS.ORGANISER_ID, a.organiserId())
            .set(ASSOCIATIONS.MEETING_TIME, a.meetingTime())
            .set(ASSOCIATIONS.MEETING_PLACE, a.meetingPlace())
            .set(ASSOCIATIONS.MEMBER_LIMIT, a.memberLimit())
            .set(ASSOCIATIONS.JOIN_POLICY, a.joinPolicy().name())
            .set(ASSOCIATIONS.CREATED_BY, createdBy)
            .set(ASSOCIATIONS.CREATED_AT, now)
            .set(ASSOCIATIONS.UPDATED_AT, now),
        ASSOCIATIONS.ID);
  }

  Optional<Association> findById(long id) {
    return dsl.selectFrom(ASSOCIATIONS)
        .where(ASSOCIATIONS.ID.eq(id))
        .fetchOptional(AssociationRepository::toAssociation);
  }

  /**
   * Locks the association's row by writing it: joins and departures of one association queue behind
   * it on one server, and conflict (and are retried) across the nodes of a Galera cluster.
   */
  Optional<Association> lock(long id) {
    dsl.update(ASSOCIATIONS)
        .set(ASSOCIATIONS.LOCK_VERSION, ASSOCIATIONS.LOCK_VERSION.plus(1))
        .where(ASSOCIATIONS.ID.eq(id))
        .execute();
    return dsl.selectFrom(ASSOCIATIONS)
        .where(ASSOCIATIONS.ID.eq(id))
        .forUpdate()
        .fetchOptional(AssociationRepository::toAssociation);
  }

  /** Associations of these communities, by name, optionally matching words, a page at a time. */
  List<Association> findInCommunities(
      Collection<Long> communityIds, @Nullable String text, @Nullable Long afterId, int limit) {
    return dsl.selectFrom(ASSOCIATIONS)
        .where(ASSOCIATIONS.COMMUNITY_ID.in(communityIds))
        .and(
            text == null
                ? DSL.noCondition()
                : ASSOCIATIONS.NAME.contains(text).or(ASSOCIATIONS.DESCRIPTION.contains(text)))
        .and(afterId == null ? DSL.noCondition() : ASSOCIATIONS.ID.gt(afterId))
        .orderBy(ASSOCIATIONS.ID)
        .limit(limit)
        .fetch(AssociationRepository::toAssociation);
  }

  /** Associations of other communities in these that welcome neighbours. */
  List<Association> findOpenToNeighbours(Collection<Long> communityIds, @Nullable String text) {
    return dsl.selectFrom(ASSOCIATIONS)
        .where(ASSOCIATIONS.COMMUNITY_ID.in(communityIds), ASSOCIATIONS.OPEN_TO_NEIGHBOURS.isTrue())
        .and(
            text == null
                ? DSL.noCondition()
                : ASSOCIATIONS.NAME.contains(text).or(ASSOCIATIONS.DESCRIPTION.contains(text)))
        .orderBy(ASSOCIATIONS.ID)
        .limit(50)
        .fetch(AssociationRepository::toAssociation);
  }

  Optional<Association.MemberStatus> findStatus(long associationId, long accountId) {
    return dsl.select(ASSOCIATION_MEMBERS.STATUS)
        .from(ASSOCIATION_MEMBERS)
        .where(
            ASSOCIATION_MEMBERS.ASSOCIATION_ID.eq(associationId),
            ASSOCIATION_MEMBERS.ACCOUNT_ID.eq(accountId))
        .fetchOptional(r -> Association.MemberStatus.valueOf(r.value1()));
  }

  /** The viewer's standing in each of these associations. */
  Map<Long, String> findStatuses(long accountId, Collection<Long> associationIds) {
    if (associationIds.isEmpty()) {
      return Map.of();
    }
    return dsl.select(ASSOCIATION_MEMBERS.ASSOCIATION_ID, ASSOCIATION_MEMBERS.STATUS)
        .from(ASSOCIATION_MEMBERS)
        .where(
            ASSOCIATION_MEMBERS.ACCOUNT_ID.eq(accountId),
            ASSOCIATION_MEMBERS.ASSOCIATION_ID.in(associationIds))
        .fetchMap(ASSOCIATION_MEMBERS.ASSOCIATION_ID, ASSOCIATION_MEMBERS.STATUS);
  }

  int countMembers(long associationId) {
    return dsl.fetchCount(
        ASSOCIATION_MEMBERS,
        ASSOCIATION_MEMBERS.ASSOCIATION_ID.eq(associationId),
        ASSOCIATION_MEMBERS.STATUS.eq(Association.MemberStatus.MEMBER.name()));
  }

  Map<Long, Integer> countMembers(Collection<Long> associationIds) {
    if (associationIds.isEmpty()) {
      return Map.of();
    }
    return dsl.select(ASSOCIATION_MEMBERS.ASSOCIATION_ID, DSL.count())
        .from(ASSOCIATION_MEMBERS)
        .where(
            ASSOCIATION_MEMBERS.ASSOCIATION_ID.in(associationIds),
            ASSOCIATION_MEMBERS.STATUS.eq(Association.MemberStatus.MEMBER.name()))
        .groupBy(ASSOCIATION_MEMBERS.ASSOCIATION_ID)
        .fetchMap(ASSOCIATION_MEMBERS.ASSOCIATION_ID, DSL.count());
  }

  void setStatus(
      long associationId,
      long accountId,
      Association.MemberStatus status,
      @Nullable String reason,
      Instant now) {
    dsl.insertInto(ASSOCIATION_MEMBERS)
        .set(ASSOCIATION_MEMBERS.ASSOCIATION_ID, associationId)
        .set(ASSOCIATION_MEMBERS.ACCOUNT_ID, accountId)
        .set(ASSOCIATION_MEMBERS.STATUS, status.name())
        .set(ASSOCIATION_MEMBERS.REASON, reason)
        .set(ASSOCIATION_MEMBERS.REQUESTED_AT, now)
        .set(ASSOCIATION_MEMBERS.UPDATED_AT, now)
        .onDuplicateKeyUpdate()
        .set(ASSOCIATION_MEMBERS.STATUS, status.name())
        .set(ASSOCIATION_MEMBERS.REASON, reason)
        .set(ASSOCIATION_MEMBERS.UPDATED_AT, now)
        .execute();
  }

  /** Re-queues a returning person: their place in line is from now. */
  void requeue(long associationId, long accountId, Instant now) {
    dsl.update(ASSOCIATION_MEMBERS)
        .set(ASSOCIATION_MEMBERS.REQUESTED_AT, now)
        .where(
            ASSOCIATION_MEMBERS.ASSOCIATION_ID.eq(associationId),
            ASSOCIATION_MEMBERS.ACCOUNT_ID.eq(accountId))
        .execute();
  }

  /** The longest waiting person on the waiting list, if any. */
  Optional<Long> findFirstWaiting(long associationId) {
    return dsl.select(ASSOCIATION_MEMBERS.ACCOUNT_ID)
        .from(ASSOCIATION_MEMBERS)
        .where(
            ASSOCIATION_MEMBERS.ASSOCIATION_ID.eq(associationId),
            ASSOCIATION_MEMBERS.STATUS.eq(Association.MemberStatus.WAITING.name()))
        .orderBy(ASSOCIATION_MEMBERS.REQUESTED_AT, ASSOCIATION_MEMBERS.ACCOUNT_ID)
        .limit(1)
        .fetchOptional(ASSOCIATION_MEMBERS.ACCOUNT_ID);
  }

  /** Members, applicants and the waiting list, in the order they asked. */
  List<Member> findPeople(long associationId) {
    return dsl.select(
            ASSOCIATION_MEMBERS.ACCOUNT_ID,
            ASSOCIATION_MEMBERS.STATUS,
            ASSOCIATION_MEMBERS.REASON,
            ASSOCIATION_MEMBERS.REQUESTED_AT)
        .from(ASSOCIATION_MEMBERS)
        .where(
            ASSOCIATION_MEMBERS.ASSOCIATION_ID.eq(associationId),
            ASSOCIATION_MEMBERS.STATUS.in(
                Association.MemberStatus.MEMBER.name(),
                Association.MemberStatus.PENDING.name(),
                Association.MemberStatus.WAITING.name()))
        .orderBy(ASSOCIATION_MEMBERS.REQUESTED_AT, ASSOCIATION_MEMBERS.ACCOUNT_ID)
        .limit(2000)
        .fetch(
            r ->
                new Member(
                    r.value1(),
                    Association.MemberStatus.valueOf(r.value2()),
                    r.value3(),
                    r.value4()));
  }

  List<Long> findMemberIds(long associationId) {
    return dsl.select(ASSOCIATION_MEMBERS.ACCOUNT_ID)
        .from(ASSOCIATION_MEMBERS)
        .where(
            ASSOCIATION_MEMBERS.ASSOCIATION_ID.eq(associationId),
            ASSOCIATION_MEMBERS.STATUS.eq(Association.MemberStatus.MEMBER.name()))
        .fetch(ASSOCIATION_MEMBERS.ACCOUNT_ID);
  }

  /** Associations this person is a member of (or waiting for). */
  List<Long> findIdsOfMember(long accountId) {
    return dsl.select(ASSOCIATION_MEMBERS.ASSOCIATION_ID)
        .from(ASSOCIATION_MEMBERS)
        .where(
            ASSOCIATION_MEMBERS.ACCOUNT_ID.eq(accountId),
            ASSOCIATION_MEMBERS.STATUS.eq(Association.MemberStatus.MEMBER.name()))
        .fetch(ASSOCIATION_MEMBERS.ASSOCIATION_ID);
  }

  /**
   * Changes what an association is, when and where it meets, how many it takes and who may join.
   */
  void updateDetails(
      long id,
      String name,
      String description,
      String meetingTime,
      String meetingPlace,
      Integer memberLimit,
      Association.JoinPolicy joinPolicy,
      boolean openToNeighbours,
      Instant now) {
    dsl.update(ASSOCIATIONS)
        .set(ASSOCIATIONS.NAME, name)
        .set(ASSOCIATIONS.DESCRIPTION, description)
        .set(ASSOCIATIONS.MEETING_TIME, meetingTime)
        .set(ASSOCIATIONS.MEETING_PLACE, meetingPlace)
        .set(ASSOCIATIONS.MEMBER_LIMIT, memberLimit)
        .set(ASSOCIATIONS.JOIN_POLICY, joinPolicy.name())
        .set(ASSOCIATIONS.OPEN_TO_NEIGHBOURS, openToNeighbours)
        .set(ASSOCIATIONS.UPDATED_AT, now)
        .where(ASSOCIATIONS.ID.eq(id))
        .execute();
  }

  void setCover(long id, long photoId, Instant now) {
    dsl.update(ASSOCIATIONS)
        .set(ASSOCIATIONS.COVER_PHOTO_ID, photoId)
        .set(ASSOCIATIONS.UPDATED_AT, now)
        .where(ASSOCIATIONS.ID.eq(id))
        .execute();
  }

  void insertAnnouncement(
      long associationId, long authorId, String body, boolean bySms, Instant now) {
    dsl.insertInto(ASSOCIATION_ANNOUNCEMENTS)
        .set(ASSOCIATION_ANNOUNCEMENTS.ASSOCIATION_ID, associationId)
        .set(ASSOCIATION_ANNOUNCEMENTS.AUTHOR_ID, authorId)
        .set(ASSOCIATION_ANNOUNCEMENTS.BODY, body)
        .set(ASSOCIATION_ANNOUNCEMENTS.BY_SMS, bySms)
        .set(ASSOCIATION_ANNOUNCEMENTS.CREATED_AT, now)
        .execute();
  }

  /** The latest announcements, newest first. */
  List<AssociationViews.Announcement> findAnnouncements(long associationId, int limit) {
    return dsl.selectFrom(ASSOCIATION_ANNOUNCEMENTS)
        .where(ASSOCIATION_ANNOUNCEMENTS.ASSOCIATION_ID.eq(associationId))
        .orderBy(ASSOCIATION_ANNOUNCEMENTS.ID.desc())
        .limit(limit)
        .fetch(
            r ->
                new AssociationViews.Announcement(
                    r.getId(), r.getBody(), r.getBySms(), r.getCreatedAt()));
  }

  void insertEvent(
      @Nullable Long associationId,
      @Nullable Long activityId,
      @Nullable Long actorId,
      String action,
      @Nullable Long subjectId,
      @Nullable String reason,
      Instant now) {
    dsl.insertInto(ASSOCIATION_EVENTS)
        .set(ASSOCIATION_EVENTS.ASSOCIATION_ID, associationId)
        .set(ASSOCIATION_EVENTS.ACTIVITY_ID, activityId)
        .set(ASSOCIATION_EVENTS.ACTOR_ID, actorId)
        .set(ASSOCIATION_EVENTS.ACTION, action)
        .set(ASSOCIATION_EVENTS.SUBJECT_ID, subjectId)
        .set(ASSOCIATION_EVENTS.REASON, reason)
        .set(ASSOCIATION_EVENTS.CREATED_AT, now)
        .execute();
  }

  List<String> findEventActions(long associationId) {
    return dsl.select(ASSOCIATION_EVENTS.ACTION)
        .from(ASSOCIATION_EVENTS)
        .where(ASSOCIATION_EVENTS.ASSOCIATION_ID.eq(associationId))
        .orderBy(ASSOCIATION_EVENTS.ID)
        .fetch(ASSOCIATION_EVENTS.ACTION);
  }

  private static Association toAssociation(AssociationsRecord r) {
    return new Association(
        r.getId(),
        r.getCommunityId(),
        r.getOpenToNeighbours(),
        r.getName(),
        Association.Kind.valueOf(r.getKind()),
        r.getDescription(),
        r.getCoverPhotoId(),
        r.getOrganiserId(),
        r.getMeetingTime(),
        r.getMeetingPlace(),
        r.getMemberLimit(),
        Association.JoinPolicy.valueOf(r.getJoinPolicy()),
        r.getCreatedAt());
  }

  /** One person on an association's lists. */
  record Member(
      long accountId, Association.MemberStatus status, @Nullable String reason, Instant since) {}
}
