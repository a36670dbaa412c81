package org.onegrid.clinic;

import static org.onegrid.db.Tables.CLINIC_AREA_GRIDS;
import static org.onegrid.db.Tables.CLINIC_CLOSURES;
import static org.onegrid.db.Tables.CLINIC_HOURS;
import static org.onegrid.db.Tables.CLINIC_PROVIDERS;
import static org.onegrid.db.Tables.CLINIC_SERVICES;
import static org.onegrid.db.Tables.CLINIC_STAFF;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.ClinicClosuresRecord;
import org.onegrid.db.tables.records.ClinicProvidersRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.platform.RecentReads;
import org.onegrid.platform.Tx;

/** Providers, their services, weekly hours and closures. */
@Singleton
class ClinicRepository {

  private final DSLContext dsl;
  private final Tx tx;
  private final Clock clock;
  private final ZoneId zone;

  /**
   * Timetables read for the slot lists residents open again and again (see {@link
   * #recentTimetable}); forgotten here when a service, its hours or its closures are written.
   */
  private final RecentReads<Timetable> recent;

  ClinicRepository(
      DSLContext dsl,
      Tx tx,
      Clock clock,
      OneGridConfig config,
      @Value("${onegrid.sessions.check-every:5s}") Duration recentFor) {
    this.dsl = dsl;
    this.tx = tx;
    this.clock = clock;
    this.zone = config.getTimeZone();
    this.recent = new RecentReads<>(recentFor, 20_000);
  }

  /**
   * A service with what its slots are made from, as read within the last few seconds: what a slot
   * list shows. A change made on this instance shows at once, one made on another within {@code
   * onegrid.sessions.check-every}; booking reads afresh ({@link #findService} and the rest).
   */
  Optional<Timetable> recentTimetable(long serviceId) {
    return recent.get(serviceId, this::findTimetable);
  }

  private Optional<Timetable> findTimetable(long serviceId) {
    return findService(serviceId)
        .flatMap(
            service ->
                findProvider(service.getProviderId())
                    .map(
                        provider ->
                            new Timetable(
                                service,
                                provider,
                                findHours(serviceId),
                                findClosuresFrom(
                                        serviceId, LocalDate.now(clock.withZone(zone)).minusDays(1))
                                    .stream()
                                    .map(ClinicClosuresRecord::getClosedOn)
                                    .collect(Collectors.toUnmodifiableSet()))));
  }

  /**
   * A service, its provider, its weekly hours and its closures from the day before it was read on
   * (so that it still holds just past midnight). Shared between requests: read only.
   */
  record Timetable(
      ClinicServicesRecord service,
      ClinicProvidersRecord provider,
      List<Hours> hours,
      Set<LocalDate> closures) {}

  long insertProvider(
      long communityId,
      String kind,
      String name,
      @Nullable String address,
      @Nullable String phone) {
    return tx.insertReturningId(
        dsl.insertInto(CLINIC_PROVIDERS)
            .set(CLINIC_PROVIDERS.COMMUNITY_ID, communityId)
            .set(CLINIC_PROVIDERS.KIND, kind)
            .set(CLINIC_PROVIDERS.NAME, name)
            .set(CLINIC_PROVIDERS.ADDRESS, address)
            .set(CLINIC_PROVIDERS.PHONE, phone),
        CLINIC_PROVIDERS.ID);
  }

  void insertStaff(long providerId, long accountId) {
    dsl.insertInto(CLINIC_STAFF)
        .set(CLINIC_STAFF.PROVIDER_ID, providerId)
        .set(CLINIC_STAFF.ACCOUNT_ID, accountId)
        .onDuplicateKeyIgnore()
        .execute();
  }

  boolean deleteStaff(long providerId, long accountId) {
    return dsl.deleteFrom(CLINIC_STAFF)
            .where(CLINIC_STAFF.PROVIDER_ID.eq(providerId), CLINIC_STAFF.ACCOUNT_ID.eq(accountId))
            .execute()
        == 1;
  }

  /** Replaces the grids a provider serves. */
  void replaceAreaGrids(long providerId, Collection<Long> gridIds) {
    dsl.deleteFrom(CLINIC_AREA_GRIDS).where(CLINIC_AREA_GRIDS.PROVIDER_ID.eq(providerId)).execute();
    for (long gridId : gridIds) {
      insertAreaGrid(providerId, gridId);
    }
  }

  /** The clinicians of each of these providers. */
  Map<Long, List<Long>> findStaffIdsOf(Collection<Long> providerIds) {
    Map<Long, List<Long>> out = new HashMap<>();
    dsl.selectFrom(CLINIC_STAFF)
        .where(CLINIC_STAFF.PROVIDER_ID.in(providerIds))
        .orderBy(CLINIC_STAFF.ACCOUNT_ID)
        .forEach(
            r ->
                out.computeIfAbsent(r.getProviderId(), k -> new ArrayList<>())
                    .add(r.getAccountId()));
    return out;
  }

