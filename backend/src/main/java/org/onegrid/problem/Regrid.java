package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;

/**
 * When the tree changes shape (buildings move to another grid, a grid is merged into another), the
 * open problems there follow: each goes to the new grid and its leader, keeps its state and
 * deadlines, and its timeline says why ("网格调整"). Closed problems stay where they were fixed.
 */
@Singleton
public class Regrid {

  /** The timeline event of a problem that moved with its place. */
  public static final String ACTION = "REGRID";

  private final ProblemRepository problems;
  private final ProblemQueries queries;
  private final ProblemLog log;
  private final GridService grids;
  private final Clock clock;

  Regrid(
      ProblemRepository problems,
      ProblemQueries queries,
      ProblemLog log,
      GridService grids,
      Clock clock) {
    this.problems = problems;
    this.queries = queries;
    this.log = log;
    this.grids = grids;
    this.clock = clock;
  }

  /** How many problems of the grid are still open. */
  public int openCount(long gridId) {
    return queries.findOpenIn(gridId, null).size();
  }

  /**
   * Moves the open problems of {@code from} (of these buildings, or all when null) to {@code to};
   * call inside the transaction of the change. Returns how many moved.
   */
  public int moveOpen(
      Long actorId,
      GridNode from,
      GridNode to,
      @Nullable Collection<Long> buildingIds,
      String why) {
    List<Problem> open = queries.findOpenIn(from.id(), buildingIds);
    if (open.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Long leader = grids.currentLeaderId(to.id()).orElse(null);
    problems.regrid(open.stream().map(Problem::id).toList(), to.id(), leader, now);
    String reason = from.name() + " → " + to.name() + "：" + why;
    for (Problem p : open) {
      log.record(p.id(), actorId, ACTION, p.state(), p.state(), reason, now);
    }
    return open.size();
  }
}
