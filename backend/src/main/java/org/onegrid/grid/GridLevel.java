package org.onegrid.grid;

import io.micronaut.serde.annotation.Serdeable;

/** The levels of the grid tree, from the root down; the last three are the "three-level grid". */
@Serdeable
public enum GridLevel {
  CITY,
  DISTRICT,
  STREET,
  COMMUNITY,
  ZONE,
  GRID;

  /** The level that children of a node of this level have, or null under a grid. */
  public GridLevel child() {
    return this == GRID ? null : values()[ordinal() + 1];
  }
}
