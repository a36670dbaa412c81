package org.onegrid.problem;

import jakarta.inject.Singleton;
import java.time.Clock;
import org.onegrid.grid.GridService;

/**
 * When a member of staff leaves, the open problems assigned to them go to their grid's current
 * leader, or, with none, to nobody in particular: the grid's inbox and the community's admins,
 * where they were visible all along.
 */
@Singleton
public class Handover {

  private final ProblemRepository problems;
  private final GridService grids;
  private final Clock clock;

  Handover(ProblemRepository problems, GridService grids, Clock clock) {
    this.problems = problems;
    this.grids = grids;
    this.clock = clock;
  }

  /** Reassigns the person's open problems; call inside the transaction that removes them. */
  public int handOverFrom(long accountId) {
    int moved = 0;
    for (long gridId : problems.findGridsOfOpenAssignedTo(accountId)) {
      Long leader = grids.currentLeaderId(gridId).filter(l -> l != accountId).orElse(null);
      moved += problems.reassignOpen(accountId, gridId, leader, clock.instant());
    }
    return moved;
  }
}
