package org.onegrid.clinic;

import static org.onegrid.db.Tables.CLINIC_BOOKINGS;
import static org.onegrid.db.Tables.CLINIC_SLOTS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.ClinicBookingsRecord;
import org.onegrid.platform.Tx;

/** Bookings and the per-slot counts that keep them within capacity. */
@Singleton
class BookingRepository {

  static final String BOOKED = "BOOKED";
  static final String CANCELLED = "CANCELLED";

  private final DSLContext dsl;
  private final Tx tx;

  BookingRepository(DSLContext dsl, Tx tx) {
    this.dsl = dsl;
    this.tx = tx;
  }

  /**
   * Locks the slot's count row (made on first use) and returns how many are booked; call in a
   * transaction: bookings of one slot queue here.
   */
  int lockSlot(long serviceId, Instant startsAt) {
    dsl.insertInto(CLINIC_SLOTS)
        .set(CLINIC_SLOTS.SERVICE_ID, serviceId)
        .set(CLINIC_SLOTS.STARTS_AT, startsAt)
        .set(CLINIC_SLOTS.BOOKED, 0)
        .onDuplicateKeyIgnore()
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
    return dsl.select(CLINIC_SLOTS.STARTS_AT, CLINIC_SLOTS.BOOKED)
        .from(CLINIC_SLOTS)
        .where(
            CLINIC_SLOTS.SERVICE_ID.eq(serviceId),
            CLINIC_SLOTS.STARTS_AT.ge(DSL.val(from, CLINIC_SLOTS.STARTS_AT)),
            CLINIC_SLOTS.STARTS_AT.lt(DSL.val(to, CLINIC_SLOTS.STARTS_AT)))
        .fetchMap(CLINIC_SLOTS.STARTS_AT, CLINIC_SLOTS.BOOKED);
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
    return dsl.fetchExists(
        CLINIC_BOOKINGS,
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
            .set(CLINIC_BOOKINGS.REASON, reason)
            .set(CLINIC_BOOKINGS.STATUS, BOOKED)
            .set(CLINIC_BOOKINGS.CODE, code)
            .set(CLINIC_BOOKINGS.IDEMPOTENCY_KEY, key)
            .set(CLINIC_BOOKINGS.CREATED_AT, now)
            .set(CLINIC_BOOKINGS.UPDATED_AT, now));
  }

  void setStatus(long id, String status, Instant now) {
    dsl.update(CLINIC_BOOKINGS)
        .set(CLINIC_BOOKINGS.STATUS, status)
        .set(CLINIC_BOOKINGS.UPDATED_AT, now)
        .where(CLINIC_BOOKINGS.ID.eq(id))
        .execute();
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
}