  boolean isStaff(long providerId, long accountId) {
    return dsl.fetchExists(
        CLINIC_STAFF,
        CLINIC_STAFF.PROVIDER_ID.eq(providerId),
        CLINIC_STAFF.ACCOUNT_ID.eq(accountId));
  }

  /** The clinicians who work for a provider. */
  List<Long> findStaffIds(long providerId) {
    return dsl.select(CLINIC_STAFF.ACCOUNT_ID)
        .from(CLINIC_STAFF)
        .where(CLINIC_STAFF.PROVIDER_ID.eq(providerId))
        .fetch(CLINIC_STAFF.ACCOUNT_ID);
  }

  /** The providers a clinician works for. */
  List<ClinicProvidersRecord> findProvidersOfStaff(long accountId) {
    return dsl.select(CLINIC_PROVIDERS.fields())
        .from(CLINIC_PROVIDERS)
        .join(CLINIC_STAFF)
        .on(CLINIC_STAFF.PROVIDER_ID.eq(CLINIC_PROVIDERS.ID))
        .where(CLINIC_STAFF.ACCOUNT_ID.eq(accountId))
        .orderBy(CLINIC_PROVIDERS.ID)
        .fetchInto(CLINIC_PROVIDERS);
  }

  void insertAreaGrid(long providerId, long gridId) {
    dsl.insertInto(CLINIC_AREA_GRIDS)
        .set(CLINIC_AREA_GRIDS.PROVIDER_ID, providerId)
        .set(CLINIC_AREA_GRIDS.GRID_ID, gridId)
        .onDuplicateKeyIgnore()
        .execute();
  }

  /** Area doctors serving one grid serve another instead. */
  void moveAreaGrid(long fromGridId, long toGridId) {
    dsl.insertInto(CLINIC_AREA_GRIDS, CLINIC_AREA_GRIDS.PROVIDER_ID, CLINIC_AREA_GRIDS.GRID_ID)
        .select(
            dsl.select(CLINIC_AREA_GRIDS.PROVIDER_ID, DSL.val(toGridId))
                .from(CLINIC_AREA_GRIDS)
                .where(CLINIC_AREA_GRIDS.GRID_ID.eq(fromGridId)))
        .onDuplicateKeyIgnore()
        .execute();
    dsl.deleteFrom(CLINIC_AREA_GRIDS).where(CLINIC_AREA_GRIDS.GRID_ID.eq(fromGridId)).execute();
  }

  /** The grids each area doctor serves; providers serving no grid in particular are absent. */
  Map<Long, Set<Long>> findAreaGrids(Collection<Long> providerIds) {
    Map<Long, Set<Long>> served = new HashMap<>();
    dsl.selectFrom(CLINIC_AREA_GRIDS)
        .where(CLINIC_AREA_GRIDS.PROVIDER_ID.in(providerIds))
        .forEach(
            r ->
                served.computeIfAbsent(r.getProviderId(), k -> new HashSet<>()).add(r.getGridId()));
    return served;
  }

  long insertService(
      long providerId,
      String kind,
      String name,
      int slotMinutes,
      int capacity,
      int minNoticeHours,
      int horizonDays,
      int cancelCutoffHours) {
    return tx.insertReturningId(
        dsl.insertInto(CLINIC_SERVICES)
            .set(CLINIC_SERVICES.PROVIDER_ID, providerId)
            .set(CLINIC_SERVICES.KIND, kind)
            .set(CLINIC_SERVICES.NAME, name)
            .set(CLINIC_SERVICES.SLOT_MINUTES, slotMinutes)
            .set(CLINIC_SERVICES.CAPACITY_PER_SLOT, capacity)
            .set(CLINIC_SERVICES.MIN_NOTICE_HOURS, minNoticeHours)
            .set(CLINIC_SERVICES.HORIZON_DAYS, horizonDays)
            .set(CLINIC_SERVICES.CANCEL_CUTOFF_HOURS, cancelCutoffHours)
            .set(CLINIC_SERVICES.ACTIVE, true),
        CLINIC_SERVICES.ID);
  }

  void insertHours(long serviceId, int weekday, LocalTime opens, LocalTime closes) {
    recent.forget(serviceId);
    dsl.insertInto(CLINIC_HOURS)
        .set(CLINIC_HOURS.SERVICE_ID, serviceId)
        .set(CLINIC_HOURS.WEEKDAY, (byte) weekday)
        .set(CLINIC_HOURS.OPENS_AT, opens)
        .set(CLINIC_HOURS.CLOSES_AT, closes)
        .execute();
  }

