package org.onegrid.grid;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;

/**
 * Where a household (or, without household and room, a unit) is: unit, building and the grid they
 * belong to, and where the building stands when known (WGS-84).
 */
public record Address(
    @Nullable Long householdId,
    @Nullable String room,
    long unitId,
    String unitName,
    long buildingId,
    String buildingName,
    long gridId,
    @Nullable Double buildingLat,
    @Nullable Double buildingLng) {

  /** The address of the unit alone: no household, no room. */
  public Address unitOnly() {
    return householdId == null && room == null
        ? this
        : new Address(
            null,
            null,
            unitId,
            unitName,
            buildingId,
            buildingName,
            gridId,
            buildingLat,
            buildingLng);
  }

  /** A unit's address (no household or room), its building's place as stored (degrees). */
  public static Address ofUnit(
      long unitId,
      String unitName,
      long buildingId,
      String buildingName,
      long gridId,
      @Nullable BigDecimal lat,
      @Nullable BigDecimal lng) {
    return new Address(
        null,
        null,
        unitId,
        unitName,
        buildingId,
        buildingName,
        gridId,
        lat == null ? null : lat.doubleValue(),
        lng == null ? null : lng.doubleValue());
  }
}
