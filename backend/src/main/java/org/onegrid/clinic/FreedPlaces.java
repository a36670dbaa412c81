package org.onegrid.clinic;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.db.tables.records.ClinicWaitlistRecord;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.Messages;
import org.onegrid.platform.OneGridConfig;

/**
 * A booked place that comes free (a cancellation, a move, an offer not taken) goes to whoever has
 * waited longest for its slot or its day, held for them a while; else the slot has one more place.
 */
@Singleton
class FreedPlaces {

  private final BookingRepository bookings;
  private final AccountService accounts;
  private final Notifications notify;
  private final Messages texts;
  private final ZoneId zone;
  private final Duration offerWindow;

  FreedPlaces(
      BookingRepository bookings,
      AccountService accounts,
      Notifications notify,
      Messages texts,
      OneGridConfig config,
      @Value("${onegrid.clinic.offer-minutes:30}") int offerMinutes) {
    this.bookings = bookings;
    this.accounts = accounts;
    this.notify = notify;
    this.texts = texts;
    this.zone = config.getTimeZone();
    this.offerWindow = Duration.ofMinutes(offerMinutes);
  }

  /**
   * A place of the slot came free (the slot's row is locked): offered to the longest waiting, held
   * for them, and texted; else the slot has one more free place.
   */
  void release(ClinicServicesRecord service, Instant startsAt, Instant now) {
    Optional<ClinicWaitlistRecord> next =
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
                texts.when(startsAt, locale),
                String.valueOf(Duration.between(now, until).toMinutes())));
  }
}
