package org.onegrid.clinic;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.db.tables.records.ClinicBookingsRecord;
import org.onegrid.db.tables.records.ClinicProvidersRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Tx;

/** Texts each booker a day and two hours before the visit, each reminder once. */
@Singleton
class ClinicReminders {

  private final BookingRepository bookings;
  private final ClinicRepository clinics;
  private final AccountService accounts;
  private final Notifications notify;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;

  ClinicReminders(
      BookingRepository bookings,
      ClinicRepository clinics,
      AccountService accounts,
      Notifications notify,
      Messages texts,
      Tx tx,
      Clock clock) {
    this.bookings = bookings;
    this.clinics = clinics;
    this.accounts = accounts;
    this.notify = notify;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
  }

  /** Reminds the booker a day and two hours before; each reminder goes once, whichever instance. */
  @Scheduled(fixedDelay = "${onegrid.clinic.reminder-interval:5m}", initialDelay = "50s")
  void remind() {
    remind(clock.instant());
  }

  void remind(Instant now) {
    for (boolean dayBefore : new boolean[] {true, false}) {
      Instant until = now.plus(dayBefore ? Duration.ofHours(24) : Duration.ofHours(2));
      for (long id : bookings.findDueForReminder(now, until, dayBefore, 500)) {
        tx.runAlone(
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
                          texts.when(b.getStartsAt(), locale),
                          accounts.get(b.getPatientId()).displayName(),
                          b.getCode()));
              return null;
            });
      }
    }
  }
}
