package org.onegrid.clinic;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.db.tables.records.ClinicBookingsRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.OneGridConfig;

/** The provider's staff at the desk: a day's bookings with reasons, attended or not. */
@Singleton
public class ClinicDesk {

  private final ClinicService clinic;
  private final ClinicRepository clinics;
  private final BookingRepository bookings;
  private final BookingViews views;
  private final Clock clock;
  private final ZoneId zone;

  ClinicDesk(
      ClinicService clinic,
      ClinicRepository clinics,
      BookingRepository bookings,
      BookingViews views,
      Clock clock,
      OneGridConfig config) {
    this.clinic = clinic;
    this.clinics = clinics;
    this.bookings = bookings;
    this.views = views;
    this.clock = clock;
    this.zone = config.getTimeZone();
  }

  /** A service's bookings of one day, with reasons, for the provider's own staff only. */
  public List<ClinicViews.BookingView> dayList(Account staff, long serviceId, LocalDate day) {
    ClinicServicesRecord service =
        clinics.findService(serviceId).orElseThrow(ApiException::notFound);
    clinic.requireProviderStaff(staff, service);
    Instant from = day.atStartOfDay(zone).toInstant();
    return bookings
        .findOfService(serviceId, from, day.plusDays(1).atStartOfDay(zone).toInstant())
        .stream()
        .map(b -> views.view(b, true))
        .toList();
  }

  static final Duration ATTENDANCE_UNDO = Duration.ofDays(1);

  /**
   * The provider's staff mark a booking attended or a no-show, from the time the visit starts (not
   * weeks before it).
   */
  public ClinicViews.BookingView mark(Account staff, long bookingId, boolean attended) {
    ClinicBookingsRecord b = bookings.findById(bookingId).orElseThrow(ApiException::notFound);
    clinic.requireProviderStaff(staff, clinics.findService(b.getServiceId()).orElseThrow());
    if (!BookingRepository.BOOKED.equals(b.getStatus())) {
      throw new ApiException(HttpStatus.CONFLICT, "booking-state");
    }
    Instant now = clock.instant();
    if (now.isBefore(b.getStartsAt())) {
      throw new ApiException(HttpStatus.CONFLICT, "attendance-too-early");
    }
    bookings.setStatus(bookingId, attended ? "ATTENDED" : "NO_SHOW", now);
    return views.view(bookings.findById(bookingId).orElseThrow(), true);
  }

  /** Takes back a mark of attendance made by mistake, within a day of making it. */
  public ClinicViews.BookingView unmark(Account staff, long bookingId) {
    ClinicBookingsRecord b = bookings.findById(bookingId).orElseThrow(ApiException::notFound);
    clinic.requireProviderStaff(staff, clinics.findService(b.getServiceId()).orElseThrow());
    if (!"ATTENDED".equals(b.getStatus()) && !"NO_SHOW".equals(b.getStatus())) {
      throw new ApiException(HttpStatus.CONFLICT, "booking-state");
    }
    Instant now = clock.instant();
    if (now.isAfter(b.getUpdatedAt().plus(ATTENDANCE_UNDO))) {
      throw new ApiException(HttpStatus.CONFLICT, "attendance-undo-too-late");
    }
    bookings.setStatus(bookingId, BookingRepository.BOOKED, now);
    return views.view(bookings.findById(bookingId).orElseThrow(), true);
  }
}
