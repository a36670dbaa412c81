package org.onegrid.grid;

import io.micronaut.serde.annotation.Serdeable;

/** The levels of the grid tree, from the root down; the last three are the "three-level grid". */
@Serdeable
public enum GridLevel {
  CITY(0),
  DISTRICT(1),
  STREET(2),
  COMMUNITY(3),
  ZONE(4),
  GRID(5);

  // Which level is above which is said by each level's depth, never by the order of the constants.
  private final int depth;

  GridLevel(int depth) {
    this.depth = depth;
  }

  /** How far from the root: the city 0, a grid 5. */
  public int depth() {
    return depth;
  }

  /** Nearer the root than {@code other}. */
  public boolean above(GridLevel other) {
    return depth < other.depth;
  }

  /** Further from the root than {@code other}. */
  public boolean below(GridLevel other) {
    return depth > other.depth;
  }

  /** The level that children of a node of this level have, or null under a grid. */
  public GridLevel child() {
    for (GridLevel l : values()) {
      if (l.depth == depth + 1) {
        return l;
      }
    }
    return null;
  }
}
