package org.onegrid.grid;

import io.micronaut.core.annotation.Nullable;

/** A node as stored, with its parent's code and its boundary: what an import compares against. */
public record NodeRecord(
    GridNode node, @Nullable String parentCode, @Nullable GeoPolygon boundary) {}
