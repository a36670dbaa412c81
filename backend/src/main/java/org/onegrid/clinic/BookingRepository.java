package org.onegrid.clinic;

import static org.onegrid.db.Tables.CLINIC_BOOKINGS;
import static org.onegrid.db.Tables.CLINIC_SLOTS;
import static org.onegrid.db.Tables.CLINIC_WAITLIST;
import static org.onegrid.db.Tables.GRID_NODES;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.ClinicBookingsRecord;
import org.onegrid.db.tables.records.ClinicWaitlistRecord;
import org.onegrid.grid.Subtree;
import org.onegrid.platform.SqlShapes;
import org.onegrid.platform.Tx;

/** Bookings and the per-slot counts that keep them within capacity. */
@Singleton
class BookingRepository {

  static final String BOOKED = "BOOKED";
  static final String CANCELLED = "CANCELLED";
  static final String WAITING = "WAITING";
  static final String OFFERED = "OFFERED";

  private final DSLContext dsl;
  private final Tx tx;
  private final SqlShapes shapes;

  BookingRepository(DSLContext dsl, Tx tx, SqlShapes shapes) {
    this.dsl = dsl;
    this.tx = tx;
    this.shapes = shapes;
  }

  /**
   * Locks the slot's count row (made on first use) and returns how many are booked; call in a
   * transaction: bookings of one slot queue here. One statement takes the row's exclusive lock
   * whether it inserts or finds it (INSERT … ON DUPLICATE KEY UPDATE), so two bookers never both
   * hold a shared lock and then wait for each other's upgrade, which deadlocked under a rush.
   */
  int lockSlot(long serviceId, Instant startsAt) {
    dsl.insertInto(CLINIC_SLOTS)
        .set(CLINIC_SLOTS.SERVICE_ID, serviceId)
        .set(CLINIC_SLOTS.STARTS_AT, startsAt)
        .set(CLINIC_SLOTS.BOOKED, 0)
        .onDuplicateKeyUpdate()
        .set(CLINIC_SLOTS.BOOKED, CLINIC_SLOTS.BOOKED)
        .execute();
    return dsl.select(CLINIC_SLOTS.BOOKED)
        .from(CLINIC_SLOTS)
        .where(
            CLINIC_SLOTS.SERVICE_ID.eq(serviceId),
            CLINIC_SLOTS.STARTS_AT.eq(DSL.val(startsAt, CLINIC_SLOTS.STARTS_AT)))
        .forUpdate()
        .fetchSingle(CLINIC_SLOTS.BOOKED);
  }

  void addToSlot(long serviceId, Instant startsAt, int delta) {
    dsl.update(CLINIC_SLOTS)
        .set(CLINIC_SLOTS.BOOKED, CLINIC_SLOTS.BOOKED.plus(delta))
        .where(
            CLINIC_SLOTS.SERVICE_ID.eq(serviceId),
            CLINIC_SLOTS.STARTS_AT.eq(DSL.val(startsAt, CLINIC_SLOTS.STARTS_AT)))
        .execute();
  }

  /** How many are booked in each slot of [from, to). */
  Map<Instant, Integer> findCounts(long serviceId, Instant from, Instant to) {
    // Every look at a service's slots asks: kept as one shape (SqlShapes).
    return shapes
        .fetch(
            "clinic-slots.counts",
            () ->
                dsl.select(CLINIC_SLOTS.STARTS_AT, CLINIC_SLOTS.BOOKED)
                    .from(CLINIC_SLOTS)
                    .where(
                        CLINIC_SLOTS.SERVICE_ID.eq(serviceId),
                        CLINIC_SLOTS.STARTS_AT.ge(DSL.val(from, CLINIC_SLOTS.STARTS_AT)),
                        CLINIC_SLOTS.STARTS_AT.lt(DSL.val(to, CLINIC_SLOTS.STARTS_AT))),
            List.of(serviceId, from, to))
        .intoMap(CLINIC_SLOTS.STARTS_AT, CLINIC_SLOTS.BOOKED);
  }

  Optional<ClinicBookingsRecord> findByKey(long bookerId, String key) {
    return dsl.selectFrom(CLINIC_BOOKINGS)
        .where(CLINIC_BOOKINGS.BOOKER_ID.eq(bookerId), CLINIC_BOOKINGS.IDEMPOTENCY_KEY.eq(key))
        .fetchOptional();
  }

  Optional<ClinicBookingsRecord> findById(long id) {
    return dsl.selectFrom(CLINIC_BOOKINGS).where(CLINIC_BOOKINGS.ID.eq(id)).fetchOptional();
  }

