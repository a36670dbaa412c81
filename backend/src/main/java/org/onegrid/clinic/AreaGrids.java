package org.onegrid.clinic;

import jakarta.inject.Singleton;

/** Which grids an area doctor (片医) serves, as the tree changes shape. */
@Singleton
public class AreaGrids {

  private final ClinicRepository clinics;

  AreaGrids(ClinicRepository clinics) {
    this.clinics = clinics;
  }

  /**
   * A grid was merged into another: its area doctors serve that one. In the merge's transaction.
   */
  public void gridMerged(long fromGridId, long toGridId) {
    clinics.moveAreaGrid(fromGridId, toGridId);
  }
}
