package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rows taken again within their age, read anew once forgotten, bounded. */
class RecentReadsTest {

  private final List<Long> asked = new ArrayList<>();

  private Optional<String> read(long id) {
    asked.add(id);
    return id < 0 ? Optional.empty() : Optional.of("row " + id + " #" + asked.size());
  }

  private Map<Long, String> readAll(List<Long> ids) {
    Map<Long, String> rows = new HashMap<>();
    for (long id : ids) {
      read(id).ifPresent(r -> rows.put(id, r));
    }
    return rows;
  }

  @Test
  void aRowReadRecentlyIsTakenAgainUntilItsOwnerForgetsIt() {
    RecentReads<String> reads = new RecentReads<>(Duration.ofHours(1), 100);
    String first = reads.get(7, this::read).orElseThrow();
    assertThat(reads.get(7, this::read)).contains(first);
    assertThat(asked).containsExactly(7L);

    reads.forget(7);
    assertThat(reads.get(7, this::read)).isNotEqualTo(Optional.of(first));
    assertThat(asked).containsExactly(7L, 7L);

    // A row that is not there is asked for every time: nothing to keep.
    assertThat(reads.get(-1, this::read)).isEmpty();
    assertThat(reads.get(-1, this::read)).isEmpty();
    assertThat(asked).containsExactly(7L, 7L, -1L, -1L);
  }

  @Test
  void manyAtOnceAskOnlyForTheRowsNotReadRecently() {
    RecentReads<String> reads = new RecentReads<>(Duration.ofHours(1), 100);
    reads.get(1, this::read);
    Map<Long, String> rows = reads.getAll(List.of(1L, 2L, 3L, -4L), this::readAll);
    assertThat(rows).containsOnlyKeys(1L, 2L, 3L);
    assertThat(asked).containsExactly(1L, 2L, 3L, -4L);

    reads.forgetAll();
    reads.getAll(List.of(1L, 2L), this::readAll);
    assertThat(asked).endsWith(1L, 2L);
  }

  @Test
  void withNoAgeEveryReadAsksAndPastTheBoundAllAreForgotten() {
    RecentReads<String> fresh = new RecentReads<>(Duration.ZERO, 100);
    fresh.get(1, this::read);
    fresh.get(1, this::read);
    assertThat(asked).containsExactly(1L, 1L);

    asked.clear();
    RecentReads<String> small = new RecentReads<>(Duration.ofHours(1), 2);
    small.get(1, this::read);
    small.get(2, this::read);
    small.get(3, this::read); // the third forgets the first two
    small.get(1, this::read);
    assertThat(asked).containsExactly(1L, 2L, 3L, 1L);
  }
}
