package org.onegrid.grid;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** One stretch of one person leading a grid. */
public record LeaderAssignment(
    long leaderId, @Nullable Long assignedBy, Instant startedAt, @Nullable Instant endedAt) {}
