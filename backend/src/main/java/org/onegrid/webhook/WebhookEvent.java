package org.onegrid.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * The body of every delivery: one event, exactly one of {@code problem}, {@code warning} and {@code
 * booking} set by its type. Never a person's name or number: a subscriber follows what happens, not
 * who. A subscriber processes each {@code id} once (a delivery may come again after a timeout).
 *
 * @param id the event's id, the same for every subscriber and every retry
 * @param type problem.reported, problem.state_changed, problem.overdue, warning.issued,
 *     warning.acknowledged, booking.made, booking.cancelled or ping
 * @param occurredAt when it happened
 * @param nodeId the grid (or, for a warning, the node) it happened under
 */
@Serdeable
@Schema(name = "WebhookEvent")
public record WebhookEvent(
    String id,
    String type,
    Instant occurredAt,
    @Nullable Long nodeId,
    @Nullable ProblemData problem,
    @Nullable WarningData warning,
    @Nullable BookingData booking) {

  /**
   * A problem as it stands after the event.
   *
   * @param action what was done (REPORT, ACCEPT, RESOLVE, ESCALATE_COMMUNITY …)
   * @param previousState the state before, when it changed
   * @param reason the reason given with the change, if any
   * @param escalationLevel 0 none, 1 the community, 2 the street
   */
  @Serdeable
  @Schema(name = "WebhookProblem")
  public record ProblemData(
      long id,
      String category,
      String state,
      @Nullable String previousState,
      String action,
      @Nullable String reason,
      String description,
      @Nullable String locationText,
      @Nullable Double lat,
      @Nullable Double lng,
      boolean isPublic,
      String source,
      Instant reportedAt,
      @Nullable Instant resolveBy,
      int escalationLevel) {}

  /**
   * A warning to the grids under a node, and for an acknowledgement which grid acknowledged.
   *
   * @param acknowledgedByGridId the grid that acknowledged (warning.acknowledged only)
   */
  @Serdeable
  @Schema(name = "WebhookWarning")
  public record WarningData(
      long id,
      String level,
      String title,
      Instant validUntil,
      @Nullable Long acknowledgedByGridId) {}

  /**
   * A booking of a clinic place, without the patient.
   *
   * @param status BOOKED or CANCELLED
   */
  @Serdeable
  @Schema(name = "WebhookBooking")
  public record BookingData(
      long id,
      long serviceId,
      String serviceName,
      Instant startsAt,
      Instant endsAt,
      String status) {}
}
