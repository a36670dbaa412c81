package org.onegrid.problem;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Set;

/**
 * Where a problem stands. Open states count towards a grid's workload; the others are done one way
 * or another.
 */
@Serdeable
public enum ProblemState {
  SUBMITTED,
  ACCEPTED,
  IN_PROGRESS,
  RESOLVED,
  REOPENED,
  RETURNED,
  CLOSED;

  public static final Set<ProblemState> OPEN = Set.of(SUBMITTED, ACCEPTED, IN_PROGRESS, REOPENED);
}
