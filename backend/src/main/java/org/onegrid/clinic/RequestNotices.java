package org.onegrid.clinic;

import jakarta.inject.Singleton;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.care.CareService;
import org.onegrid.db.tables.records.ClinicProvidersRecord;
import org.onegrid.db.tables.records.ClinicRequestsRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.Messages;

/**
 * Who hears about a home visit or referral request, in their own language: the provider's staff of
 * a new one, the patient and whoever asked of what the provider decided, and the grid leader of a
 * resident on the care list that something was asked, scheduled or declined (never why).
 */
@Singleton
class RequestNotices {

  private final ClinicRepository clinics;
  private final AccountService accounts;
  private final CareService care;
  private final Notifications notify;
  private final Messages texts;

  RequestNotices(
      ClinicRepository clinics,
      AccountService accounts,
      CareService care,
      Notifications notify,
      Messages texts) {
    this.clinics = clinics;
    this.accounts = accounts;
    this.care = care;
    this.notify = notify;
    this.texts = texts;
  }

  void tellProvider(ClinicRequestsRecord r, String key, String patientName) {
    ClinicServicesRecord service = clinics.findService(r.getServiceId()).orElseThrow();
    for (Account staff : accounts.byIds(clinics.findStaffIds(r.getProviderId())).values()) {
      notify.tell(
          staff,
          "clinic-request",
          "/clinician",
          locale -> texts.get(locale, key, service.getName(), patientName));
    }
  }

  void tellPerson(Account person, ClinicRequestsRecord r, String key) {
    ClinicServicesRecord service = clinics.findService(r.getServiceId()).orElseThrow();
    ClinicProvidersRecord provider = clinics.findProvider(r.getProviderId()).orElseThrow();
    notify.tell(
        person,
        "clinic-request",
        "/clinic",
        locale ->
            texts.get(
                locale,
                key,
                service.getName(),
                provider.getName(),
                r.getScheduledAt() == null ? "" : texts.when(r.getScheduledAt(), locale),
                r.getProviderNote() == null ? "" : r.getProviderNote(),
                accounts.get(r.getPatientId()).displayName()));
  }

  /** The grid leader of a resident on the care list hears what happens, not why. */
  void tellCareLeader(Account patient, ClinicRequestsRecord r, String key) {
    care.leaderToTell(patient)
        .ifPresent(
            leader -> {
              ClinicServicesRecord service = clinics.findService(r.getServiceId()).orElseThrow();
              notify.tell(
                  leader,
                  "clinic-care",
                  "/staff/clinic",
                  locale ->
                      texts.get(
                          locale,
                          key,
                          patient.displayName(),
                          service.getName(),
                          r.getScheduledAt() == null
                              ? ""
                              : texts.when(r.getScheduledAt(), locale)));
            });
  }
}
