package org.onegrid.hotline;

import static org.onegrid.db.Tables.DUTY_COVERAGE_ALERTS;
import static org.onegrid.db.Tables.DUTY_FALLBACKS;
import static org.onegrid.db.Tables.DUTY_ROTATIONS;
import static org.onegrid.db.Tables.DUTY_ROTATION_MEMBERS;
import static org.onegrid.db.Tables.DUTY_SHIFTS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.DutyRotationsRecord;
import org.onegrid.db.tables.records.DutyShiftsRecord;
import org.onegrid.platform.Tx;

/** The duty roster of each community: its rotation, the shifts made of it and overrides. */
@Singleton
class RosterRepository {

  static final String ROTA = "ROTA";
  static final String OVERRIDE = "OVERRIDE";

  private final DSLContext dsl;
  private final Tx tx;

  RosterRepository(DSLContext dsl, Tx tx) {
    this.dsl = dsl;
    this.tx = tx;
  }

  /** Replaces the community's rotation (and its members, in order). */
  void saveRotation(
      long communityId,
      Instant firstStart,
      int shiftHours,
      Instant materializedUntil,
      List<Long> members,
      long by,
      Instant now) {
    dsl.deleteFrom(DUTY_ROTATION_MEMBERS)
        .where(DUTY_ROTATION_MEMBERS.COMMUNITY_ID.eq(communityId))
        .execute();
    dsl.insertInto(DUTY_ROTATIONS)
        .set(DUTY_ROTATIONS.COMMUNITY_ID, communityId)
        .set(DUTY_ROTATIONS.FIRST_START, firstStart)
        .set(DUTY_ROTATIONS.SHIFT_HOURS, shiftHours)
        .set(DUTY_ROTATIONS.MATERIALIZED_UNTIL, materializedUntil)
        .set(DUTY_ROTATIONS.UPDATED_BY, by)
        .set(DUTY_ROTATIONS.UPDATED_AT, now)
        .onDuplicateKeyUpdate()
        .set(DUTY_ROTATIONS.FIRST_START, firstStart)
        .set(DUTY_ROTATIONS.SHIFT_HOURS, shiftHours)
        .set(DUTY_ROTATIONS.MATERIALIZED_UNTIL, materializedUntil)
        .set(DUTY_ROTATIONS.UPDATED_BY, by)
        .set(DUTY_ROTATIONS.UPDATED_AT, now)
        .execute();
    for (int i = 0; i < members.size(); i++) {
      dsl.insertInto(DUTY_ROTATION_MEMBERS)
          .set(DUTY_ROTATION_MEMBERS.COMMUNITY_ID, communityId)
          .set(DUTY_ROTATION_MEMBERS.POSITION, i)
          .set(DUTY_ROTATION_MEMBERS.ACCOUNT_ID, members.get(i))
          .execute();
    }
  }

  Optional<DutyRotationsRecord> lockRotation(long communityId) {
    return dsl.selectFrom(DUTY_ROTATIONS)
        .where(DUTY_ROTATIONS.COMMUNITY_ID.eq(communityId))
        .forUpdate()
        .fetchOptional();
  }

  Optional<DutyRotationsRecord> findRotation(long communityId) {
    return dsl.selectFrom(DUTY_ROTATIONS)
        .where(DUTY_ROTATIONS.COMMUNITY_ID.eq(communityId))
        .fetchOptional();
  }

  List<Long> findMembers(long communityId) {
    return dsl.select(DUTY_ROTATION_MEMBERS.ACCOUNT_ID)
        .from(DUTY_ROTATION_MEMBERS)
        .where(DUTY_ROTATION_MEMBERS.COMMUNITY_ID.eq(communityId))
        .orderBy(DUTY_ROTATION_MEMBERS.POSITION)
        .fetch(DUTY_ROTATION_MEMBERS.ACCOUNT_ID);
  }

  /** Communities whose rotation is made into shifts only until before {@code horizon}. */
  List<Long> findRotationsDueBefore(Instant horizon, int limit) {
    return dsl.select(DUTY_ROTATIONS.COMMUNITY_ID)
        .from(DUTY_ROTATIONS)
        .where(
            DUTY_ROTATIONS.MATERIALIZED_UNTIL.lt(
                DSL.val(horizon, DUTY_ROTATIONS.MATERIALIZED_UNTIL)))
        .limit(limit)
        .fetch(DUTY_ROTATIONS.COMMUNITY_ID);
  }

  void setMaterializedUntil(long communityId, Instant until) {
    dsl.update(DUTY_ROTATIONS)
        .set(DUTY_ROTATIONS.MATERIALIZED_UNTIL, until)
        .where(DUTY_ROTATIONS.COMMUNITY_ID.eq(communityId))
        .execute();
  }

