package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The problem state machine as residents and staff meet it, without the app. */
class ProblemActionTest {

  private static ProblemState after(ProblemState from, ProblemAction... actions) {
    ProblemState state = from;
    for (ProblemAction a : actions) {
      assertThat(a.allowedFrom(state)).as(a + " from " + state).isTrue();
      state = a.to();
    }
    return state;
  }

  private static Set<ProblemAction> allowed(ProblemState state) {
    Set<ProblemAction> out = EnumSet.noneOf(ProblemAction.class);
    for (ProblemAction a : ProblemAction.values()) {
      if (a.allowedFrom(state)) {
        out.add(a);
      }
    }
    return out;
  }

  @Test
  void aReportIsAcceptedWorkedOnFixedAndConfirmedByItsReporter() {
    assertThat(
            after(
                ProblemState.SUBMITTED,
                ProblemAction.ACCEPT,
                ProblemAction.START,
                ProblemAction.RESOLVE,
                ProblemAction.CONFIRM))
        .isEqualTo(ProblemState.CLOSED);
    assertThat(ProblemAction.CONFIRM.byStaff()).isFalse();
    assertThat(ProblemAction.RESOLVE.byStaff()).isTrue();
  }

  @Test
  void aFixTheReporterDoesNotAcceptGoesBackToTheGridAndCanBeFixedAgain() {
    ProblemState reopened =
        after(
            ProblemState.SUBMITTED,
            ProblemAction.ACCEPT,
            ProblemAction.RESOLVE,
            ProblemAction.REOPEN);
    assertThat(reopened).isEqualTo(ProblemState.REOPENED);
    assertThat(ProblemState.OPEN).contains(reopened);
    assertThat(after(reopened, ProblemAction.RESOLVE)).isEqualTo(ProblemState.RESOLVED);
  }

  @Test
  void aProblemWithADepartmentIsFixedByThemOrTakenBackButNotAcceptedOrReturned() {
    assertThat(allowed(ProblemState.TRANSFERRED))
        .containsExactlyInAnyOrder(ProblemAction.RESOLVE, ProblemAction.TAKE_BACK);
  }

  @Test
  void closedAndReturnedProblemsAcceptNoAction() {
    assertThat(allowed(ProblemState.CLOSED)).isEmpty();
    assertThat(allowed(ProblemState.RETURNED)).isEmpty();
    assertThat(ProblemState.OPEN).doesNotContain(ProblemState.CLOSED, ProblemState.RETURNED);
  }

  @Test
  void everyStateIsReachedFromAReportAndEveryOpenOneCanBeEnded() {
    Set<ProblemState> seen = EnumSet.of(ProblemState.SUBMITTED);
    Deque<ProblemState> next = new ArrayDeque<>(seen);
    while (!next.isEmpty()) {
      ProblemState s = next.pop();
      for (ProblemAction a : allowed(s)) {
        if (seen.add(a.to())) {
          next.push(a.to());
        }
      }
    }
    // TRANSFERRED is reached by a hand-over to a department, not by an action here.
    assertThat(seen).containsAll(EnumSet.complementOf(EnumSet.of(ProblemState.TRANSFERRED)));
    for (ProblemState open : ProblemState.OPEN) {
      assertThat(allowed(open)).as(open + " can move on").isNotEmpty();
    }
  }

  @Test
  void returningAReopeningAndTakingBackNeedAReasonTheResidentReads() {
    assertThat(ProblemAction.NEEDS_REASON.keySet())
        .containsExactlyInAnyOrder(
            ProblemAction.RETURN, ProblemAction.REOPEN, ProblemAction.TAKE_BACK);
  }
}
