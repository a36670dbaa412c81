package org.onegrid.problem;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;
import java.util.Set;

/** What someone does to a problem, from which states, and by whom. */
@Serdeable
public enum ProblemAction {
  ACCEPT(true, ProblemState.ACCEPTED, Set.of(ProblemState.SUBMITTED, ProblemState.REOPENED)),
  START(true, ProblemState.IN_PROGRESS, Set.of(ProblemState.ACCEPTED, ProblemState.REOPENED)),
  RESOLVE(
      true,
      ProblemState.RESOLVED,
      Set.of(
          ProblemState.ACCEPTED,
          ProblemState.IN_PROGRESS,
          ProblemState.REOPENED,
          ProblemState.TRANSFERRED)),
  RETURN(true, ProblemState.RETURNED, Set.of(ProblemState.SUBMITTED, ProblemState.ACCEPTED)),
  /** The department sent it back (or staff call it back): the grid works on it again. */
  TAKE_BACK(true, ProblemState.IN_PROGRESS, Set.of(ProblemState.TRANSFERRED)),
  REOPEN(false, ProblemState.REOPENED, Set.of(ProblemState.RESOLVED)),
  CONFIRM(false, ProblemState.CLOSED, Set.of(ProblemState.RESOLVED));

  private final boolean byStaff;
  private final ProblemState to;
  private final Set<ProblemState> from;

  ProblemAction(boolean byStaff, ProblemState to, Set<ProblemState> from) {
    this.byStaff = byStaff;
    this.to = to;
    this.from = from;
  }

  public boolean byStaff() {
    return byStaff;
  }

  public ProblemState to() {
    return to;
  }

  public boolean allowedFrom(ProblemState state) {
    return from.contains(state);
  }

  /** Actions that need a reason the resident will read. */
  static final Map<ProblemAction, Boolean> NEEDS_REASON =
      Map.of(RETURN, true, REOPEN, true, TAKE_BACK, true);
}