  void insertClosure(long serviceId, LocalDate day, @Nullable String reason) {
    recent.forget(serviceId);
    dsl.insertInto(CLINIC_CLOSURES)
        .set(CLINIC_CLOSURES.SERVICE_ID, serviceId)
        .set(CLINIC_CLOSURES.CLOSED_ON, day)
        .set(CLINIC_CLOSURES.REASON, reason)
        .onDuplicateKeyIgnore()
        .execute();
  }

  List<ClinicProvidersRecord> findProviders(long communityId) {
    return dsl.selectFrom(CLINIC_PROVIDERS)
        .where(CLINIC_PROVIDERS.COMMUNITY_ID.eq(communityId))
        .orderBy(CLINIC_PROVIDERS.ID)
        .fetch();
  }

  Optional<ClinicProvidersRecord> findProvider(long id) {
    return dsl.selectFrom(CLINIC_PROVIDERS).where(CLINIC_PROVIDERS.ID.eq(id)).fetchOptional();
  }

  List<ClinicServicesRecord> findServices(Collection<Long> providerIds) {
    return dsl.selectFrom(CLINIC_SERVICES)
        .where(CLINIC_SERVICES.PROVIDER_ID.in(providerIds), CLINIC_SERVICES.ACTIVE.isTrue())
        .orderBy(CLINIC_SERVICES.ID)
        .fetch();
  }

  Optional<ClinicServicesRecord> findService(long id) {
    return dsl.selectFrom(CLINIC_SERVICES).where(CLINIC_SERVICES.ID.eq(id)).fetchOptional();
  }

  /** The weekly hours: weekday → opening periods. */
  List<Hours> findHours(long serviceId) {
    return dsl.selectFrom(CLINIC_HOURS)
        .where(CLINIC_HOURS.SERVICE_ID.eq(serviceId))
        .orderBy(CLINIC_HOURS.WEEKDAY, CLINIC_HOURS.OPENS_AT)
        .fetch(r -> new Hours(r.getWeekday(), r.getOpensAt(), r.getClosesAt()));
  }

  Set<LocalDate> findClosures(long serviceId, LocalDate from, LocalDate to) {
    return Set.copyOf(
        dsl.select(CLINIC_CLOSURES.CLOSED_ON)
            .from(CLINIC_CLOSURES)
            .where(
                CLINIC_CLOSURES.SERVICE_ID.eq(serviceId),
                CLINIC_CLOSURES.CLOSED_ON.between(from, to))
            .fetch(CLINIC_CLOSURES.CLOSED_ON));
  }

  /** Every service of the providers, active or not (for the admins who set them up). */
  List<ClinicServicesRecord> findAllServices(Collection<Long> providerIds) {
    return dsl.selectFrom(CLINIC_SERVICES)
        .where(CLINIC_SERVICES.PROVIDER_ID.in(providerIds))
        .orderBy(CLINIC_SERVICES.ID)
        .fetch();
  }

  void updateService(
      long id,
      String name,
      int slotMinutes,
      int capacity,
      int minNoticeHours,
      int horizonDays,
      int cancelCutoffHours,
      boolean active) {
    recent.forget(id);
    dsl.update(CLINIC_SERVICES)
        .set(CLINIC_SERVICES.NAME, name)
        .set(CLINIC_SERVICES.SLOT_MINUTES, slotMinutes)
        .set(CLINIC_SERVICES.CAPACITY_PER_SLOT, capacity)
        .set(CLINIC_SERVICES.MIN_NOTICE_HOURS, minNoticeHours)
        .set(CLINIC_SERVICES.HORIZON_DAYS, horizonDays)
        .set(CLINIC_SERVICES.CANCEL_CUTOFF_HOURS, cancelCutoffHours)
        .set(CLINIC_SERVICES.ACTIVE, active)
        .where(CLINIC_SERVICES.ID.eq(id))
        .execute();
  }

  void deleteHours(long serviceId) {
    recent.forget(serviceId);
    dsl.deleteFrom(CLINIC_HOURS).where(CLINIC_HOURS.SERVICE_ID.eq(serviceId)).execute();
  }

  int deleteClosure(long serviceId, LocalDate day) {
    recent.forget(serviceId);
    return dsl.deleteFrom(CLINIC_CLOSURES)
        .where(CLINIC_CLOSURES.SERVICE_ID.eq(serviceId), CLINIC_CLOSURES.CLOSED_ON.eq(day))
        .execute();
  }

  /** Closures from a day on, with their reasons. */
  List<ClinicClosuresRecord> findClosuresFrom(long serviceId, LocalDate from) {
    return dsl.selectFrom(CLINIC_CLOSURES)
        .where(CLINIC_CLOSURES.SERVICE_ID.eq(serviceId), CLINIC_CLOSURES.CLOSED_ON.ge(from))
        .orderBy(CLINIC_CLOSURES.CLOSED_ON)
        .fetch();
  }

  /** An opening period of one weekday (1 = Monday). */
  record Hours(int weekday, LocalTime opens, LocalTime closes) {}
}
