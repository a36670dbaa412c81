package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** One change of a problem: who, what, from which state to which, why, when. */
record ProblemEvent(
    @Nullable Long actorId,
    String action,
    @Nullable ProblemState from,
    ProblemState to,
    @Nullable String reason,
    Instant at) {}
