package org.onegrid.webhook;

/** What other systems may follow, by the name a subscriber chooses and a delivery carries. */
public enum EventType {
  PROBLEM_REPORTED("problem.reported"),
  PROBLEM_STATE_CHANGED("problem.state_changed"),
  PROBLEM_OVERDUE("problem.overdue"),
  WARNING_ISSUED("warning.issued"),
  WARNING_ACKNOWLEDGED("warning.acknowledged"),
  BOOKING_MADE("booking.made"),
  BOOKING_CANCELLED("booking.cancelled"),
  /** Sent by an admin to try a subscriber; never chosen. */
  PING("ping");

  private final String wire;

  EventType(String wire) {
    this.wire = wire;
  }

  /** The name on the wire and in a subscriber's choice. */
  public String wire() {
    return wire;
  }
}
