package org.onegrid.clinic;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * Providers, their staff, services, hours and closures written as they are, without an admin and
 * without the audit trail: for the demo city and tests. Admins set a community up through {@link
 * ClinicSetup}.
 */
@Singleton
public class ClinicCatalog {

  private final ClinicRepository clinics;

  ClinicCatalog(ClinicRepository clinics) {
    this.clinics = clinics;
  }

  /** Creates a provider with its services and hours (demo data, admin tools). */
  public long addProvider(
      long communityId,
      String kind,
      String name,
      @Nullable String address,
      @Nullable String phone) {
    return clinics.insertProvider(communityId, kind, name, address, phone);
  }

  /** Lets a clinician work for a provider (demo data, admin tools). */
  public void addStaff(long providerId, long clinicianId) {
    clinics.insertStaff(providerId, clinicianId);
  }

  /** An area doctor serves a grid: its residents see them, others of the community do not. */
  public void serveGrid(long providerId, long gridId) {
    clinics.insertAreaGrid(providerId, gridId);
  }

  /** A service of a provider with its weekly hours: weekday (1 = Monday) to opening periods. */
  public long addService(
      long providerId,
      String kind,
      String name,
      int slotMinutes,
      int capacity,
      int minNoticeHours,
      int horizonDays,
      int cancelCutoffHours,
      Map<Integer, List<LocalTime[]>> weeklyHours) {
    long id =
        clinics.insertService(
            providerId,
            kind,
            name,
            slotMinutes,
            capacity,
            minNoticeHours,
            horizonDays,
            cancelCutoffHours);
    weeklyHours.forEach(
        (weekday, periods) -> periods.forEach(p -> clinics.insertHours(id, weekday, p[0], p[1])));
    return id;
  }

  /** The service is closed that day: no slots are offered. */
  public void closeOn(long serviceId, LocalDate day, @Nullable String reason) {
    clinics.insertClosure(serviceId, day, reason);
  }
}
