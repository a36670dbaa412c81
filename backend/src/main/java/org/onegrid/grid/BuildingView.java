package org.onegrid.grid;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A building, where it stands (WGS-84, when known) and its units, as a resident picks a place. */
@Serdeable
public record BuildingView(
    long id,
    String name,
    long gridId,
    String gridName,
    @Nullable Double lat,
    @Nullable Double lng,
    List<Unit> units) {

  @Serdeable
  public record Unit(long id, String name) {}
}
