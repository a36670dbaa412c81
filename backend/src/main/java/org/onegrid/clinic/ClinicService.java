package org.onegrid.clinic;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
  private final Duration offerWindow;

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
      @io.micronaut.context.annotation.Value("${onegrid.clinic.offer-minutes:30}")
          int offerMinutes) {
    this.clinics = clinics;
    this.bookings = bookings;
    this.accounts = accounts;
    this.grids = grids;
    this.notify = notify;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
    this.zone = config.getTimeZone();
    this.offerWindow = Duration.ofMinutes(offerMinutes);
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
    ClinicServicesRecord service = visibleService(viewer, serviceId);
    List<Instant> starts = schedule(service);
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
      return view(earlier.get(), true);
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
              String code = String.format("%06d", RANDOM.nextInt(1_000_000));
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
                          when(startsAt, locale),
                          patient.displayName(),
                          code));
              return created;
            });
    return view(bookings.findById(id).orElseThrow(), true);
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
              release(service, b.getStartsAt(), now);
              return bookings.findById(bookingId).orElseThrow();
            });
    return view(cancelled, true);
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
      return view(before, true);
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
          release(service, b.getStartsAt(), now);
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
                      when(to, locale),
                      accounts.get(b.getPatientId()).displayName(),
                      b.getCode()));
          return null;
        });
    return view(bookings.findById(bookingId).orElseThrow(), true);
  }

  /**
   * Puts the patient on a full slot's waiting list. When someone cancels, the longest waiting is
   * offered the place by SMS and it is held for them for a while.
   */
  public ClinicViews.WaitView joinWaitlist(
      Account booker,
      long serviceId,
      Instant startsAt,
      @Nullable Long patientId,
      @Nullable String reason) {
    ClinicServicesRecord service = visibleService(booker, serviceId);
    requireSlotService(service);
    if (!schedule(service).contains(startsAt)) {
      throw ApiException.invalidField("startsAt", "validation.not-a-slot");
    }
    Account patient = patientOf(booker, patientId);
    String why = reason == null || reason.isBlank() ? null : reason.trim();
    var entry =
        tx.run(
            () -> {
              if (bookings.lockSlot(serviceId, startsAt) < service.getCapacityPerSlot()) {
                throw new ApiException(HttpStatus.CONFLICT, "slot-not-full");
              }
              return bookings.joinWaitlist(
                  serviceId, startsAt, false, booker.id(), patient.id(), why, clock.instant());
            });
    return waitView(entry);
  }

  /**
   * Puts the patient on the waiting list of a whole day whose every slot is full: the first place
   * freed that day, at whatever time, is offered to whoever has waited longest for it or its day.
   */
  public ClinicViews.WaitView joinDayWaitlist(
      Account booker,
      long serviceId,
      LocalDate day,
      @Nullable Long patientId,
      @Nullable String reason) {
    ClinicServicesRecord service = visibleService(booker, serviceId);
    requireSlotService(service);
    List<ClinicViews.Slot> ofDay =
        slots(booker, serviceId).stream()
            .filter(s -> LocalDate.ofInstant(s.startsAt(), zone).equals(day))
            .toList();
    if (ofDay.isEmpty()) {
      throw ApiException.invalidField("day", "validation.not-a-slot");
    }
    if (ofDay.stream().anyMatch(s -> s.booked() < s.capacity())) {
      throw new ApiException(HttpStatus.CONFLICT, "slot-not-full");
    }
    Account patient = patientOf(booker, patientId);
    String why = reason == null || reason.isBlank() ? null : reason.trim();
    return waitView(
        bookings.joinWaitlist(
            serviceId,
            day.atStartOfDay(zone).toInstant(),
            true,
            booker.id(),
            patient.id(),
            why,
            clock.instant()));
  }

  /** The booker takes the place offered to them, while the offer stands. */
  public ClinicViews.BookingView acceptOffer(Account booker, long waitId) {
    var wait = bookings.findWait(waitId).orElseThrow(ApiException::notFound);
    if (wait.getBookerId() != booker.id()) {
      throw ApiException.notFound();
    }
    ClinicServicesRecord service = clinics.findService(wait.getServiceId()).orElseThrow();
    if (wait.getOfferedSlot() == null) {
      throw new ApiException(HttpStatus.CONFLICT, "offer-gone");
    }
    long id =
        tx.run(
            () -> {
              bookings.lockSlot(wait.getServiceId(), wait.getOfferedSlot());
              var now = bookings.findWait(waitId).orElseThrow();
              Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
              if (!BookingRepository.OFFERED.equals(now.getStatus())
                  || at.isAfter(now.getOfferedUntil())
                  || !wait.getOfferedSlot().equals(now.getOfferedSlot())) {
                throw new ApiException(HttpStatus.CONFLICT, "offer-gone");
              }
              Instant slot = now.getOfferedSlot();
              Instant endsAt = slot.plus(Duration.ofMinutes(service.getSlotMinutes()));
              if (bookings.patientBusy(now.getPatientId(), slot, endsAt)) {
                throw new ApiException(HttpStatus.CONFLICT, "patient-busy");
              }
              String code = String.format("%06d", RANDOM.nextInt(1_000_000));
              long created =
                  bookings.insert(
                      now.getServiceId(),
                      slot,
                      endsAt,
                      booker.id(),
                      now.getPatientId(),
                      homeGrid(accounts.get(now.getPatientId())).orElse(null),
                      now.getReason(),
                      code,
                      "waitlist:" + waitId,
                      at);
              bookings.setWaitStatus(waitId, "ACCEPTED");
              return created;
            });
    return view(bookings.findById(id).orElseThrow(), true);
  }

  /** My waiting-list entries and the places offered to me. */
  public List<ClinicViews.WaitView> myWaits(Account booker) {
    return bookings.findWaitsOf(booker.id()).stream().map(this::waitView).toList();
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

  /** Reminds the booker a day and two hours before; each reminder goes once, whichever instance. */
  @io.micronaut.scheduling.annotation.Scheduled(
      fixedDelay = "${onegrid.clinic.reminder-interval:5m}",
      initialDelay = "50s")
  void remind() {
    remind(clock.instant());
  }

  void remind(Instant now) {
    for (boolean dayBefore : new boolean[] {true, false}) {
      Instant until = now.plus(dayBefore ? Duration.ofHours(24) : Duration.ofHours(2));
      for (long id : bookings.findDueForReminder(now, until, dayBefore, 500)) {
        tx.run(
            () -> {
              if (!bookings.claimReminder(id, dayBefore, now)) {
                return null;
              }
              ClinicBookingsRecord b = bookings.findById(id).orElseThrow();
              ClinicServicesRecord service = clinics.findService(b.getServiceId()).orElseThrow();
              ClinicProvidersRecord provider =
                  clinics.findProvider(service.getProviderId()).orElseThrow();
              Account booker = accounts.get(b.getBookerId());
              notify.tell(
                  booker,
                  "clinic-reminder",
                  "/clinic",
                  locale ->
                      texts.get(
                          locale,
                          "sms.clinic-reminder",
                          service.getName(),
                          provider.getName(),
                          when(b.getStartsAt(), locale),
                          accounts.get(b.getPatientId()).displayName(),
                          b.getCode()));
              return null;
            });
      }
    }
  }

  /** Offers not taken in time pass to the next waiting, or free the place. */
  @io.micronaut.scheduling.annotation.Scheduled(
      fixedDelay = "${onegrid.clinic.offer-check-interval:1m}",
      initialDelay = "40s")
  void expireOffers() {
    expireOffers(clock.instant());
  }

  void expireOffers(Instant now) {
    for (var offer : bookings.findExpiredOffers(now, 200)) {
      tx.run(
          () -> {
            bookings.lockSlot(offer.getServiceId(), offer.getOfferedSlot());
            var current = bookings.findWait(offer.getId()).orElseThrow();
            if (BookingRepository.OFFERED.equals(current.getStatus())
                && current.getOfferedUntil().isBefore(now)
                && offer.getOfferedSlot().equals(current.getOfferedSlot())) {
              bookings.setWaitStatus(offer.getId(), "EXPIRED");
              release(
                  clinics.findService(offer.getServiceId()).orElseThrow(),
                  offer.getOfferedSlot(),
                  now);
            }
            return null;
          });
    }
  }

  /**
   * A place of the slot came free (the slot's row is locked): offered to the longest waiting, held
   * for them, and texted; else the slot has one more free place.
   */
  private void release(ClinicServicesRecord service, Instant startsAt, Instant now) {
    Optional<org.onegrid.db.tables.records.ClinicWaitlistRecord> next =
        startsAt.isAfter(now)
            ? bookings.findFirstWaiting(
                service.getId(),
                startsAt,
                LocalDate.ofInstant(startsAt, zone).atStartOfDay(zone).toInstant())
            : Optional.empty();
    if (next.isEmpty()) {
      bookings.addToSlot(service.getId(), startsAt, -1);
      return;
    }
    Instant offered = now.plus(offerWindow);
    Instant until = offered.isAfter(startsAt) ? startsAt : offered;
    bookings.offer(next.get().getId(), startsAt, until);
    Account booker = accounts.get(next.get().getBookerId());
    notify.tell(
        booker,
        "clinic-offer",
        "/clinic",
        locale ->
            texts.get(
                locale,
                "sms.clinic-offer",
                service.getName(),
                when(startsAt, locale),
                String.valueOf(Duration.between(now, until).toMinutes())));
  }

  private ClinicViews.WaitView waitView(org.onegrid.db.tables.records.ClinicWaitlistRecord w) {
    ClinicServicesRecord service = clinics.findService(w.getServiceId()).orElseThrow();
    return new ClinicViews.WaitView(
        w.getId(),
        service.getId(),
        service.getName(),
        w.getStartsAt(),
        w.getWholeDay(),
        w.getOfferedSlot(),
        accounts.get(w.getPatientId()).displayName(),
        w.getStatus(),
        w.getOfferedUntil());
  }

  /** Bookings I made or am the patient of, from today on. */
  public List<ClinicViews.BookingView> mine(Account person) {
    return bookings.findOfPerson(person.id(), clock.instant().minus(Duration.ofHours(12))).stream()
        .map(b -> view(b, true))
        .toList();
  }

  /** A service's bookings of one day, with reasons, for the provider's own staff only. */
  public List<ClinicViews.BookingView> dayList(Account staff, long serviceId, LocalDate day) {
    ClinicServicesRecord service =
        clinics.findService(serviceId).orElseThrow(ApiException::notFound);
    requireProviderStaff(staff, service);
    Instant from = day.atStartOfDay(zone).toInstant();
    return bookings
        .findOfService(serviceId, from, day.plusDays(1).atStartOfDay(zone).toInstant())
        .stream()
        .map(b -> view(b, true))
        .toList();
  }

  static final Duration ATTENDANCE_UNDO = Duration.ofDays(1);

  /**
   * The provider's staff mark a booking attended or a no-show, from the time the visit starts (not
   * weeks before it).
   */
  public ClinicViews.BookingView mark(Account staff, long bookingId, boolean attended) {
    ClinicBookingsRecord b = bookings.findById(bookingId).orElseThrow(ApiException::notFound);
    requireProviderStaff(staff, clinics.findService(b.getServiceId()).orElseThrow());
    if (!BookingRepository.BOOKED.equals(b.getStatus())) {
      throw new ApiException(HttpStatus.CONFLICT, "booking-state");
    }
    Instant now = clock.instant();
    if (now.isBefore(b.getStartsAt())) {
      throw new ApiException(HttpStatus.CONFLICT, "attendance-too-early");
    }
    bookings.setStatus(bookingId, attended ? "ATTENDED" : "NO_SHOW", now);
    return view(bookings.findById(bookingId).orElseThrow(), true);
  }

  /** Takes back a mark of attendance made by mistake, within a day of making it. */
  public ClinicViews.BookingView unmark(Account staff, long bookingId) {
    ClinicBookingsRecord b = bookings.findById(bookingId).orElseThrow(ApiException::notFound);
    requireProviderStaff(staff, clinics.findService(b.getServiceId()).orElseThrow());
    if (!"ATTENDED".equals(b.getStatus()) && !"NO_SHOW".equals(b.getStatus())) {
      throw new ApiException(HttpStatus.CONFLICT, "booking-state");
    }
    Instant now = clock.instant();
    if (now.isAfter(b.getUpdatedAt().plus(ATTENDANCE_UNDO))) {
      throw new ApiException(HttpStatus.CONFLICT, "attendance-undo-too-late");
    }
    bookings.setStatus(bookingId, BookingRepository.BOOKED, now);
    return view(bookings.findById(bookingId).orElseThrow(), true);
  }

  /** Creates a provider with its services and hours (demo data, admin tools). */
  public long addProvider(
      long communityId,
      String kind,
      String name,
      @Nullable String address,
      @Nullable String phone) {
    return clinics.insertProvider(communityId, kind, name, address, phone);
  }

  /** Lets a clinician work for a provider (demo data, admin tools). */
  public void addStaff(long providerId, long clinicianId) {
    clinics.insertStaff(providerId, clinicianId);
  }

  /** An area doctor serves a grid: its residents see them, others of the community do not. */
  public void serveGrid(long providerId, long gridId) {
    clinics.insertAreaGrid(providerId, gridId);
  }

  public long addService(
      long providerId,
      String kind,
      String name,
      int slotMinutes,
      int capacity,
      int minNoticeHours,
      int horizonDays,
      int cancelCutoffHours,
      Map<Integer, List<LocalTime[]>> weeklyHours) {
    long id =
        clinics.insertService(
            providerId,
            kind,
            name,
            slotMinutes,
            capacity,
            minNoticeHours,
            horizonDays,
            cancelCutoffHours);
    weeklyHours.forEach(
        (weekday, periods) -> periods.forEach(p -> clinics.insertHours(id, weekday, p[0], p[1])));
    return id;
  }

  public void closeOn(long serviceId, LocalDate day, @Nullable String reason) {
    clinics.insertClosure(serviceId, day, reason);
  }

  /** The slot starts of a service from now (plus notice) to its horizon, in order. */
  private List<Instant> schedule(ClinicServicesRecord service) {
    Instant now = clock.instant();
    Instant earliest = now.plus(Duration.ofHours(service.getMinNoticeHours()));
    LocalDate today = LocalDate.ofInstant(now, zone);
    LocalDate last = today.plusDays(service.getHorizonDays());
    Set<LocalDate> closed = clinics.findClosures(service.getId(), today, last);
    List<ClinicRepository.Hours> hours = clinics.findHours(service.getId());
    List<Instant> starts = new ArrayList<>();
    for (LocalDate d = today; !d.isAfter(last); d = d.plusDays(1)) {
      if (closed.contains(d)) {
        continue;
      }
      int weekday = d.getDayOfWeek().getValue();
      for (ClinicRepository.Hours h : hours) {
        if (h.weekday() != weekday) {
          continue;
        }
        for (LocalTime t = h.opens();
            !t.plusMinutes(service.getSlotMinutes()).isAfter(h.closes()) && !t.isBefore(h.opens());
            t = t.plusMinutes(service.getSlotMinutes())) {
          Instant start = ZonedDateTime.of(d, t, zone).toInstant();
          if (!start.isBefore(earliest)) {
            starts.add(start);
          }
          if (t.plusMinutes(service.getSlotMinutes()).isBefore(t)) {
            break;
          }
        }
      }
    }
    starts.sort(null);
    return starts;
  }

  ClinicServicesRecord visibleService(Account viewer, long serviceId) {
    ClinicServicesRecord service =
        clinics.findService(serviceId).orElseThrow(ApiException::notFound);
    ClinicProvidersRecord provider = clinics.findProvider(service.getProviderId()).orElseThrow();
    boolean ownStaff = clinics.isStaff(provider.getId(), viewer.id());
    boolean inCommunity =
        communityOf(viewer).map(c -> c.id() == provider.getCommunityId()).orElse(false);
    if (!ownStaff && !inCommunity) {
      throw ApiException.notFound();
    }
    return service;
  }

  void requireProviderStaff(Account staff, ClinicServicesRecord service) {
    if (!clinics.isStaff(service.getProviderId(), staff.id())) {
      throw ApiException.notFound();
    }
  }

  /** Home visits and green-channel referrals are requested, not booked by slot. */
  private static void requireSlotService(ClinicServicesRecord service) {
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

  private ClinicViews.BookingView view(ClinicBookingsRecord b, boolean withReason) {
    ClinicServicesRecord service = clinics.findService(b.getServiceId()).orElseThrow();
    ClinicProvidersRecord provider = clinics.findProvider(service.getProviderId()).orElseThrow();
    Account patient = accounts.get(b.getPatientId());
    boolean cancellable =
        BookingRepository.BOOKED.equals(b.getStatus())
            && clock
                .instant()
                .isBefore(b.getStartsAt().minus(Duration.ofHours(service.getCancelCutoffHours())));
    return new ClinicViews.BookingView(
        b.getId(),
        service.getId(),
        service.getName(),
        provider.getName(),
        provider.getAddress(),
        b.getStartsAt(),
        b.getEndsAt(),
        patient.id(),
        patient.displayName(),
        withReason ? b.getReason() : null,
        b.getStatus(),
        b.getCode(),
        cancellable);
  }

  private String when(Instant at, Locale locale) {
    return texts.when(at, locale);
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
