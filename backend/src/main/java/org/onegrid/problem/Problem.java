package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.Instant;

/** A reported problem as stored. */
record Problem(
    long id,
    long reporterId,
    long gridId,
    String categoryCode,
    String description,
    @Nullable Long buildingId,
    @Nullable Long unitId,
    @Nullable String locationText,
    @Nullable BigDecimal lat,
    @Nullable BigDecimal lng,
    boolean hideReporter,
    ProblemState state,
    @Nullable Long assigneeId,
    String source,
    Instant acceptDueAt,
    Instant resolveDueAt,
    @Nullable Instant acceptedAt,
    @Nullable Instant resolvedAt,
    @Nullable Instant closedAt,
    int redoCount,
    int escalationLevel,
    @Nullable Integer rating,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Long departmentId,
    boolean isPublic) {

  /** Past the time limit that applies to its current state. */
  boolean overdue(Instant now) {
    if (state == ProblemState.SUBMITTED) {
      return now.isAfter(acceptDueAt);
    }
    return ProblemState.OPEN.contains(state) && now.isAfter(resolveDueAt);
  }
}
