package org.onegrid.problem;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Set;

/**
 * Where a problem stands. Open states count towards a grid's workload; the others are done one way
 * or another. A problem handed to a department stays open (and can go overdue) until staff record
 * the department's fix or take it back.
 */
@Serdeable
public enum ProblemState {
  SUBMITTED,
  ACCEPTED,
  IN_PROGRESS,
  RESOLVED,
  REOPENED,
  TRANSFERRED,
  RETURNED,
  CLOSED;

  public static final Set<ProblemState> OPEN =
      Set.of(SUBMITTED, ACCEPTED, IN_PROGRESS, REOPENED, TRANSFERRED);
}
