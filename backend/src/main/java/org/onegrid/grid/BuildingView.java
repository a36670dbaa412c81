package org.onegrid.grid;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A building and its units, as a new resident picks their home. */
@Serdeable
public record BuildingView(long id, String name, long gridId, String gridName, List<Unit> units) {

  @Serdeable
  public record Unit(long id, String name) {}
}
