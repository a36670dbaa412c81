package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.onegrid.account.Account;
import org.onegrid.grid.Address;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;

/** Where a reported problem is: from the map pin, the unit chosen, or the reporter's home. */
@Singleton
class ReportPlaces {

  private final GridService grids;

  ReportPlaces(GridService grids) {
    this.grids = grids;
  }

  /**
   * Where the problem is: the grid and, when known, building and unit. A map pin inside a grid
   * decides the grid; the building and unit chosen are kept when they are in that grid (the pin
   * starts at the chosen building), and dropped when the pin was moved to another grid.
   */
  Place of(Account reporter, ProblemService.NewReport report) {
    Place chosen = chosenPlace(reporter, report);
    if (report.lat() != null && report.lng() != null) {
      Optional<GridNode> located = grids.locate(report.lat(), report.lng());
      if (located.isPresent()) {
        long gridId = located.get().id();
        return chosen != null && chosen.gridId() == gridId
            ? chosen
            : new Place(gridId, null, null, null);
      }
    }
    if (chosen == null) {
      throw new ApiException(HttpStatus.CONFLICT, "needs-home");
    }
    return chosen;
  }

  private @Nullable Place chosenPlace(Account reporter, ProblemService.NewReport report) {
    if (report.gridId() != null) {
      return new Place(report.gridId(), report.buildingId(), report.unitId(), null);
    }
    if (report.unitId() != null) {
      Address unit =
          grids
              .unit(report.unitId())
              .orElseThrow(() -> ApiException.invalidField("unitId", "validation.unit"));
      return new Place(unit.gridId(), unit.buildingId(), unit.unitId(), unit);
    }
    if (reporter.householdId() != null) {
      Address home = grids.household(reporter.householdId()).orElseThrow();
      return new Place(home.gridId(), home.buildingId(), home.unitId(), home.unitOnly());
    }
    return null;
  }

  /**
   * Where a problem is; {@code unit} is the unit's address as already read (the reporter's home or
   * the unit chosen), so that the new problem's view need not read it again, or null.
   */
  record Place(
      long gridId, @Nullable Long buildingId, @Nullable Long unitId, @Nullable Address unit) {}
}
