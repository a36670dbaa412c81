package org.onegrid.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The waiting-list rule on its own: who gets a place, who waits, who moves up and in what order.
 */
class PlacesTest {

  /** Places held in memory, as the repositories hold them in rows. */
  private static final class Hall {
    final List<Long> seated = new ArrayList<>();
    final Deque<Long> waiting = new ArrayDeque<>();

    Places places(Integer limit) {
      return new Places(limit, seated::size, () -> Optional.ofNullable(waiting.peekFirst()));
    }

    void admit(long person) {
      waiting.remove(person);
      seated.add(person);
    }
  }

  @Test
  void withNoLimitThereIsAlwaysAPlace() {
    Hall hall = new Hall();
    for (long i = 0; i < 1000; i++) {
      hall.seated.add(i);
    }
    assertThat(hall.places(null).free()).isTrue();
  }

  @Test
  void aFullHallHasNoPlaceUntilSomeoneLeaves() {
    Hall hall = new Hall();
    hall.seated.addAll(List.of(1L, 2L));
    assertThat(hall.places(2).free()).isFalse();
    hall.seated.remove(1L);
    assertThat(hall.places(2).free()).isTrue();
  }

  @Test
  void freedPlacesGoToThoseWhoWaitedLongestAndNoMore() {
    Hall hall = new Hall();
    hall.seated.addAll(List.of(1L, 2L, 3L));
    hall.waiting.addAll(List.of(7L, 8L, 9L));
    hall.seated.remove(2L);
    hall.seated.remove(3L);
    assertThat(hall.places(3).moveUp(hall::admit)).isEqualTo(2);
    assertThat(hall.seated).containsExactly(1L, 7L, 8L);
    assertThat(hall.waiting).containsExactly(9L);
  }

  @Test
  void aLargerLimitMovesUpEveryoneItCanAndStopsWhenNobodyWaits() {
    Hall hall = new Hall();
    hall.seated.add(1L);
    hall.waiting.addAll(List.of(5L, 6L));
    assertThat(hall.places(10).moveUp(hall::admit)).isEqualTo(2);
    assertThat(hall.places(10).moveUp(hall::admit)).isZero();
    assertThat(hall.seated).containsExactly(1L, 5L, 6L);
  }
}
