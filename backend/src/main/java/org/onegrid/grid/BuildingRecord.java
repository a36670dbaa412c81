package org.onegrid.grid;

import io.micronaut.core.annotation.Nullable;
import java.util.Objects;

/** A building as stored, with how many units it has. */
public record BuildingRecord(
    long id,
    long gridId,
    String name,
    int units,
    @Nullable Integer floors,
    @Nullable Integer roomsPerFloor,
    @Nullable Double lat,
    @Nullable Double lng) {

  public boolean sameAs(BuildingDraft d) {
    return units == d.units()
        && Objects.equals(floors, d.floors())
        && Objects.equals(roomsPerFloor, d.roomsPerFloor())
        && near(lat, d.lat())
        && near(lng, d.lng());
  }

  private static boolean near(Double a, Double b) {
    return a == null ? b == null : b != null && Math.abs(a - b) < 5e-7;
  }
}
