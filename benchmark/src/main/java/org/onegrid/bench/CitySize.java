package org.onegrid.bench;

/**
 * How big the generated city is, and the shape of its grid tree: grids of 5 buildings with two
 * units each, ten grids to a zone, two zones to a community, ten communities to a street office,
 * ten street offices to a district, all districts under one city.
 */
public record CitySize(int grids, int residents, int problems) {

  static final int BUILDINGS_PER_GRID = 5;
  static final int UNITS_PER_BUILDING = 2;
  static final int GRIDS_PER_ZONE = 10;
  static final int ZONES_PER_COMMUNITY = 2;
  static final int COMMUNITIES_PER_STREET = 10;
  static final int STREETS_PER_DISTRICT = 10;
  static final int ASSOCIATIONS_PER_COMMUNITY = 3;
  static final int ACTIVITIES_PER_ASSOCIATION = 4;

  /** The city: 19,000 grids, a million residents, three million problems. */
  public static final CitySize CITY = new CitySize(19_000, 1_000_000, 3_000_000);

  public CitySize {
    if (grids < 1 || residents < grids || problems < 1) {
      throw new IllegalArgumentException(
          "A city needs at least one grid, a resident per grid and one problem");
    }
  }

  int zones() {
    return ceil(grids, GRIDS_PER_ZONE);
  }

  int communities() {
    return ceil(zones(), ZONES_PER_COMMUNITY);
  }

  int streets() {
    return ceil(communities(), COMMUNITIES_PER_STREET);
  }

  int districts() {
    return ceil(streets(), STREETS_PER_DISTRICT);
  }

  int buildings() {
    return grids * BUILDINGS_PER_GRID;
  }

  int units() {
    return buildings() * UNITS_PER_BUILDING;
  }

  /** Households per unit, so that a household has about two and a half people. */
  int householdsPerUnit() {
    return Math.max(1, (int) Math.round(residents / 2.5 / units()));
  }

  int households() {
    return units() * householdsPerUnit();
  }

  /** Past clinic bookings and hotline contacts: one for every ten and every five residents. */
  int bookings() {
    return Math.max(1, residents / 10);
  }

  int hotlineContacts() {
    return Math.max(1, residents / 5);
  }

  int staff() {
    return grids + communities() + streets() + districts() + 1;
  }

  private static int ceil(int a, int b) {
    return (a + b - 1) / b;
  }
}
