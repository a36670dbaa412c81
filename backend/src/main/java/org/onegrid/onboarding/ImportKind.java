package org.onegrid.onboarding;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a file loads: the grid tree (GeoJSON with boundaries, or CSV), buildings, staff, residents.
 */
@Serdeable
public enum ImportKind {
  GRIDS,
  BUILDINGS,
  STAFF,
  RESIDENTS
}
