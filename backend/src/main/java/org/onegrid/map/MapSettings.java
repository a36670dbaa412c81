package org.onegrid.map;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What the browser needs to draw the base map: an XYZ tile URL ({s}, {z}, {x}, {y}), or null for a
 * plain background; the attribution; the datum the tiles use, to shift WGS-84 points onto them.
 */
@Serdeable
record MapSettings(
    @Nullable String tileUrl,
    String subdomains,
    String attribution,
    MapConfig.Datum datum,
    int maxZoom) {}
