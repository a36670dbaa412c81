package org.onegrid.clinic;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.db.tables.records.ClinicBookingsRecord;
import org.onegrid.db.tables.records.ClinicProvidersRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.db.tables.records.ClinicWaitlistRecord;

/** Bookings and waiting-list entries as their people read them. */
@Singleton
class BookingViews {

  private final ClinicRepository clinics;
  private final AccountService accounts;
  private final Clock clock;

  BookingViews(ClinicRepository clinics, AccountService accounts, Clock clock) {
    this.clinics = clinics;
    this.accounts = accounts;
    this.clock = clock;
  }

  /** A booking as its booker, patient and the provider's staff read it (the reason if asked). */
  ClinicViews.BookingView view(ClinicBookingsRecord b, boolean withReason) {
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

  /** A waiting-list entry with the place offered, if any. */
  ClinicViews.WaitView waitView(ClinicWaitlistRecord w) {
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
}
