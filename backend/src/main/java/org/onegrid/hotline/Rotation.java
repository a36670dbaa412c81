package org.onegrid.hotline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rotation's arithmetic, without the database: shifts of one length from a first start, the
 * members taking turns in their order. Turn n (counted from the first start) is the n-th member's,
 * modulo the members, so writing the shifts in several batches gives the same roster as writing
 * them at once.
 */
record Rotation(Instant firstStart, Duration length, List<Long> members) {

  Rotation {
    if (length.isZero() || length.isNegative()) {
      throw new IllegalArgumentException("A shift must have a length");
    }
    members = List.copyOf(members);
  }

  /** One member's shift. */
  record Turn(Instant startsAt, Instant endsAt, long accountId) {}

  /**
   * The turns that start in [from, until), and where the next batch starts (the end of the last, or
   * later).
   */
  record Batch(List<Turn> turns, Instant next) {}

  Batch turns(Instant from, Instant until) {
    long index = Math.max(0, Duration.between(firstStart, from).toMinutes() / length.toMinutes());
    Instant start = firstStart.plus(length.multipliedBy(index));
    List<Turn> turns = new ArrayList<>();
    while (start.isBefore(until)) {
      if (!start.isBefore(from) && !members.isEmpty()) {
        turns.add(new Turn(start, start.plus(length), members.get((int) (index % members.size()))));
      }
      index++;
      start = start.plus(length);
    }
    return new Batch(turns, start);
  }

  /**
   * The start of the shift running at {@code now}, or the first start if the rotation has not
   * begun.
   */
  Instant startCovering(Instant now) {
    if (!now.isAfter(firstStart)) {
      return firstStart;
    }
    long minutes = length.toMinutes();
    long index = Duration.between(firstStart, now).toMinutes() / minutes;
    return firstStart.plus(Duration.ofMinutes(index * minutes));
  }
}
