package org.onegrid.clinic;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.db.tables.records.ClinicProvidersRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.grid.Address;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.OneGridConfig;

/**
 * Clinic services of one's community and their slots: slots come from each service's weekly hours
 * and closures in the community's zone, within its notice and horizon. Who sees a service, whom one
 * may book for and where one lives are answered here for bookings ({@link ClinicBookings}), the
 * waiting list and requests.
 */
@Singleton
public class ClinicService {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ClinicRepository clinics;
  private final BookingRepository bookings;
  private final AccountService accounts;
  private final GridService grids;
  private final Clock clock;
  private final ZoneId zone;

  ClinicService(
      ClinicRepository clinics,
      BookingRepository bookings,
      AccountService accounts,
      GridService grids,
      Clock clock,
      OneGridConfig config) {

    this.clinics = clinics;
    this.bookings = bookings;
    this.accounts = accounts;
    this.grids = grids;
    this.clock = clock;
    this.zone = config.getTimeZone();
  }

  /** Providers of the resident's community and what each offers. */
  public List<ClinicViews.ProviderView> providers(Account resident, Locale locale) {
    GridNode community = communityOf(resident).orElseThrow(ClinicService::needsHome);
    List<ClinicProvidersRecord> providers = clinics.findProviders(community.id());
    Optional<Long> home = homeGrid(resident);
    if (!providers.isEmpty() && home.isPresent()) {
      Map<Long, Set<Long>> served =
          clinics.findAreaGrids(providers.stream().map(ClinicProvidersRecord::getId).toList());
      providers =
          providers.stream()
              .filter(
                  p -> !served.containsKey(p.getId()) || served.get(p.getId()).contains(home.get()))
              .toList();
    }
    return providerViews(providers);
  }

  /** The providers a clinician works for, with their services. */
  public List<ClinicViews.ProviderView> myProviders(Account clinician) {
    return providerViews(clinics.findProvidersOfStaff(clinician.id()));
  }

  private List<ClinicViews.ProviderView> providerViews(List<ClinicProvidersRecord> providers) {
    List<ClinicServicesRecord> services =
        providers.isEmpty()
            ? List.of()
            : clinics.findServices(providers.stream().map(ClinicProvidersRecord::getId).toList());
    return providers.stream()
        .map(
            p ->
                new ClinicViews.ProviderView(
                    p.getId(),
                    p.getKind(),
                    p.getName(),
                    p.getAddress(),
                    p.getPhone(),
                    services.stream()
                        .filter(s -> s.getProviderId().equals(p.getId()))
                        .map(ClinicService::serviceView)
                        .toList()))
        .toList();
  }

  /** The bookable slots of a service from now to its horizon, with the places taken. */
  public List<ClinicViews.Slot> slots(Account viewer, long serviceId) {
    ClinicRepository.Timetable timetable =
        clinics.recentTimetable(serviceId).orElseThrow(ApiException::notFound);
    requireVisible(viewer, timetable.provider());
    ClinicServicesRecord service = timetable.service();
    List<Instant> starts = schedule(service, timetable.hours(), timetable.closures());
    if (starts.isEmpty()) {
      return List.of();
    }
    Duration length = Duration.ofMinutes(service.getSlotMinutes());
    Map<Instant, Integer> counts =
        bookings.findCounts(serviceId, starts.get(0), starts.get(starts.size() - 1).plus(length));
    return starts.stream()
        .map(
            s ->
                new ClinicViews.Slot(
                    s, s.plus(length), service.getCapacityPerSlot(), counts.getOrDefault(s, 0)))
        .toList();
  }

  /** The service's slots as they stand now: what a booking is checked against. */
  List<Instant> schedule(ClinicServicesRecord service) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    return schedule(
        service,
        clinics.findHours(service.getId()),
        clinics.findClosures(service.getId(), today, today.plusDays(service.getHorizonDays())));
  }

  /** Slot starts from now (plus the notice the service needs) to its horizon. */
  private List<Instant> schedule(
      ClinicServicesRecord service, List<ClinicRepository.Hours> hours, Set<LocalDate> closed) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    return SlotSchedule.starts(
        today,
        today.plusDays(service.getHorizonDays()),
        now.plus(Duration.ofHours(service.getMinNoticeHours())),
        closed,
        hours,
        service.getSlotMinutes(),
        zone);
  }

  ClinicServicesRecord visibleService(Account viewer, long serviceId) {
    ClinicServicesRecord service =
        clinics.findService(serviceId).orElseThrow(ApiException::notFound);
    requireVisible(viewer, clinics.findProvider(service.getProviderId()).orElseThrow());
    return service;
  }

  /** A provider's services are seen by the residents of its community and by its own staff. */
  private void requireVisible(Account viewer, ClinicProvidersRecord provider) {
    boolean inCommunity =
        communityOf(viewer).map(c -> c.id() == provider.getCommunityId()).orElse(false);
    if (!inCommunity && !clinics.isStaff(provider.getId(), viewer.id())) {
      throw ApiException.notFound();
    }
  }

  void requireProviderStaff(Account staff, ClinicServicesRecord service) {
    if (!clinics.isStaff(service.getProviderId(), staff.id())) {
      throw ApiException.notFound();
    }
  }

  /** Home visits and green-channel referrals are requested, not booked by slot. */
  static void requireSlotService(ClinicServicesRecord service) {
    if ("HOME_VISIT".equals(service.getKind()) || "GREEN_CHANNEL".equals(service.getKind())) {
      throw ApiException.invalidField("serviceId", "validation.not-bookable");
    }
  }

  /** The grid the person lives in. */
  Optional<Long> homeGrid(Account person) {
    return person.householdId() == null
        ? Optional.empty()
        : grids.household(person.householdId()).map(Address::gridId);
  }

  /**
   * The booker, or someone of the booker's household: both members, so whoever still waits to be
   * accepted books only for themselves and nobody books for them.
   */
  Account patientOf(Account booker, @Nullable Long patientId) {
    if (patientId == null || patientId == booker.id()) {
      return booker;
    }
    Account patient =
        accounts.byIds(List.of(patientId)).values().stream()
            .findFirst()
            .orElseThrow(() -> ApiException.invalidField("patientId", "validation.patient"));
    if (!booker.inHousehold(patient.householdId()) || !patient.inHousehold(booker.householdId())) {
      throw ApiException.invalidField("patientId", "validation.patient");
    }
    return patient;
  }

  private Optional<GridNode> communityOf(Account account) {
    return accounts.communityOf(account);
  }

  /** The six digits a patient shows at the desk. */
  static String bookingCode() {
    return String.format("%06d", RANDOM.nextInt(1_000_000));
  }

  static ClinicViews.ServiceView serviceView(ClinicServicesRecord s) {
    return new ClinicViews.ServiceView(
        s.getId(),
        s.getKind(),
        s.getName(),
        s.getSlotMinutes(),
        s.getCapacityPerSlot(),
        s.getHorizonDays());
  }

  private static ApiException needsHome() {
    return new ApiException(HttpStatus.CONFLICT, "needs-home");
  }
}
