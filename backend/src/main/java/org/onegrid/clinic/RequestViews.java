package org.onegrid.clinic;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.care.CareService;
import org.onegrid.db.tables.records.ClinicProvidersRecord;
import org.onegrid.db.tables.records.ClinicRequestsRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.platform.Phones;

/** A home visit or referral request as each viewer may see it. */
@Singleton
class RequestViews {

  private final ClinicRepository clinics;
  private final AccountService accounts;
  private final CareService care;

  RequestViews(ClinicRepository clinics, AccountService accounts, CareService care) {
    this.clinics = clinics;
    this.accounts = accounts;
    this.care = care;
  }

  ClinicViews.RequestView view(ClinicRequestsRecord r, Account viewer) {
    return view(r, viewer, care.onList(List.of(r.getPatientId())));
  }

  /**
   * The household sees the reason and the provider's note; the provider's staff see them and the
   * patient's phone; a referrer sees neither once the referral is made.
   */
  ClinicViews.RequestView view(ClinicRequestsRecord r, Account viewer, Collection<Long> onCare) {
    ClinicServicesRecord service = clinics.findService(r.getServiceId()).orElseThrow();
    ClinicProvidersRecord provider = clinics.findProvider(r.getProviderId()).orElseThrow();
    Account patient = accounts.get(r.getPatientId());
    boolean providerStaff = clinics.isStaff(r.getProviderId(), viewer.id());
    boolean household =
        r.getPatientId() == viewer.id()
            || (RequestRepository.HOME_VISIT.equals(r.getKind())
                && r.getRequestedBy() == viewer.id());
    boolean private_ = providerStaff || household;
    return new ClinicViews.RequestView(
        r.getId(),
        r.getKind(),
        service.getId(),
        service.getName(),
        provider.getName(),
        patient.id(),
        patient.displayName(),
        providerStaff ? patient.phone() : household ? null : Phones.mask(patient.phone()),
        accounts.get(r.getRequestedBy()).displayName(),
        private_ ? r.getAddress() : null,
        private_ ? r.getPreferred() : null,
        private_ ? r.getReason() : null,
        r.getStatus(),
        r.getScheduledAt(),
        private_ ? r.getProviderNote() : null,
        r.getCreatedAt(),
        providerStaff && onCare.contains(r.getPatientId()));
  }
}