  Optional<ClinicBookingsRecord> lockById(long id) {
    return dsl.selectFrom(CLINIC_BOOKINGS)
        .where(CLINIC_BOOKINGS.ID.eq(id))
        .forUpdate()
        .fetchOptional();
  }

  /** Whether the patient has a live booking overlapping [from, to). */
  boolean patientBusy(long patientId, Instant from, Instant to) {
    return patientBusy(patientId, from, to, 0);
  }

  /** Whether the patient has a live booking other than {@code exceptId} overlapping [from, to). */
  boolean patientBusy(long patientId, Instant from, Instant to, long exceptId) {
    return dsl.fetchExists(
        CLINIC_BOOKINGS,
        CLINIC_BOOKINGS.ID.ne(exceptId),
        CLINIC_BOOKINGS.PATIENT_ID.eq(patientId),
        CLINIC_BOOKINGS.STATUS.eq(BOOKED),
        CLINIC_BOOKINGS.STARTS_AT.lt(DSL.val(to, CLINIC_BOOKINGS.STARTS_AT)),
        CLINIC_BOOKINGS.ENDS_AT.gt(DSL.val(from, CLINIC_BOOKINGS.ENDS_AT)));
  }

  long insert(
      long serviceId,
      Instant startsAt,
      Instant endsAt,
      long bookerId,
      long patientId,
      @Nullable Long gridId,
      @Nullable String reason,
      String code,
      String key,
      Instant now) {
    return tx.insertReturningId(
        dsl.insertInto(CLINIC_BOOKINGS)
            .set(CLINIC_BOOKINGS.SERVICE_ID, serviceId)
            .set(CLINIC_BOOKINGS.STARTS_AT, startsAt)
            .set(CLINIC_BOOKINGS.ENDS_AT, endsAt)
            .set(CLINIC_BOOKINGS.BOOKER_ID, bookerId)
            .set(CLINIC_BOOKINGS.PATIENT_ID, patientId)
            .set(CLINIC_BOOKINGS.GRID_ID, gridId)
            .set(CLINIC_BOOKINGS.REASON, reason)
            .set(CLINIC_BOOKINGS.STATUS, BOOKED)
            .set(CLINIC_BOOKINGS.CODE, code)
            .set(CLINIC_BOOKINGS.IDEMPOTENCY_KEY, key)
            .set(CLINIC_BOOKINGS.CREATED_AT, now)
            .set(CLINIC_BOOKINGS.UPDATED_AT, now),
        CLINIC_BOOKINGS.ID);
  }

  /** Whether the person was ever booked (by anyone) for one of these services. */
  boolean existsForPatient(long patientId, Collection<Long> serviceIds) {
    return !serviceIds.isEmpty()
        && dsl.fetchExists(
            CLINIC_BOOKINGS,
            CLINIC_BOOKINGS.PATIENT_ID.eq(patientId),
            CLINIC_BOOKINGS.SERVICE_ID.in(serviceIds));
  }

  void setStatus(long id, String status, Instant now) {
    dsl.update(CLINIC_BOOKINGS)
        .set(CLINIC_BOOKINGS.STATUS, status)
        .set(CLINIC_BOOKINGS.UPDATED_AT, now)
        .where(CLINIC_BOOKINGS.ID.eq(id))
        .execute();
  }

  /** Moves a booking to another time; its reminders go again for the new time. */
  void move(long id, Instant startsAt, Instant endsAt, Instant now) {
    dsl.update(CLINIC_BOOKINGS)
        .set(CLINIC_BOOKINGS.STARTS_AT, startsAt)
        .set(CLINIC_BOOKINGS.ENDS_AT, endsAt)
        .setNull(CLINIC_BOOKINGS.REMINDED_DAY_AT)
        .setNull(CLINIC_BOOKINGS.REMINDED_HOURS_AT)
        .set(CLINIC_BOOKINGS.UPDATED_AT, now)
        .where(CLINIC_BOOKINGS.ID.eq(id))
        .execute();
  }

  /**
   * Bookings (not cancelled) of patients living in the grids under {@code subtreePath}, from {@code
   * from} on, soonest first: for supervisors' care follow-up.
   */
  List<ClinicBookingsRecord> findInSubtree(String subtreePath, Instant from, int limit) {
    return dsl.select(CLINIC_BOOKINGS.fields())
        .from(CLINIC_BOOKINGS)
        .join(GRID_NODES)
        .on(GRID_NODES.ID.eq(CLINIC_BOOKINGS.GRID_ID))
        .where(
            Subtree.holds(subtreePath),
            CLINIC_BOOKINGS.STARTS_AT.ge(DSL.val(from, CLINIC_BOOKINGS.STARTS_AT)),
            CLINIC_BOOKINGS.STATUS.ne(CANCELLED))
        .orderBy(CLINIC_BOOKINGS.STARTS_AT, CLINIC_BOOKINGS.ID)
        .limit(limit)
        .fetchInto(CLINIC_BOOKINGS);
  }

