package org.onegrid.account;

import io.micronaut.serde.annotation.Serdeable;
import org.onegrid.grid.GridLevel;

/**
 * What a person is in OneGrid. Staff are placed at a node of the grid tree of the level their role
 * names.
 */
@Serdeable
public enum Role {
  RESIDENT(null),
  /**
   * A third-party app filing reports through Open311: the reporter of what it sends, never signed
   * in.
   */
  APP(null),
  /**
   * A doctor or nurse of a clinic provider (health station, partner hospital, area doctor): signs
   * in with a password and sees only the bookings and requests of their providers, nothing of the
   * grid.
   */
  CLINICIAN(null),
  GRID_WORKER(GridLevel.GRID),
  GRID_LEADER(GridLevel.GRID),
  COMMUNITY_ADMIN(GridLevel.COMMUNITY),
  STREET_ADMIN(GridLevel.STREET),
  DISTRICT_ADMIN(GridLevel.DISTRICT),
  CITY_ADMIN(GridLevel.CITY);

  private final GridLevel level;

  Role(GridLevel level) {
    this.level = level;
  }

  public boolean isStaff() {
    return level != null;
  }

  /** Staff and clinicians sign in with phone and password; residents with an SMS code. */
  public boolean signsInWithPassword() {
    return level != null || this == CLINICIAN;
  }

  /** Admins supervise the grids below them; grid leaders and workers serve one grid. */
  public boolean isAdmin() {
    return this == COMMUNITY_ADMIN
        || this == STREET_ADMIN
        || this == DISTRICT_ADMIN
        || this == CITY_ADMIN;
  }

  /** The level of the node a staff member of this role is placed at. */
  public GridLevel level() {
    return level;
  }
}
