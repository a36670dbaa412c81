package org.onegrid.clinic;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.db.tables.records.ClinicBookingsRecord;
import org.onegrid.db.tables.records.ClinicProvidersRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Ics;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Tx;

/**
 * Booking a slot of a clinic service, for oneself or someone of one's household: never beyond the
 * slot's places (bookings of one slot queue on its row), never twice for one patient at one time,
 * the same Idempotency-Key giving back the first booking; cancelling and moving a booking free its
 * place for the waiting list; each booking as a calendar file.
 */
@Singleton
class ClinicBookings {

  private final ClinicService clinic;
  private final ClinicRepository clinics;
  private final BookingRepository bookings;
  private final AccountService accounts;
  private final Notifications notify;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;
  private final BookingViews views;
  private final FreedPlaces freed;
  private final BookingFeed feed;

  ClinicBookings(
      ClinicService clinic,
      ClinicRepository clinics,
      BookingRepository bookings,
      AccountService accounts,
      Notifications notify,
      Messages texts,
      Tx tx,
      Clock clock,
      BookingViews views,
      FreedPlaces freed,
      BookingFeed feed) {
    this.clinic = clinic;
    this.clinics = clinics;
    this.bookings = bookings;
    this.accounts = accounts;
    this.notify = notify;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
    this.views = views;
    this.freed = freed;
    this.feed = feed;
  }

  /**
   * Books a slot for the booker or someone of their household. The same key from the same booker
   * returns the first booking.
   */
  ClinicViews.BookingView book(
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
    ClinicServicesRecord service = clinic.visibleService(booker, serviceId);
    ClinicService.requireSlotService(service);
    if (!clinic.schedule(service).contains(startsAt)) {
      throw ApiException.invalidField("startsAt", "validation.not-a-slot");
    }
    Account patient = clinic.patientOf(booker, patientId);
    Long gridId = clinic.homeGrid(patient).orElse(null);
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
              String code = ClinicService.bookingCode();
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
  ClinicViews.BookingView cancel(Account person, long bookingId) {
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
  ClinicViews.BookingView reschedule(Account person, long bookingId, Instant to) {
    ClinicBookingsRecord before = bookings.findById(bookingId).orElseThrow(ApiException::notFound);
    if (before.getBookerId() != person.id() && before.getPatientId() != person.id()) {
      throw ApiException.notFound();
    }
    ClinicServicesRecord service = clinics.findService(before.getServiceId()).orElseThrow();
    if (!clinic.schedule(service).contains(to)) {
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
  String ics(Account person, long bookingId) {
    ClinicBookingsRecord b = bookings.findById(bookingId).orElseThrow(ApiException::notFound);
    if (b.getBookerId() != person.id() && b.getPatientId() != person.id()) {
      throw ApiException.notFound();
    }
    ClinicServicesRecord service = clinics.findService(b.getServiceId()).orElseThrow();
    ClinicProvidersRecord provider = clinics.findProvider(service.getProviderId()).orElseThrow();
    return Ics.event(
        "clinic-" + b.getId(),
        clock.instant(),
        b.getStartsAt(),
        b.getEndsAt(),
        service.getName() + " · " + provider.getName(),
        provider.getAddress() == null ? provider.getName() : provider.getAddress(),
        b.getCode());
  }

  /** Bookings I made or am the patient of, from today on. */
  List<ClinicViews.BookingView> mine(Account person) {
    return bookings.findOfPerson(person.id(), clock.instant().minus(Duration.ofHours(12))).stream()
        .map(b -> views.view(b, true))
        .toList();
  }
}
