package org.onegrid.open311;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.onegrid.grid.GridService;

/**
 * Where an Open311 request is: its lat/long inside a grid (or, between grids, the nearest one in
 * reach), else its address_id (a unit), else its address_string matched to a community and
 * building. Anything that cannot be placed is refused with a 400 or 404 that says what to send.
 */
@Singleton
class Open311Places {

  private final GridService grids;
  private final int nearestGridMeters;

  Open311Places(
      GridService grids,
      @Value("${onegrid.open311.nearest-grid-meters:300}") int nearestGridMeters) {
    this.grids = grids;
    this.nearestGridMeters = nearestGridMeters;
  }

  /** Where the request is: a point inside a grid, else the address_id (a unit), else the words. */
  Place place(Map<String, List<String>> form) {
    String lat = Open311Params.one(form, "lat");
    String lng = Open311Params.one(form, "long");
    String addressId = Open311Params.one(form, "address_id");
    String address = Open311Params.one(form, "address_string");
    if ((lat == null) != (lng == null)) {
      throw new Open311Exception(400, "lat and long must be sent together");
    }
    if (lat == null && addressId == null && address == null) {
      throw new Open311Exception(
          400, "A location is required: lat & long, address_string or address_id");
    }
    String text = Open311Params.cut(address, 200);
    if (lat != null) {
      double la = coordinate(lat, "lat", 90);
      double ln = coordinate(lng, "long", 180);
      if (grids.locate(la, ln).isPresent()) {
        return new Place(la, ln, null, null, null, text, null);
      }
      if (addressId == null && address == null) {
        // Between the drawn grids (a road, a square): the nearest grid within reach takes it.
        GridService.Nearby near =
            grids
                .nearestGrid(la, ln, nearestGridMeters)
                .orElseThrow(
                    () ->
                        new Open311Exception(
                            400,
                            "lat/long "
                                + lat
                                + ","
                                + lng
                                + " is outside the city: more than "
                                + nearestGridMeters
                                + " m from every grid"));
        return new Place(la, ln, null, near.grid().id(), null, text, near);
      }
    }
    if (addressId != null) {
      long unit = Open311Params.parseId(addressId);
      if (grids.unit(unit).isEmpty()) {
        throw new Open311Exception(404, "address_id " + addressId + " was not found");
      }
      return new Place(null, null, unit, null, null, text, null);
    }
    GridService.AddressMatch match =
        grids
            .matchAddress(address)
            .orElseThrow(
                () ->
                    new Open311Exception(
                        400,
                        "address_string could not be placed in a grid: name the community and"
                            + " the building, e.g. 民主路社区 3号楼 2单元"));
    return new Place(
        null,
        null,
        match.unitId(),
        match.gridId(),
        match.buildingId(),
        Open311Params.cut(match.remainder(), 200),
        null);
  }

  record Place(
      @Nullable Double lat,
      @Nullable Double lng,
      @Nullable Long unitId,
      @Nullable Long gridId,
      @Nullable Long buildingId,
      @Nullable String text,
      @Nullable GridService.Nearby nearest) {}

  private static double coordinate(String value, String name, double limit) {
    try {
      double v = Double.parseDouble(value);
      if (Double.isFinite(v) && Math.abs(v) <= limit) {
        return v;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new Open311Exception(400, name + " must be a WGS84 " + name + "itude in degrees");
  }
}
