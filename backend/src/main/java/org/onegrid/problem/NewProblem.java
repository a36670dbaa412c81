package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** What a new problem is made of. */
record NewProblem(
    long reporterId,
    long gridId,
    String categoryCode,
    String description,
    @Nullable Long buildingId,
    @Nullable Long unitId,
    @Nullable String locationText,
    @Nullable Double lat,
    @Nullable Double lng,
    boolean hideReporter,
    boolean isPublic,
    @Nullable Long assigneeId,
    String source,
    Instant acceptDueAt,
    Instant resolveDueAt) {

  /**
   * The problem as its row now reads, without reading it: coordinates at the column's six decimals,
   * as the database keeps them.
   */
  Problem asSaved(long id, Instant now) {
    return new Problem(
        id,
        reporterId,
        gridId,
        categoryCode,
        description,
        buildingId,
        unitId,
        locationText,
        lat == null ? null : BigDecimal.valueOf(lat).setScale(6, RoundingMode.HALF_UP),
        lng == null ? null : BigDecimal.valueOf(lng).setScale(6, RoundingMode.HALF_UP),
        hideReporter,
        ProblemState.SUBMITTED,
        assigneeId,
        source,
        acceptDueAt,
        resolveDueAt,
        null,
        null,
        null,
        0,
        0,
        null,
        now,
        now,
        null,
        isPublic);
  }
}