  /** Bookings a person made or is the patient of, from {@code from} on. */
  List<ClinicBookingsRecord> findOfPerson(long accountId, Instant from) {
    return dsl.selectFrom(CLINIC_BOOKINGS)
        .where(
            CLINIC_BOOKINGS.BOOKER_ID.eq(accountId).or(CLINIC_BOOKINGS.PATIENT_ID.eq(accountId)),
            CLINIC_BOOKINGS.STARTS_AT.ge(DSL.val(from, CLINIC_BOOKINGS.STARTS_AT)))
        .orderBy(CLINIC_BOOKINGS.STARTS_AT)
        .limit(100)
        .fetch();
  }

  /** Puts the patient on a slot's waiting list (once); returns the entry. */
  ClinicWaitlistRecord joinWaitlist(
      long serviceId,
      Instant startsAt,
      boolean wholeDay,
      long bookerId,
      long patientId,
      @Nullable String reason,
      Instant now) {
    dsl.insertInto(CLINIC_WAITLIST)
        .set(CLINIC_WAITLIST.SERVICE_ID, serviceId)
        .set(CLINIC_WAITLIST.STARTS_AT, startsAt)
        .set(CLINIC_WAITLIST.WHOLE_DAY, wholeDay)
        .set(CLINIC_WAITLIST.BOOKER_ID, bookerId)
        .set(CLINIC_WAITLIST.PATIENT_ID, patientId)
        .set(CLINIC_WAITLIST.REASON, reason)
        .set(CLINIC_WAITLIST.STATUS, WAITING)
        .set(CLINIC_WAITLIST.CREATED_AT, now)
        .onDuplicateKeyUpdate()
        .set(
            CLINIC_WAITLIST.STATUS,
            DSL.when(CLINIC_WAITLIST.STATUS.in(WAITING, OFFERED), CLINIC_WAITLIST.STATUS)
                .otherwise(WAITING))
        .execute();
    return dsl.selectFrom(CLINIC_WAITLIST)
        .where(
            CLINIC_WAITLIST.SERVICE_ID.eq(serviceId),
            CLINIC_WAITLIST.STARTS_AT.eq(DSL.val(startsAt, CLINIC_WAITLIST.STARTS_AT)),
            CLINIC_WAITLIST.WHOLE_DAY.eq(wholeDay),
            CLINIC_WAITLIST.PATIENT_ID.eq(patientId))
        .fetchSingle();
  }

  /**
   * The longest waiting for a slot: on the slot's own list or on the list of its whole day (whose
   * entries start at {@code dayStart}).
   */
  Optional<ClinicWaitlistRecord> findFirstWaiting(
      long serviceId, Instant startsAt, Instant dayStart) {
    var slot =
        dsl.selectFrom(CLINIC_WAITLIST)
            .where(
                CLINIC_WAITLIST.SERVICE_ID.eq(serviceId),
                CLINIC_WAITLIST.STARTS_AT.eq(DSL.val(startsAt, CLINIC_WAITLIST.STARTS_AT)),
                CLINIC_WAITLIST.WHOLE_DAY.isFalse(),
                CLINIC_WAITLIST.STATUS.eq(WAITING))
            .orderBy(CLINIC_WAITLIST.ID)
            .limit(1)
            .fetchOptional();
    var day =
        dsl.selectFrom(CLINIC_WAITLIST)
            .where(
                CLINIC_WAITLIST.SERVICE_ID.eq(serviceId),
                CLINIC_WAITLIST.STARTS_AT.eq(DSL.val(dayStart, CLINIC_WAITLIST.STARTS_AT)),
                CLINIC_WAITLIST.WHOLE_DAY.isTrue(),
                CLINIC_WAITLIST.STATUS.eq(WAITING))
            .orderBy(CLINIC_WAITLIST.ID)
            .limit(1)
            .fetchOptional();
    if (slot.isEmpty() || day.isEmpty()) {
      return slot.isPresent() ? slot : day;
    }
    return slot.get().getId() < day.get().getId() ? slot : day;
  }

