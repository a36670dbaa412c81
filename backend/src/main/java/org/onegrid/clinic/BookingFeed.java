package org.onegrid.clinic;

import jakarta.inject.Singleton;
import org.onegrid.db.tables.records.ClinicBookingsRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.webhook.EventFeed;
import org.onegrid.webhook.EventType;
import org.onegrid.webhook.WebhookEvent;

/**
 * Tells the systems that follow bookings that one was made or cancelled, under the patient's grid
 * (or the clinic's community for a patient with no home grid); never who the patient is.
 */
@Singleton
class BookingFeed {

  private final BookingRepository bookings;
  private final ClinicRepository clinics;
  private final GridService grids;
  private final EventFeed feed;

  BookingFeed(
      BookingRepository bookings, ClinicRepository clinics, GridService grids, EventFeed feed) {
    this.bookings = bookings;
    this.clinics = clinics;
    this.grids = grids;
    this.feed = feed;
  }

  /** Call in the transaction that made the booking. */
  void made(long bookingId) {
    publish(EventType.BOOKING_MADE, bookingId);
  }

  /** Call in the transaction that cancelled the booking. */
  void cancelled(long bookingId) {
    publish(EventType.BOOKING_CANCELLED, bookingId);
  }

  private void publish(EventType type, long bookingId) {
    feed.publish(
        type,
        "booking:" + bookingId,
        () -> {
          ClinicBookingsRecord b = bookings.findById(bookingId).orElseThrow();
          ClinicServicesRecord service = clinics.findService(b.getServiceId()).orElseThrow();
          GridNode node =
              b.getGridId() != null
                  ? grids.get(b.getGridId())
                  : grids.get(
                      clinics.findProvider(service.getProviderId()).orElseThrow().getCommunityId());
          return EventFeed.Subject.of(
              node,
              new WebhookEvent.BookingData(
                  b.getId(),
                  service.getId(),
                  service.getName(),
                  b.getStartsAt(),
                  b.getEndsAt(),
                  b.getStatus()));
        });
  }
}
