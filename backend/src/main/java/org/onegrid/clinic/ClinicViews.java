package org.onegrid.clinic;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** What residents and provider staff see of clinics and bookings. */
public final class ClinicViews {

  private ClinicViews() {}

  /** A provider and what it offers. */
  @Serdeable
  public record ProviderView(
      long id,
      String kind,
      String name,
      @Nullable String address,
      @Nullable String phone,
      List<ServiceView> services) {}

  /** A service one can book. */
  @Serdeable
  public record ServiceView(
      long id, String kind, String name, int slotMinutes, int capacityPerSlot, int horizonDays) {}

  /** A bookable time with the places left. */
  @Serdeable
  public record Slot(Instant startsAt, Instant endsAt, int capacity, int booked) {}

  /**
   * A place on a slot's (or, {@code wholeDay}, on a day's from {@code startsAt}) waiting list, or
   * the place at {@code offeredSlot} held until {@code offeredUntil}.
   */
  @Serdeable
  public record WaitView(
      long id,
      long serviceId,
      String serviceName,
      Instant startsAt,
      boolean wholeDay,
      @Nullable Instant offeredSlot,
      String patientName,
      String status,
      @Nullable Instant offeredUntil) {}

  /** A booking as its resident (or the provider's staff) sees it. */
  @Serdeable
  public record BookingView(
      long id,
      long serviceId,
      String serviceName,
      String providerName,
      @Nullable String providerAddress,
      Instant startsAt,
      Instant endsAt,
      long patientId,
      String patientName,
      @Nullable String reason,
      String status,
      String code,
      boolean cancellable) {}

  /**
   * A home-visit request or green-channel referral as the patient's household or the provider's
   * staff see it. The reason is there for them only; the patient's phone only for the provider's
   * staff, who call to arrange the visit.
   */
  @Serdeable
  public record RequestView(
      long id,
      String kind,
      long serviceId,
      String serviceName,
      String providerName,
      long patientId,
      String patientName,
      @Nullable String patientPhone,
      String requestedByName,
      @Nullable String address,
      @Nullable String preferred,
      @Nullable String reason,
      String status,
      @Nullable Instant scheduledAt,
      @Nullable String providerNote,
      Instant createdAt,
      boolean onCareList) {}

  /**
   * A visit of a resident as their grid leader and the admins above see it, for care follow-up:
   * that it exists, when and where, never why.
   */
  @Serdeable
  public record VisitRow(
      String kind,
      long id,
      String serviceKind,
      String serviceName,
      String providerName,
      long patientId,
      String patientName,
      @Nullable Instant at,
      String status,
      boolean onCareList) {}
}
