package org.onegrid.clinic;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.care.CareService;
import org.onegrid.db.tables.records.ClinicProvidersRecord;
import org.onegrid.db.tables.records.ClinicRequestsRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.grid.Address;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Strings;
import org.onegrid.platform.Tx;

/**
 * Visits that are asked for rather than booked by slot: a resident asks the area doctor to come
 * home (address from the household, reason, preferred times), a grid leader or community doctor
 * refers a resident to a partner hospital's green channel. The provider's staff schedule or
 * decline; everyone concerned is texted. The grid leader of a resident on the care list hears that
 * a visit was asked for, scheduled or declined, never why.
 */
@Singleton
public class ClinicRequestService {

  private static final Duration LONGEST_AHEAD = Duration.ofDays(90);

  private final ClinicService clinic;
  private final ClinicRepository clinics;
  private final RequestRepository requests;
  private final BookingRepository bookings;
  private final AccountService accounts;
  private final GridService grids;
  private final CareService care;
  private final Notifications notify;
  private final RequestNotices notices;
  private final RequestViews views;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;

  ClinicRequestService(
      ClinicService clinic,
      ClinicRepository clinics,
      RequestRepository requests,
      BookingRepository bookings,
      AccountService accounts,
      GridService grids,
      CareService care,
      Notifications notify,
      RequestNotices notices,
      RequestViews views,
      Messages texts,
      Tx tx,
      Clock clock) {
    this.clinic = clinic;
    this.clinics = clinics;
    this.requests = requests;
    this.bookings = bookings;
    this.accounts = accounts;
    this.grids = grids;
    this.care = care;
    this.notify = notify;
    this.notices = notices;
    this.views = views;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * A resident asks for a home visit for themselves or someone of their household. A retry with the
   * same key returns the first request.
   */
  public ClinicViews.RequestView requestHomeVisit(
      Account booker,
      long serviceId,
      @Nullable Long patientId,
      String reason,
      @Nullable String preferred,
      String key) {
    Optional<ClinicRequestsRecord> earlier = requests.findByKey(booker.id(), key);
    if (earlier.isPresent()) {
      return views.view(earlier.get(), booker);
    }
    ClinicServicesRecord service = clinic.visibleService(booker, serviceId);
    if (!RequestRepository.HOME_VISIT.equals(service.getKind())) {
      throw ApiException.invalidField("serviceId", "validation.not-home-visit");
    }
    Account patient = clinic.patientOf(booker, patientId);
    Address home =
        grids
            .household(patient.householdId() == null ? -1 : patient.householdId())
            .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "needs-home"));
    Set<Long> served =
        clinics.findAreaGrids(List.of(service.getProviderId())).get(service.getProviderId());
    if (served != null && !served.contains(home.gridId())) {
      throw ApiException.notFound();
    }
    String address = home.buildingName() + " " + home.unitName() + " " + home.room();
    long id =
        tx.run(
            () -> {
              Optional<ClinicRequestsRecord> raced = requests.findByKey(booker.id(), key);
              if (raced.isPresent()) {
                return raced.get().getId();
              }
              long created =
                  requests.insert(
                      RequestRepository.HOME_VISIT,
                      service.getId(),
                      service.getProviderId(),
                      booker.id(),
                      patient.id(),
                      home.gridId(),
                      address,
                      Strings.blankToNull(preferred),
                      reason.trim(),
                      key,
                      now());
              ClinicRequestsRecord r = requests.findById(created).orElseThrow();
              notices.tellProvider(r, "sms.clinic-request-new", patient.displayName());
              notices.tellPerson(booker, r, "sms.clinic-home-visit-received");
              notices.tellCareLeader(patient, r, "sms.clinic-care-requested");
              return created;
            });
    return views.view(requests.findById(id).orElseThrow(), booker);
  }

  /**
   * A grid leader (or staff above) reaching the resident, or a clinician of a provider of the
   * resident's community, refers them to a green channel of their community's partner hospital.
   */
  public ClinicViews.RequestView refer(
      Account referrer, long serviceId, long patientId, String reason, String key) {
    Optional<ClinicRequestsRecord> earlier = requests.findByKey(referrer.id(), key);
    if (earlier.isPresent()) {
      return views.view(earlier.get(), referrer);
    }
    ClinicServicesRecord service =
        clinics.findService(serviceId).orElseThrow(ApiException::notFound);
    if (!"GREEN_CHANNEL".equals(service.getKind())) {
      throw ApiException.invalidField("serviceId", "validation.not-green-channel");
    }
    ClinicProvidersRecord provider = clinics.findProvider(service.getProviderId()).orElseThrow();
    Account patient = referable(referrer, patientId);
    Address home = grids.household(patient.householdId()).orElseThrow();
    if (accounts.communityOf(patient).map(c -> c.id() != provider.getCommunityId()).orElse(true)) {
      throw ApiException.invalidField("serviceId", "validation.not-green-channel");
    }
    long id =
        tx.run(
            () -> {
              Optional<ClinicRequestsRecord> raced = requests.findByKey(referrer.id(), key);
              if (raced.isPresent()) {
                return raced.get().getId();
              }
              long created =
                  requests.insert(
                      RequestRepository.REFERRAL,
                      service.getId(),
                      provider.getId(),
                      referrer.id(),
                      patient.id(),
                      home.gridId(),
                      null,
                      null,
                      reason.trim(),
                      key,
                      now());
              ClinicRequestsRecord r = requests.findById(created).orElseThrow();
              notices.tellProvider(r, "sms.clinic-request-new", patient.displayName());
              notify.tell(
                  patient,
                  "clinic-referred",
                  "/clinic",
                  locale ->
                      texts.get(
                          locale,
                          "sms.clinic-referred",
                          referrer.displayName(),
                          provider.getName(),
                          service.getName()));
              return created;
            });
    return views.view(requests.findById(id).orElseThrow(), referrer);
  }

  /** The green channels of the resident's community, for someone who may refer them. */
  public List<ClinicViews.ServiceView> greenChannelsFor(Account referrer, long patientId) {
    Account patient = referable(referrer, patientId);
    GridNode community = accounts.communityOf(patient).orElseThrow(ApiException::notFound);
    List<Long> providers =
        clinics.findProviders(community.id()).stream().map(ClinicProvidersRecord::getId).toList();
    return providers.isEmpty()
        ? List.of()
        : clinics.findServices(providers).stream()
            .filter(s -> "GREEN_CHANNEL".equals(s.getKind()))
            .map(ClinicService::serviceView)
            .toList();
  }

  /**
   * The resident, if the referrer may refer them: grid staff reaching the resident's grid, or a
   * clinician whose providers have seen them (a booking, a home visit, a referral). Anyone else is
   * told it does not exist, so walking patient ids reveals nobody.
   */
  private Account referable(Account referrer, long patientId) {
    Account patient =
        accounts.byIds(List.of(patientId)).values().stream()
            .findFirst()
            .filter(a -> a.role() == Role.RESIDENT && a.householdId() != null)
            .orElseThrow(ApiException::notFound);
    Address home = grids.household(patient.householdId()).orElseThrow(ApiException::notFound);
    boolean mayRefer;
    if (referrer.role().isStaff()) {
      mayRefer = referrer.nodeId() != null && accounts.reaches(referrer, grids.get(home.gridId()));
    } else if (referrer.role() == Role.CLINICIAN) {
      List<Long> providers =
          clinics.findProvidersOfStaff(referrer.id()).stream()
              .map(ClinicProvidersRecord::getId)
              .toList();
      List<Long> services =
          providers.isEmpty()
              ? List.of()
              : clinics.findServices(providers).stream().map(ClinicServicesRecord::getId).toList();
      mayRefer =
          requests.existsForPatient(patient.id(), providers)
              || bookings.existsForPatient(patient.id(), services);
    } else {
      mayRefer = false;
    }
    if (!mayRefer) {
      throw ApiException.notFound();
    }
    return patient;
  }

  /** Requests to the clinician's providers: open ones, or the closed ones, newest first. */
  public List<ClinicViews.RequestView> forProvider(
      Account clinician, boolean open, @Nullable Long beforeId) {
    List<Long> providers =
        clinics.findProvidersOfStaff(clinician.id()).stream()
            .map(ClinicProvidersRecord::getId)
            .toList();
    if (providers.isEmpty()) {
      return List.of();
    }
    List<String> statuses =
        open
            ? RequestRepository.OPEN
            : List.of(
                RequestRepository.DECLINED, RequestRepository.CANCELLED, RequestRepository.DONE);
    List<ClinicRequestsRecord> rows =
        requests.findOfProviders(
            providers, statuses, beforeId == null ? Long.MAX_VALUE : beforeId, 50);
    Set<Long> onCare = care.onList(rows.stream().map(ClinicRequestsRecord::getPatientId).toList());
    return rows.stream().map(r -> views.view(r, clinician, onCare)).toList();
  }

  /** Home visits and referrals I asked for or am the patient of. */
  public List<ClinicViews.RequestView> mine(Account person) {
    return requests.findOfPerson(person.id(), 50).stream().map(r -> views.view(r, person)).toList();
  }

  /** The provider's staff set (or move) the time, with a note such as where to go. */
  public ClinicViews.RequestView schedule(
      Account clinician, long id, Instant at, @Nullable String note) {
    ClinicRequestsRecord r = forOwnStaff(clinician, id);
    Instant now = now();
    if (!at.isAfter(now) || at.isAfter(now.plus(LONGEST_AHEAD))) {
      throw ApiException.invalidField("at", "validation.visit-time");
    }
    tx.run(
        () -> {
          if (!requests.transition(
              id,
              RequestRepository.OPEN,
              RequestRepository.SCHEDULED,
              at.truncatedTo(ChronoUnit.SECONDS),
              Strings.blankToNull(note),
              now)) {
            throw new ApiException(HttpStatus.CONFLICT, "request-state");
          }
          ClinicRequestsRecord after = requests.findById(id).orElseThrow();
          Account patient = accounts.get(r.getPatientId());
          notices.tellPerson(patient, after, "sms.clinic-request-scheduled");
          if (r.getRequestedBy() != patient.id()) {
            notices.tellPerson(
                accounts.get(r.getRequestedBy()), after, "sms.clinic-request-scheduled");
          }
          notices.tellCareLeader(patient, after, "sms.clinic-care-scheduled");
          return null;
        });
    return views.view(requests.findById(id).orElseThrow(), clinician);
  }

  /**
   * The provider's staff decline, saying why (the household is told; the grid leader only that).
   */
  public ClinicViews.RequestView decline(Account clinician, long id, String reason) {
    ClinicRequestsRecord r = forOwnStaff(clinician, id);
    tx.run(
        () -> {
          if (!requests.transition(
              id, RequestRepository.OPEN, RequestRepository.DECLINED, null, reason.trim(), now())) {
            throw new ApiException(HttpStatus.CONFLICT, "request-state");
          }
          ClinicRequestsRecord after = requests.findById(id).orElseThrow();
          Account patient = accounts.get(r.getPatientId());
          notices.tellPerson(patient, after, "sms.clinic-request-declined");
          if (r.getRequestedBy() != patient.id()) {
            notices.tellPerson(
                accounts.get(r.getRequestedBy()), after, "sms.clinic-request-declined");
          }
          notices.tellCareLeader(patient, after, "sms.clinic-care-declined");
          return null;
        });
    return views.view(requests.findById(id).orElseThrow(), clinician);
  }

  /** The provider's staff record the visit happened. */
  public ClinicViews.RequestView done(Account clinician, long id) {
    forOwnStaff(clinician, id);
    if (!requests.transition(
        id, List.of(RequestRepository.SCHEDULED), RequestRepository.DONE, null, null, now())) {
      throw new ApiException(HttpStatus.CONFLICT, "request-state");
    }
    return views.view(requests.findById(id).orElseThrow(), clinician);
  }

  /** The patient or whoever asked for it in their household calls the visit off. */
  public ClinicViews.RequestView cancel(Account person, long id) {
    ClinicRequestsRecord r = requests.findById(id).orElseThrow(ApiException::notFound);
    boolean household =
        r.getPatientId() == person.id()
            || (RequestRepository.HOME_VISIT.equals(r.getKind())
                && r.getRequestedBy() == person.id());
    if (!household) {
      throw ApiException.notFound();
    }
    tx.run(
        () -> {
          if (requests.transition(
              id, RequestRepository.OPEN, RequestRepository.CANCELLED, null, null, now())) {
            notices.tellProvider(
                requests.findById(id).orElseThrow(),
                "sms.clinic-request-cancelled",
                accounts.get(r.getPatientId()).displayName());
          }
          return null;
        });
    return views.view(requests.findById(id).orElseThrow(), person);
  }

  /** Requests of patients living under a node, for care follow-up: no reasons, no notes. */
  List<ClinicViews.VisitRow> visitRowsUnder(String subtreePath, Set<Long> careIdsOut) {
    List<ClinicRequestsRecord> rows =
        requests.findInSubtree(subtreePath, now().minus(Duration.ofDays(30)), 200);
    Map<Long, Account> people =
        accounts.byIds(rows.stream().map(ClinicRequestsRecord::getPatientId).toList());
    careIdsOut.addAll(care.onList(people.keySet()));
    return rows.stream()
        .map(
            r -> {
              ClinicServicesRecord s = clinics.findService(r.getServiceId()).orElseThrow();
              return new ClinicViews.VisitRow(
                  r.getKind(),
                  r.getId(),
                  s.getKind(),
                  s.getName(),
                  clinics.findProvider(r.getProviderId()).orElseThrow().getName(),
                  r.getPatientId(),
                  people.get(r.getPatientId()).displayName(),
                  r.getScheduledAt(),
                  r.getStatus(),
                  careIdsOut.contains(r.getPatientId()));
            })
        .toList();
  }

  private ClinicRequestsRecord forOwnStaff(Account clinician, long id) {
    ClinicRequestsRecord r = requests.findById(id).orElseThrow(ApiException::notFound);
    if (!clinics.isStaff(r.getProviderId(), clinician.id())) {
      throw ApiException.notFound();
    }
    return r;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
