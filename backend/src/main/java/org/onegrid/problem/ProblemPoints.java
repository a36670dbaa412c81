package org.onegrid.problem;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * Open problems as points on a map, for staff who reach their grids (the caller checks the reach):
 * exact places, no names or words.
 */
@Singleton
public class ProblemPoints {

  private final ProblemQueries problems;
  private final Clock clock;

  ProblemPoints(ProblemQueries problems, Clock clock) {
    this.problems = problems;
    this.clock = clock;
  }

  /** The newest {@code limit} open problems of these grids that have a place on the map. */
  public List<Point> openIn(Collection<Long> gridIds, int limit) {
    return problems.findOpenPoints(gridIds, clock.instant(), limit);
  }

  /**
   * An open problem on the map: where, what kind, its state and whether it is past its deadline.
   */
  @Serdeable
  public record Point(
      long id,
      long gridId,
      String categoryCode,
      ProblemState state,
      boolean overdue,
      double lat,
      double lng) {}
}
