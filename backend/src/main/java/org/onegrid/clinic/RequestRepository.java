package org.onegrid.clinic;

import static org.onegrid.db.Tables.CLINIC_REQUESTS;
import static org.onegrid.db.Tables.GRID_NODES;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.ClinicRequestsRecord;
import org.onegrid.grid.Subtree;
import org.onegrid.platform.Tx;

/** Home-visit requests and green-channel referrals: asked for, then scheduled or declined. */
@Singleton
class RequestRepository {

  static final String HOME_VISIT = "HOME_VISIT";
  static final String REFERRAL = "REFERRAL";
  static final String REQUESTED = "REQUESTED";
  static final String SCHEDULED = "SCHEDULED";
  static final String DECLINED = "DECLINED";
  static final String CANCELLED = "CANCELLED";
  static final String DONE = "DONE";
  static final List<String> OPEN = List.of(REQUESTED, SCHEDULED);

  private final DSLContext dsl;
  private final Tx tx;

  RequestRepository(DSLContext dsl, Tx tx) {
    this.dsl = dsl;
    this.tx = tx;
  }

  long insert(
      String kind,
      long serviceId,
      long providerId,
      long requestedBy,
      long patientId,
      long gridId,
      @Nullable String address,
      @Nullable String preferred,
      String reason,
      String key,
      Instant now) {
    return tx.insertReturningId(
        dsl.insertInto(CLINIC_REQUESTS)
            .set(CLINIC_REQUESTS.KIND, kind)
            .set(CLINIC_REQUESTS.SERVICE_ID, serviceId)
            .set(CLINIC_REQUESTS.PROVIDER_ID, providerId)
            .set(CLINIC_REQUESTS.REQUESTED_BY, requestedBy)
            .set(CLINIC_REQUESTS.PATIENT_ID, patientId)
            .set(CLINIC_REQUESTS.GRID_ID, gridId)
            .set(CLINIC_REQUESTS.ADDRESS, address)
            .set(CLINIC_REQUESTS.PREFERRED, preferred)
            .set(CLINIC_REQUESTS.REASON, reason)
            .set(CLINIC_REQUESTS.STATUS, REQUESTED)
            .set(CLINIC_REQUESTS.IDEMPOTENCY_KEY, key)
            .set(CLINIC_REQUESTS.CREATED_AT, now)
            .set(CLINIC_REQUESTS.UPDATED_AT, now),
        CLINIC_REQUESTS.ID);
  }

  Optional<ClinicRequestsRecord> findByKey(long requestedBy, String key) {
    return dsl.selectFrom(CLINIC_REQUESTS)
        .where(
            CLINIC_REQUESTS.REQUESTED_BY.eq(requestedBy), CLINIC_REQUESTS.IDEMPOTENCY_KEY.eq(key))
        .fetchOptional();
  }

  Optional<ClinicRequestsRecord> findById(long id) {
    return dsl.selectFrom(CLINIC_REQUESTS).where(CLINIC_REQUESTS.ID.eq(id)).fetchOptional();
  }

  /**
   * Moves a request from one of {@code from} to {@code to}, with the time and the provider's note
   * when given; false when another click or instance moved it first.
   */
  boolean transition(
      long id,
      Collection<String> from,
      String to,
      @Nullable Instant scheduledAt,
      @Nullable String note,
      Instant now) {
    var update =
        dsl.update(CLINIC_REQUESTS)
            .set(CLINIC_REQUESTS.STATUS, to)
            .set(CLINIC_REQUESTS.UPDATED_AT, now);
    if (scheduledAt != null) {
      update = update.set(CLINIC_REQUESTS.SCHEDULED_AT, scheduledAt);
    }
    if (note != null) {
      update = update.set(CLINIC_REQUESTS.PROVIDER_NOTE, note);
    }
    return update.where(CLINIC_REQUESTS.ID.eq(id), CLINIC_REQUESTS.STATUS.in(from)).execute() == 1;
  }

  /** Whether the person ever asked one of these providers for a visit or was referred to it. */
  boolean existsForPatient(long patientId, Collection<Long> providerIds) {
    return !providerIds.isEmpty()
        && dsl.fetchExists(
            CLINIC_REQUESTS,
            CLINIC_REQUESTS.PATIENT_ID.eq(patientId),
            CLINIC_REQUESTS.PROVIDER_ID.in(providerIds));
  }

  /** Requests to these providers in these states, newest first, before {@code beforeId}. */
  List<ClinicRequestsRecord> findOfProviders(
      Collection<Long> providerIds, Collection<String> statuses, long beforeId, int limit) {
    return dsl.selectFrom(CLINIC_REQUESTS)
        .where(
            CLINIC_REQUESTS.PROVIDER_ID.in(providerIds),
            CLINIC_REQUESTS.STATUS.in(statuses),
            CLINIC_REQUESTS.ID.lt(beforeId))
        .orderBy(CLINIC_REQUESTS.ID.desc())
        .limit(limit)
        .fetch();
  }

  /** Requests a person asked for or is the patient of, newest first. */
  List<ClinicRequestsRecord> findOfPerson(long accountId, int limit) {
    return dsl.selectFrom(CLINIC_REQUESTS)
        .where(CLINIC_REQUESTS.PATIENT_ID.eq(accountId))
        .unionAll(
            dsl.selectFrom(CLINIC_REQUESTS)
                .where(
                    CLINIC_REQUESTS.REQUESTED_BY.eq(accountId),
                    CLINIC_REQUESTS.PATIENT_ID.ne(accountId)))
        .orderBy(CLINIC_REQUESTS.ID.desc())
        .limit(limit)
        .fetch();
  }

  /**
   * Requests of patients living under {@code subtreePath}, open or changed since {@code since},
   * newest first.
   */
  List<ClinicRequestsRecord> findInSubtree(String subtreePath, Instant since, int limit) {
    return dsl.select(CLINIC_REQUESTS.fields())
        .from(CLINIC_REQUESTS)
        .join(GRID_NODES)
        .on(GRID_NODES.ID.eq(CLINIC_REQUESTS.GRID_ID))
        .where(
            Subtree.holds(subtreePath),
            CLINIC_REQUESTS
                .STATUS
                .in(OPEN)
                .or(CLINIC_REQUESTS.UPDATED_AT.ge(DSL.val(since, CLINIC_REQUESTS.UPDATED_AT))))
        .orderBy(CLINIC_REQUESTS.ID.desc())
        .limit(limit)
        .fetchInto(CLINIC_REQUESTS);
  }
}
