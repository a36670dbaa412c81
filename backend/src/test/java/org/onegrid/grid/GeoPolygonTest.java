package org.onegrid.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeoPolygonTest {

  @Test
  void aPointInsideTheOutlineIsInsideAndOneInAHoleIsNot() {
    GeoPolygon withHole =
        new GeoPolygon(
            "Polygon",
            List.of(
                GeoPolygon.rectangle(0, 0, 10, 10).coordinates().get(0),
                GeoPolygon.rectangle(4, 4, 6, 6).coordinates().get(0)));
    assertThat(withHole.contains(2, 2)).isTrue();
    assertThat(withHole.contains(5, 5)).isFalse();
    assertThat(withHole.contains(11, 5)).isFalse();
  }

  @Test
  void latitudeAndLongitudeAreNotSwapped() {
    GeoPolygon zhengzhou = GeoPolygon.rectangle(34.7472, 113.6401, 34.7492, 113.6431);
    assertThat(zhengzhou.contains(34.748, 113.641)).isTrue();
    assertThat(zhengzhou.contains(113.641, 34.748)).isFalse();
  }

  @Test
  void badShapesAreNamed() {
    assertThat(new GeoPolygon("Point", List.of()).problem()).isNotNull();
    assertThat(new GeoPolygon("Polygon", List.of(List.of(List.of(1.0, 2.0)))).problem())
        .isNotNull();
    assertThat(GeoPolygon.rectangle(0, 0, 1, 1).problem()).isNull();
  }

  @Test
  void aPointOutsideIsAsManyMetresAwayAsTheNearestEdgeAndInsideIsNone() {
    GeoPolygon grid = GeoPolygon.rectangle(34.7492, 113.6401, 34.7512, 113.6431);
    assertThat(grid.metersTo(34.7500, 113.6420)).isZero();
    // 0.0009° of longitude east of the edge at 34.75° N: about 82 m.
    assertThat(grid.metersTo(34.7500, 113.6440)).isBetween(80.0, 84.0);
    // 0.001° of latitude south of the south-west corner and as far west: the corner, about 143 m.
    assertThat(grid.metersTo(34.7482, 113.6391)).isBetween(140.0, 146.0);
  }
}
