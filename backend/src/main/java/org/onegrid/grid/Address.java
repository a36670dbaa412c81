package org.onegrid.grid;

import io.micronaut.core.annotation.Nullable;

/**
 * Where a household (or, without household and room, a unit) is: unit, building and the grid they
 * belong to.
 */
public record Address(
    @Nullable Long householdId,
    @Nullable String room,
    long unitId,
    String unitName,
    long buildingId,
    String buildingName,
    long gridId) {}
