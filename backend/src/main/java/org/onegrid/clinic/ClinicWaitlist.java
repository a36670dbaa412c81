package org.onegrid.clinic;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.platform.Strings;
import org.onegrid.platform.Tx;

/**
 * Waiting for a full slot or a full day: whoever waits longest is offered the next place freed
 * ({@link FreedPlaces}), takes it while the offer stands, or lets it pass to the next.
 */
@Singleton
public class ClinicWaitlist {

  private final ClinicService clinic;
  private final ClinicRepository clinics;
  private final BookingRepository bookings;
  private final BookingViews views;
  private final FreedPlaces freed;
  private final BookingFeed feed;
  private final AccountService accounts;
  private final Tx tx;
  private final Clock clock;
  private final ZoneId zone;

  ClinicWaitlist(
      ClinicService clinic,
      ClinicRepository clinics,
      BookingRepository bookings,
      BookingViews views,
      FreedPlaces freed,
      BookingFeed feed,
      AccountService accounts,
      Tx tx,
      Clock clock,
      OneGridConfig config) {
    this.clinic = clinic;
    this.clinics = clinics;
    this.bookings = bookings;
    this.views = views;
    this.freed = freed;
    this.feed = feed;
    this.accounts = accounts;
    this.tx = tx;
    this.clock = clock;
    this.zone = config.getTimeZone();
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
    ClinicServicesRecord service = clinic.visibleService(booker, serviceId);
    ClinicService.requireSlotService(service);
    if (!clinic.schedule(service).contains(startsAt)) {
      throw ApiException.invalidField("startsAt", "validation.not-a-slot");
    }
    Account patient = clinic.patientOf(booker, patientId);
    String why = Strings.blankToNull(reason);
    var entry =
        tx.run(
            () -> {
              if (bookings.lockSlot(serviceId, startsAt) < service.getCapacityPerSlot()) {
                throw new ApiException(HttpStatus.CONFLICT, "slot-not-full");
              }
              return bookings.joinWaitlist(
                  serviceId, startsAt, false, booker.id(), patient.id(), why, clock.instant());
            });
    return views.waitView(entry);
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
    ClinicServicesRecord service = clinic.visibleService(booker, serviceId);
    ClinicService.requireSlotService(service);
    List<ClinicViews.Slot> ofDay =
        clinic.slots(booker, serviceId).stream()
            .filter(s -> LocalDate.ofInstant(s.startsAt(), zone).equals(day))
            .toList();
    if (ofDay.isEmpty()) {
      throw ApiException.invalidField("day", "validation.not-a-slot");
    }
    if (ofDay.stream().anyMatch(s -> s.booked() < s.capacity())) {
      throw new ApiException(HttpStatus.CONFLICT, "slot-not-full");
    }
    Account patient = clinic.patientOf(booker, patientId);
    String why = Strings.blankToNull(reason);
    return views.waitView(
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
              String code = ClinicService.bookingCode();
              long created =
                  bookings.insert(
                      now.getServiceId(),
                      slot,
                      endsAt,
                      booker.id(),
                      now.getPatientId(),
                      clinic.homeGrid(accounts.get(now.getPatientId())).orElse(null),
                      now.getReason(),
                      code,
                      "waitlist:" + waitId,
                      at);
              bookings.setWaitStatus(waitId, "ACCEPTED");
              feed.made(created);
              return created;
            });
    return views.view(bookings.findById(id).orElseThrow(), true);
  }

  /** My waiting-list entries and the places offered to me. */
  public List<ClinicViews.WaitView> myWaits(Account booker) {
    return bookings.findWaitsOf(booker.id()).stream().map(views::waitView).toList();
  }

  /** Offers not taken in time pass to the next waiting, or free the place. */
  @Scheduled(fixedDelay = "${onegrid.clinic.offer-check-interval:1m}", initialDelay = "40s")
  void expireOffers() {
    expireOffers(clock.instant());
  }

  void expireOffers(Instant now) {
    for (var offer : bookings.findExpiredOffers(now, 200)) {
      tx.runAlone(
          () -> {
            bookings.lockSlot(offer.getServiceId(), offer.getOfferedSlot());
            var current = bookings.findWait(offer.getId()).orElseThrow();
            if (BookingRepository.OFFERED.equals(current.getStatus())
                && current.getOfferedUntil().isBefore(now)
                && offer.getOfferedSlot().equals(current.getOfferedSlot())) {
              bookings.setWaitStatus(offer.getId(), "EXPIRED");
              freed.release(
                  clinics.findService(offer.getServiceId()).orElseThrow(),
                  offer.getOfferedSlot(),
                  now);
            }
            return null;
          });
    }
  }
}
