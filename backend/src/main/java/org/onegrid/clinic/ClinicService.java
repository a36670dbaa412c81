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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.db.tables.records.ClinicBookingsRecord;
import org.onegrid.db.tables.records.ClinicProvidersRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.platform.Tx;

/**
 * Booking clinic services of one's community: slots come from each service's weekly hours and
 * closures in the community's zone, within its notice and horizon; a slot is never booked past its
 * capacity (bookings of one slot queue on its count row); a retry with the same key books once; a
 * patient never holds two overlapping bookings. The reason for a visit is seen by the person and
 * the provider's staff only.
 */
@Singleton
public class ClinicService {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ClinicRepository clinics;
  private final BookingRepository bookings;
  private final AccountService accounts;
  private final GridService grids;
  private final Notifications notify;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;
  private final ZoneId zone;
  private final BookingViews views;
  private final FreedPlaces freed;
  private final BookingFeed feed;

  ClinicService(
      ClinicRepository clinics,
      BookingRepository bookings,
      AccountService accounts,
      GridService grids,
      Notifications notify,
      Messages texts,
      Tx tx,
      Clock clock,
      OneGridConfig config,
      BookingViews views,
      FreedPlaces freed,
      BookingFeed feed) {
    this.clinics = clinics;
    this.bookings = bookings;
    this.accounts = accounts;
    this.grids = grids;
    this.notify = notify;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
    this.zone = config.getTimeZone();
    this.views = views;
    this.freed = freed;
    this.feed = feed;
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

  /**
   * Books a slot for the booker or someone of their household. The same key from the same booker
   * returns the first booking.
   */
  public ClinicViews.BookingView book(
      Account booker,
      long serviceId,
      Instant startsAt,
      @Nullable Long patientId,
      @Nullable String reason,
      String key) {
    Optional<ClinicBookingsRecord> earlier = bookings.findByKey(booker.id(), key);
    if (earlier.isPresent()) {
      return views.view(earlier.get(), true);
    }
    ClinicServicesRecord service = visibleService(booker, serviceId);
    requireSlotService(service);
    if (!schedule(service).contains(startsAt)) {
      throw ApiException.invalidField("startsAt", "validation.not-a-slot");
    }
    Account patient = patientOf(booker, patientId);
    Long gridId = homeGrid(patient).orElse(null);
    Instant endsAt = startsAt.plus(Duration.ofMinutes(service.getSlotMinutes()));
    String why = reason == null || reason.isBlank() ? null : reason.trim();
    long id =
        tx.run(
            () -> {
              int taken = bookings.lockSlot(serviceId, startsAt);
              Optional<ClinicBookingsRecord> raced = bookings.findByKey(booker.id(), key);
              if (raced.isPresent()) {
                return raced.get().getId();
              }
              if (taken >= service.getCapacityPerSlot()) {
                throw new ApiException(HttpStatus.CONFLICT, "slot-full");
              }
              if (bookings.patientBusy(patient.id(), startsAt, endsAt)) {
                throw new ApiException(HttpStatus.CONFLICT, "patient-busy");
              }
              Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
              String code = bookingCode();
              long created =
                  bookings.insert(
                      serviceId,
                      startsAt,
                      endsAt,
                      booker.id(),
                      patient.id(),
                      gridId,
                      why,
                      code,
                      key,
                      now);
              bookings.addToSlot(serviceId, startsAt, 1);
              feed.made(created);
              ClinicProvidersRecord provider =
                  clinics.findProvider(service.getProviderId()).orElseThrow();
              notify.tell(
                  booker,
                  "clinic-booked",
                  "/clinic",
                  locale ->
                      texts.get(
                          locale,
                          "sms.clinic-booked",
                          service.getName(),
                          provider.getName(),
                          texts.when(startsAt, locale),
                          patient.displayName(),
                          code));
              return created;
            });
    return views.view(bookings.findById(id).orElseThrow(), true);
  }

  /** Cancels a booking until the service's cut-off; the place is free again. */
  public ClinicViews.BookingView cancel(Account person, long bookingId) {
    ClinicBookingsRecord cancelled =
        tx.run(
            () -> {
              ClinicBookingsRecord b =
                  bookings.lockById(bookingId).orElseThrow(ApiException::notFound);
              if (b.getBookerId() != person.id() && b.getPatientId() != person.id()) {
                throw ApiException.notFound();
              }
              if (!BookingRepository.BOOKED.equals(b.getStatus())) {
                return b;
              }
              ClinicServicesRecord service = clinics.findService(b.getServiceId()).orElseThrow();
              Instant now = clock.instant();
              if (now.isAfter(
                  b.getStartsAt().minus(Duration.ofHours(service.getCancelCutoffHours())))) {
                throw new ApiException(HttpStatus.CONFLICT, "booking-cutoff");
              }
              bookings.lockSlot(b.getServiceId(), b.getStartsAt());
              bookings.setStatus(b.getId(), BookingRepository.CANCELLED, now);
              freed.release(service, b.getStartsAt(), now);
              feed.cancelled(b.getId());
              return bookings.findById(bookingId).orElseThrow();
            });
    return views.view(cancelled, true);
  }

  /**
   * Moves a booking to another slot of the same service until the cut-off: the new place is taken
   * before the old one is freed (and offered to whoever waits for it), in one transaction, so the
   * patient never ends up with neither. Slot rows are locked in time order so two moves never
   * deadlock.
   */
  public ClinicViews.BookingView reschedule(Account person, long bookingId, Instant to) {
    ClinicBookingsRecord before = bookings.findById(bookingId).orElseThrow(ApiException::notFound);
    if (before.getBookerId() != person.id() && before.getPatientId() != person.id()) {
      throw ApiException.notFound();
    }
    ClinicServicesRecord service = clinics.findService(before.getServiceId()).orElseThrow();
    if (!schedule(service).contains(to)) {
      throw ApiException.invalidField("startsAt", "validation.not-a-slot");
    }
    if (to.equals(before.getStartsAt())) {
      return views.view(before, true);
    }
    Instant endsAt = to.plus(Duration.ofMinutes(service.getSlotMinutes()));
    tx.run(
        () -> {
          Instant from = before.getStartsAt();
          int taken;
          if (from.isBefore(to)) {
            bookings.lockSlot(service.getId(), from);
            taken = bookings.lockSlot(service.getId(), to);
          } else {
            taken = bookings.lockSlot(service.getId(), to);
            bookings.lockSlot(service.getId(), from);
          }
          ClinicBookingsRecord b = bookings.lockById(bookingId).orElseThrow();
          Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          if (!BookingRepository.BOOKED.equals(b.getStatus())
              || now.isAfter(
                  b.getStartsAt().minus(Duration.ofHours(service.getCancelCutoffHours())))) {
            throw new ApiException(HttpStatus.CONFLICT, "booking-cutoff");
          }
          if (taken >= service.getCapacityPerSlot()) {
            throw new ApiException(HttpStatus.CONFLICT, "slot-full");
          }
          if (bookings.patientBusy(b.getPatientId(), to, endsAt, b.getId())) {
            throw new ApiException(HttpStatus.CONFLICT, "patient-busy");
          }
          bookings.move(b.getId(), to, endsAt, now);
          bookings.addToSlot(service.getId(), to, 1);
          freed.release(service, b.getStartsAt(), now);
          Account booker = accounts.get(b.getBookerId());
          ClinicProvidersRecord provider =
              clinics.findProvider(service.getProviderId()).orElseThrow();
          notify.tell(
              booker,
              "clinic-moved",
              "/clinic",
              locale ->
                  texts.get(
                      locale,
                      "sms.clinic-moved",
                      service.getName(),
                      provider.getName(),
                      texts.when(to, locale),
                      accounts.get(b.getPatientId()).displayName(),
                      b.getCode()));
          return null;
        });
    return views.view(bookings.findById(bookingId).orElseThrow(), true);
  }

  /** The booking as an iCalendar file, for its booker or patient. */
  public String ics(Account person, long bookingId) {
    ClinicBookingsRecord b = bookings.findById(bookingId).orElseThrow(ApiException::notFound);
    if (b.getBookerId() != person.id() && b.getPatientId() != person.id()) {
      throw ApiException.notFound();
    }
    ClinicServicesRecord service = clinics.findService(b.getServiceId()).orElseThrow();
    ClinicProvidersRecord provider = clinics.findProvider(service.getProviderId()).orElseThrow();
    return org.onegrid.platform.Ics.event(
        "clinic-" + b.getId(),
        clock.instant(),
        b.getStartsAt(),
        b.getEndsAt(),
        service.getName() + " · " + provider.getName(),
        provider.getAddress() == null ? provider.getName() : provider.getAddress(),
        b.getCode());
  }

  /** Bookings I made or am the patient of, from today on. */
  public List<ClinicViews.BookingView> mine(Account person) {
    return bookings.findOfPerson(person.id(), clock.instant().minus(Duration.ofHours(12))).stream()
        .map(b -> views.view(b, true))
        .toList();
  }

  /** The slot starts of a service from now (plus notice) to its horizon, in order. */
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
        : grids.household(person.householdId()).map(org.onegrid.grid.Address::gridId);
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
