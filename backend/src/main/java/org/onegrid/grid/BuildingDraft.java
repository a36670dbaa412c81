package org.onegrid.grid;

import io.micronaut.core.annotation.Nullable;

/**
 * A building as a city's file describes it: its grid, name, how many units (named 1单元, 2单元 …),
 * floors and rooms per floor, where it stands, and its place in the grid's list of buildings.
 */
public record BuildingDraft(
    long gridId,
    String name,
    int units,
    @Nullable Integer floors,
    @Nullable Integer roomsPerFloor,
    @Nullable Double lat,
    @Nullable Double lng,
    int sortOrder) {}