  /** Removes the rotation's shifts that have not ended by {@code now}. */
  void deleteRotaShiftsEndingAfter(long communityId, Instant now) {
    dsl.deleteFrom(DUTY_SHIFTS)
        .where(
            DUTY_SHIFTS.COMMUNITY_ID.eq(communityId),
            DUTY_SHIFTS.KIND.eq(ROTA),
            DUTY_SHIFTS.ENDS_AT.gt(DSL.val(now, DUTY_SHIFTS.ENDS_AT)))
        .execute();
  }

  long insertShift(
      long communityId,
      Instant startsAt,
      Instant endsAt,
      long accountId,
      String kind,
      @Nullable String note,
      @Nullable Long by,
      Instant now) {
    return tx.insertReturningId(
        dsl.insertInto(DUTY_SHIFTS)
            .set(DUTY_SHIFTS.COMMUNITY_ID, communityId)
            .set(DUTY_SHIFTS.STARTS_AT, startsAt)
            .set(DUTY_SHIFTS.ENDS_AT, endsAt)
            .set(DUTY_SHIFTS.ACCOUNT_ID, accountId)
            .set(DUTY_SHIFTS.KIND, kind)
            .set(DUTY_SHIFTS.NOTE, note)
            .set(DUTY_SHIFTS.CREATED_BY, by)
            .set(DUTY_SHIFTS.CREATED_AT, now),
        DUTY_SHIFTS.ID);
  }

  boolean deleteOverride(long communityId, long shiftId) {
    return dsl.deleteFrom(DUTY_SHIFTS)
            .where(
                DUTY_SHIFTS.ID.eq(shiftId),
                DUTY_SHIFTS.COMMUNITY_ID.eq(communityId),
                DUTY_SHIFTS.KIND.eq(OVERRIDE))
            .execute()
        == 1;
  }

  /**
   * The one query behind "who is on duty": every shift of the community overlapping [from, to),
   * through the (community, ends_at, starts_at) index.
   */
  List<DutyShiftsRecord> findShifts(long communityId, Instant from, Instant to) {
    return dsl.selectFrom(DUTY_SHIFTS)
        .where(
            DUTY_SHIFTS.COMMUNITY_ID.eq(communityId),
            DUTY_SHIFTS.ENDS_AT.gt(DSL.val(from, DUTY_SHIFTS.ENDS_AT)),
            DUTY_SHIFTS.STARTS_AT.lt(DSL.val(to, DUTY_SHIFTS.STARTS_AT)))
        .orderBy(DUTY_SHIFTS.STARTS_AT, DUTY_SHIFTS.ID)
        .limit(5000)
        .fetch();
  }

  void saveFallbacks(long communityId, List<Long> accountIds) {
    dsl.deleteFrom(DUTY_FALLBACKS).where(DUTY_FALLBACKS.COMMUNITY_ID.eq(communityId)).execute();
    for (int i = 0; i < accountIds.size(); i++) {
      dsl.insertInto(DUTY_FALLBACKS)
          .set(DUTY_FALLBACKS.COMMUNITY_ID, communityId)
          .set(DUTY_FALLBACKS.POSITION, i)
          .set(DUTY_FALLBACKS.ACCOUNT_ID, accountIds.get(i))
          .execute();
    }
  }

  List<Long> findFallbacks(long communityId) {
    return dsl.select(DUTY_FALLBACKS.ACCOUNT_ID)
        .from(DUTY_FALLBACKS)
        .where(DUTY_FALLBACKS.COMMUNITY_ID.eq(communityId))
        .orderBy(DUTY_FALLBACKS.POSITION)
        .fetch(DUTY_FALLBACKS.ACCOUNT_ID);
  }

  /** Communities with a rotation, by id after {@code afterId}. */
  List<Long> findRotationCommunities(long afterId, int limit) {
    return dsl.select(DUTY_ROTATIONS.COMMUNITY_ID)
        .from(DUTY_ROTATIONS)
        .where(DUTY_ROTATIONS.COMMUNITY_ID.gt(afterId))
        .orderBy(DUTY_ROTATIONS.COMMUNITY_ID)
        .limit(limit)
        .fetch(DUTY_ROTATIONS.COMMUNITY_ID);
  }

  /** Claims today's coverage warning of a community; false if it went already (any instance). */
  boolean claimAlert(long communityId, LocalDate day) {
    return dsl.insertInto(DUTY_COVERAGE_ALERTS)
            .set(DUTY_COVERAGE_ALERTS.COMMUNITY_ID, communityId)
            .set(DUTY_COVERAGE_ALERTS.ALERTED_ON, day)
            .onDuplicateKeyIgnore()
            .execute()
        == 1;
  }

  /** The shifts of a community between two instants, as a timeline. */
  DutyTimeline timeline(long communityId, Instant from, Instant to) {
    return new DutyTimeline(
        findShifts(communityId, from, to).stream().map(RosterRepository::shift).toList());
  }

  static DutyTimeline.Shift shift(DutyShiftsRecord r) {
    return new DutyTimeline.Shift(
        r.getId(),
        r.getStartsAt(),
        r.getEndsAt(),
        r.getAccountId(),
        RosterRepository.OVERRIDE.equals(r.getKind()));
  }
}
