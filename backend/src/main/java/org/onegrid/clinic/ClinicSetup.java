package org.onegrid.clinic;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.onegrid.account.Account;
import org.onegrid.audit.AuditLog;
import org.onegrid.db.tables.records.ClinicProvidersRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;

/**
 * The admins of a community (and above) set up its clinic: providers, their services with slot
 * length, places, notice, horizon and cut-off, weekly hours and days closed. Changes keep the
 * bookings already made; a day with bookings cannot be closed until they are moved or cancelled.
 * Every change is in the audit log.
 */
@Singleton
class ClinicSetup {

  private final ClinicRepository clinics;
  private final BookingRepository bookings;
  private final ClinicReach reach;
  private final ClinicTeam team;
  private final GridService grids;
  private final AuditLog audit;
  private final Phones phones;
  private final Tx tx;
  private final Clock clock;
  private final ZoneId zone;

  ClinicSetup(
      ClinicRepository clinics,
      BookingRepository bookings,
      ClinicReach reach,
      ClinicTeam team,
      GridService grids,
      AuditLog audit,
      Phones phones,
      Tx tx,
      Clock clock,
      OneGridConfig config) {
    this.clinics = clinics;
    this.bookings = bookings;
    this.reach = reach;
    this.team = team;
    this.grids = grids;
    this.audit = audit;
    this.phones = phones;
    this.tx = tx;
    this.clock = clock;
    this.zone = config.getTimeZone();
  }

  List<ClinicSetupViews.Provider> providers(Account admin, long communityId) {
    community(admin, communityId);
    List<ClinicProvidersRecord> providers = clinics.findProviders(communityId);
    if (providers.isEmpty()) {
      return List.of();
    }
    List<ClinicServicesRecord> services =
        clinics.findAllServices(providers.stream().map(ClinicProvidersRecord::getId).toList());
    LocalDate today = LocalDate.now(clock.withZone(zone));
    ClinicTeam.Teams teams = team.of(providers.stream().map(ClinicProvidersRecord::getId).toList());
    return providers.stream()
        .map(
            p ->
                new ClinicSetupViews.Provider(
                    p.getId(),
                    p.getKind(),
                    p.getName(),
                    p.getAddress(),
                    p.getPhone(),
                    services.stream()
                        .filter(s -> s.getProviderId().equals(p.getId()))
                        .map(s -> view(s, today))
                        .toList(),
                    teams.staff(p.getId()),
                    teams.grids(p.getId())))
        .toList();
  }

  /** One provider as its community's page shows it. */
  ClinicSetupViews.Provider providerView(Account admin, long providerId) {
    ClinicProvidersRecord provider = provider(admin, providerId);
    return providers(admin, provider.getCommunityId()).stream()
        .filter(p -> p.id() == providerId)
        .findFirst()
        .orElseThrow(ApiException::notFound);
  }

  ClinicSetupViews.Provider addProvider(
      Account admin, long communityId, ClinicSetupViews.NewProvider body) {
    GridNode community = community(admin, communityId);
    String phone =
        body.phone() == null || body.phone().isBlank()
            ? null
            : phones.toE164(body.phone(), "phone");
    return tx.run(
        () -> {
          long id =
              clinics.insertProvider(
                  communityId, body.kind(), body.name().trim(), blank(body.address()), phone);
          audit.record(admin, community, "clinic.provider.add", body.name(), null, body);
          return new ClinicSetupViews.Provider(
              id,
              body.kind(),
              body.name().trim(),
              blank(body.address()),
              phone,
              List.of(),
              List.of(),
              List.of());
        });
  }

  ClinicSetupViews.Service addService(
      Account admin, long providerId, ClinicSetupViews.ServiceSettings body) {
    ClinicProvidersRecord provider = provider(admin, providerId);
    List<ClinicRepository.Hours> hours = hours(body);
    return tx.run(
        () -> {
          long id =
              clinics.insertService(
                  providerId,
                  body.kind(),
                  body.name().trim(),
                  body.slotMinutes(),
                  body.capacity(),
                  body.minNoticeHours(),
                  body.horizonDays(),
                  body.cancelCutoffHours());
          hours.forEach(h -> clinics.insertHours(id, h.weekday(), h.opens(), h.closes()));
          audit.record(
              admin,
              grids.get(provider.getCommunityId()),
              "clinic.service.add",
              provider.getName() + " · " + body.name(),
              null,
              body);
          return view(clinics.findService(id).orElseThrow(), LocalDate.now(clock.withZone(zone)));
        });
  }