  /** Holds the slot for the entry until {@code until}. */
  void offer(long id, Instant slot, Instant until) {
    dsl.update(CLINIC_WAITLIST)
        .set(CLINIC_WAITLIST.STATUS, OFFERED)
        .set(CLINIC_WAITLIST.OFFERED_SLOT, slot)
        .set(CLINIC_WAITLIST.OFFERED_UNTIL, until)
        .where(CLINIC_WAITLIST.ID.eq(id))
        .execute();
  }

  void setWaitStatus(long id, String status) {
    dsl.update(CLINIC_WAITLIST)
        .set(CLINIC_WAITLIST.STATUS, status)
        .where(CLINIC_WAITLIST.ID.eq(id))
        .execute();
  }

  Optional<ClinicWaitlistRecord> findWait(long id) {
    return dsl.selectFrom(CLINIC_WAITLIST).where(CLINIC_WAITLIST.ID.eq(id)).fetchOptional();
  }

  /** Offers whose time ran out. */
  List<ClinicWaitlistRecord> findExpiredOffers(Instant now, int limit) {
    return dsl.selectFrom(CLINIC_WAITLIST)
        .where(
            CLINIC_WAITLIST.STATUS.eq(OFFERED),
            CLINIC_WAITLIST.OFFERED_UNTIL.lt(DSL.val(now, CLINIC_WAITLIST.OFFERED_UNTIL)))
        .orderBy(CLINIC_WAITLIST.OFFERED_UNTIL)
        .limit(limit)
        .fetch();
  }

  /** A person's live waiting-list entries and offers. */
  List<ClinicWaitlistRecord> findWaitsOf(long bookerId) {
    return dsl.selectFrom(CLINIC_WAITLIST)
        .where(CLINIC_WAITLIST.BOOKER_ID.eq(bookerId), CLINIC_WAITLIST.STATUS.in(WAITING, OFFERED))
        .orderBy(CLINIC_WAITLIST.STARTS_AT)
        .limit(50)
        .fetch();
  }

  /** Live bookings starting in (now, until] whose reminder of this kind has not gone. */
  List<Long> findDueForReminder(Instant now, Instant until, boolean dayBefore, int limit) {
    var column = dayBefore ? CLINIC_BOOKINGS.REMINDED_DAY_AT : CLINIC_BOOKINGS.REMINDED_HOURS_AT;
    return dsl.select(CLINIC_BOOKINGS.ID)
        .from(CLINIC_BOOKINGS)
        .where(
            CLINIC_BOOKINGS.STATUS.eq(BOOKED),
            CLINIC_BOOKINGS.STARTS_AT.gt(DSL.val(now, CLINIC_BOOKINGS.STARTS_AT)),
            CLINIC_BOOKINGS.STARTS_AT.le(DSL.val(until, CLINIC_BOOKINGS.STARTS_AT)),
            column.isNull())
        .orderBy(CLINIC_BOOKINGS.STARTS_AT)
        .limit(limit)
        .fetch(CLINIC_BOOKINGS.ID);
  }

  /** Marks the reminder sent; of several instances exactly one wins. */
  boolean claimReminder(long id, boolean dayBefore, Instant now) {
    var column = dayBefore ? CLINIC_BOOKINGS.REMINDED_DAY_AT : CLINIC_BOOKINGS.REMINDED_HOURS_AT;
    return dsl.update(CLINIC_BOOKINGS)
            .set(column, now)
            .where(CLINIC_BOOKINGS.ID.eq(id), column.isNull())
            .execute()
        == 1;
  }

  /** A service's bookings of [from, to), for its provider's day list. */
  List<ClinicBookingsRecord> findOfService(long serviceId, Instant from, Instant to) {
    return dsl.selectFrom(CLINIC_BOOKINGS)
        .where(
            CLINIC_BOOKINGS.SERVICE_ID.eq(serviceId),
            CLINIC_BOOKINGS.STARTS_AT.ge(DSL.val(from, CLINIC_BOOKINGS.STARTS_AT)),
            CLINIC_BOOKINGS.STARTS_AT.lt(DSL.val(to, CLINIC_BOOKINGS.STARTS_AT)))
        .orderBy(CLINIC_BOOKINGS.STARTS_AT, CLINIC_BOOKINGS.ID)
        .limit(1000)
        .fetch();
  }

  /** Bookings still to be kept of a service between two instants. */
  int countBookedBetween(long serviceId, Instant from, Instant to) {
    return dsl.fetchCount(
        CLINIC_BOOKINGS,
        CLINIC_BOOKINGS.SERVICE_ID.eq(serviceId),
        CLINIC_BOOKINGS.STATUS.eq(BOOKED),
        CLINIC_BOOKINGS.STARTS_AT.ge(from),
        CLINIC_BOOKINGS.STARTS_AT.lt(to));
  }
}
