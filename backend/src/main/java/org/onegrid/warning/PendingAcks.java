package org.onegrid.warning;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import org.onegrid.grid.GridNode;

/** Where warnings in force are still waiting for a grid leader's acknowledgement, for maps. */
@Singleton
public class PendingAcks {

  private final WarningRepository warnings;
  private final Clock clock;

  PendingAcks(WarningRepository warnings, Clock clock) {
    this.warnings = warnings;
    this.clock = clock;
  }

  /** Acknowledgements owed now, per grid path below the node (the caller checks the reach). */
  public Map<String, Integer> byGridPathUnder(GridNode node) {
    return warnings.countPendingByGridPath(node.path(), clock.instant());
  }
}