  ClinicSetupViews.Service changeService(
      Account admin, long serviceId, ClinicSetupViews.ServiceSettings body) {
    ClinicServicesRecord service = service(admin, serviceId);
    if (!service.getKind().equals(body.kind())) {
      throw ApiException.invalidField("kind", "validation.clinic-kind-fixed");
    }
    List<ClinicRepository.Hours> hours = hours(body);
    LocalDate today = LocalDate.now(clock.withZone(zone));
    ClinicSetupViews.Service before = view(service, today);
    return tx.run(
        () -> {
          clinics.updateService(
              serviceId,
              body.name().trim(),
              body.slotMinutes(),
              body.capacity(),
              body.minNoticeHours(),
              body.horizonDays(),
              body.cancelCutoffHours(),
              body.active() == null || body.active());
          clinics.deleteHours(serviceId);
          hours.forEach(h -> clinics.insertHours(serviceId, h.weekday(), h.opens(), h.closes()));
          ClinicSetupViews.Service after =
              view(clinics.findService(serviceId).orElseThrow(), today);
          audit.record(
              admin,
              communityOfService(service),
              "clinic.service.change",
              after.name(),
              before,
              after);
          return after;
        });
  }

  ClinicSetupViews.Service close(Account admin, long serviceId, ClinicSetupViews.NewClosure body) {
    ClinicServicesRecord service = service(admin, serviceId);
    LocalDate today = LocalDate.now(clock.withZone(zone));
    if (body.day().isBefore(today)) {
      throw ApiException.invalidField("day", "validation.past-day");
    }
    int booked =
        bookings.countBookedBetween(
            serviceId,
            body.day().atStartOfDay(zone).toInstant(),
            body.day().plusDays(1).atStartOfDay(zone).toInstant());
    if (booked > 0) {
      throw new ApiException(HttpStatus.CONFLICT, "clinic-day-booked", booked);
    }
    return tx.run(
        () -> {
          clinics.insertClosure(serviceId, body.day(), blank(body.reason()));
          audit.record(
              admin,
              communityOfService(service),
              "clinic.closure.add",
              service.getName(),
              null,
              body);
          return view(service, today);
        });
  }

  ClinicSetupViews.Service reopen(Account admin, long serviceId, LocalDate day) {
    ClinicServicesRecord service = service(admin, serviceId);
    return tx.run(
        () -> {
          if (clinics.deleteClosure(serviceId, day) == 0) {
            throw ApiException.notFound();
          }
          audit.record(
              admin,
              communityOfService(service),
              "clinic.closure.remove",
              service.getName(),
              Map.of("day", day.toString()),
              null);
          return view(service, LocalDate.now(clock.withZone(zone)));
        });
  }

  private GridNode community(Account admin, long communityId) {
    return reach.community(admin, communityId);
  }

  private ClinicProvidersRecord provider(Account admin, long providerId) {
    return reach.provider(admin, providerId);
  }

  private ClinicServicesRecord service(Account admin, long serviceId) {
    return reach.service(admin, serviceId);
  }

  private GridNode communityOfService(ClinicServicesRecord service) {
    return grids.get(clinics.findProvider(service.getProviderId()).orElseThrow().getCommunityId());
  }

  /** The weekly hours, checked: each period opens before it closes, holds a slot, overlaps none. */
  private static List<ClinicRepository.Hours> hours(ClinicSetupViews.ServiceSettings body) {
    List<ClinicRepository.Hours> out = new ArrayList<>();
    for (ClinicSetupViews.Period p : body.hours()) {
      LocalTime opens = LocalTime.parse(p.opens());
      LocalTime closes = LocalTime.parse(p.closes());
      if (!opens.plusMinutes(body.slotMinutes()).isAfter(opens)
          || opens.plusMinutes(body.slotMinutes()).isAfter(closes)) {
        throw ApiException.invalidField("hours", "validation.clinic-period");
      }
      out.add(new ClinicRepository.Hours(p.weekday(), opens, closes));
    }
    out.sort(
        Comparator.comparingInt(ClinicRepository.Hours::weekday)
            .thenComparing(ClinicRepository.Hours::opens));
    for (int i = 1; i < out.size(); i++) {
      var a = out.get(i - 1);
      var b = out.get(i);
      if (a.weekday() == b.weekday() && b.opens().isBefore(a.closes())) {
        throw ApiException.invalidField("hours", "validation.clinic-overlap");
      }
    }
    return out;
  }

  private ClinicSetupViews.Service view(ClinicServicesRecord s, LocalDate today) {
    return new ClinicSetupViews.Service(
        s.getId(),
        s.getKind(),
        s.getName(),
        s.getSlotMinutes(),
        s.getCapacityPerSlot(),
        s.getMinNoticeHours(),
        s.getHorizonDays(),
        s.getCancelCutoffHours(),
        Boolean.TRUE.equals(s.getActive()),
        clinics.findHours(s.getId()).stream()
            .map(
                h ->
                    new ClinicSetupViews.Period(
                        h.weekday(), h.opens().toString(), h.closes().toString()))
            .toList(),
        clinics.findClosuresFrom(s.getId(), today).stream()
            .map(c -> new ClinicSetupViews.Closure(c.getClosedOn(), c.getReason()))
            .toList());
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
