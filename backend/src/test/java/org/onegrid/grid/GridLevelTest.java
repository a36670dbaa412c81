package org.onegrid.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which level is above which, by depth: the rule every "only below me" check stands on. */
class GridLevelTest {

  @Test
  void childrenGoOneLevelDownFromTheCityToTheGrid() {
    List<GridLevel> chain = new ArrayList<>();
    for (GridLevel l = GridLevel.CITY; l != null; l = l.child()) {
      chain.add(l);
    }
    assertThat(chain)
        .containsExactly(
            GridLevel.CITY,
            GridLevel.DISTRICT,
            GridLevel.STREET,
            GridLevel.COMMUNITY,
            GridLevel.ZONE,
            GridLevel.GRID);
    for (int i = 0; i < chain.size(); i++) {
      assertThat(chain.get(i).depth()).isEqualTo(i);
    }
  }

  @Test
  void aboveAndBelowAreStrictAndOpposite() {
    assertThat(GridLevel.STREET.above(GridLevel.COMMUNITY)).isTrue();
    assertThat(GridLevel.COMMUNITY.below(GridLevel.STREET)).isTrue();
    assertThat(GridLevel.COMMUNITY.above(GridLevel.COMMUNITY)).isFalse();
    assertThat(GridLevel.COMMUNITY.below(GridLevel.COMMUNITY)).isFalse();
    for (GridLevel a : GridLevel.values()) {
      for (GridLevel b : GridLevel.values()) {
        assertThat(a.above(b)).isEqualTo(b.below(a));
      }
    }
  }
}
