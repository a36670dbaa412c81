package org.onegrid.grid;

import io.micronaut.core.annotation.Nullable;

/** A node of the grid tree as a city's file describes it, matched to the tree by its code. */
public record NodeDraft(
    String code,
    String name,
    GridLevel level,
    @Nullable String parentCode,
    @Nullable String hotlinePhone,
    @Nullable GeoPolygon boundary) {}
