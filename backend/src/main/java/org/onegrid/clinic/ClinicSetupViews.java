package org.onegrid.clinic;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.onegrid.grid.NodeRef;

/** What community admins send and see when they set up their clinic providers and services. */
final class ClinicSetupViews {

  private ClinicSetupViews() {}

  @Serdeable
  record Provider(
      long id,
      String kind,
      String name,
      @Nullable String address,
      @Nullable String phone,
      List<Service> services,
      List<Clinician> staff,
      List<NodeRef> grids) {}

  /** Someone who works for a provider (their admins see the phone in full). */
  @Serdeable
  record Clinician(long id, String name, String phone, boolean awaitingPassword) {}

  /** A clinician to add to a provider: an existing clinician's phone, or a new one invited. */
  @Serdeable
  record NewClinician(@NotBlank @Size(max = 60) String name, @NotBlank String phone) {}

  /** The grids an area doctor serves (of the provider's community). */
  @Serdeable
  record ServedGrids(@NotNull @Size(max = 500) List<@NotNull Long> gridIds) {}

  @Serdeable
  record Service(
      long id,
      String kind,
      String name,
      int slotMinutes,
      int capacity,
      int minNoticeHours,
      int horizonDays,
      int cancelCutoffHours,
      boolean active,
      List<Period> hours,
      List<Closure> closures) {}

  /** An opening period on a weekday (1 = Monday … 7 = Sunday), local times "08:00". */
  @Serdeable
  record Period(
      @Min(1) @Max(7) int weekday,
      @NotNull @Pattern(regexp = "^([01]\\d|2[0-3]):[0-5]\\d$") String opens,
      @NotNull @Pattern(regexp = "^([01]\\d|2[0-3]):[0-5]\\d$") String closes) {}

  @Serdeable
  record Closure(LocalDate day, @Nullable String reason) {}

  @Serdeable
  record NewProvider(
      @NotNull @Pattern(regexp = "^(HEALTH_STATION|AREA_DOCTOR|HOSPITAL)$") String kind,
      @NotBlank @Size(max = 80) String name,
      @Nullable @Size(max = 200) String address,
      @Nullable @Size(max = 40) String phone) {}

  /**
   * A service and its weekly hours; on a change, {@code active} false takes it off residents' list.
   */
  @Serdeable
  record ServiceSettings(
      @NotNull @Pattern(regexp = "^(FREE_CLINIC|CLINIC_VISIT|HOME_VISIT|GREEN_CHANNEL)$")
          String kind,
      @NotBlank @Size(max = 80) String name,
      @Min(5) @Max(240) int slotMinutes,
      @Min(1) @Max(100) int capacity,
      @Min(0) @Max(168) int minNoticeHours,
      @Min(1) @Max(90) int horizonDays,
      @Min(0) @Max(72) int cancelCutoffHours,
      @Nullable Boolean active,
      @NotNull @Size(max = 42) List<@Valid Period> hours) {}

  @Serdeable
  record NewClosure(@NotNull LocalDate day, @Nullable @Size(max = 100) String reason) {}
}
