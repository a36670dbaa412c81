package org.onegrid.hotline;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who is on duty when, from the shifts of a window: an override (a swap, cover for leave) wins over
 * the rotation where they overlap, and of two overrides the later made wins.
 */
final class DutyTimeline {

  /** One shift: [startsAt, endsAt) on duty, made by the rotation or as an override. */
  record Shift(long id, Instant startsAt, Instant endsAt, long accountId, boolean override) {

    boolean covers(Instant t) {
      return !t.isBefore(startsAt) && t.isBefore(endsAt);
    }
  }

  /** A stretch of time with one person on duty, or nobody ({@code accountId} null). */
  record Segment(Instant from, Instant to, @Nullable Long accountId) {}

  private final List<Shift> shifts;

  DutyTimeline(List<Shift> shifts) {
    this.shifts = List.copyOf(shifts);
  }

  /** Who is on duty at {@code t}. */
  Optional<Long> at(Instant t) {
    return shifts.stream()
        .filter(s -> s.covers(t))
        .max(Comparator.comparing(Shift::override).thenComparing(Shift::id))
        .map(Shift::accountId);
  }

  /** [from, to) cut where the person on duty changes, with who it is. */
  List<Segment> segments(Instant from, Instant to) {
    TreeSet<Instant> cuts = new TreeSet<>();
    cuts.add(from);
    cuts.add(to);
    for (Shift s : shifts) {
      if (s.startsAt().isAfter(from) && s.startsAt().isBefore(to)) {
        cuts.add(s.startsAt());
      }
      if (s.endsAt().isAfter(from) && s.endsAt().isBefore(to)) {
        cuts.add(s.endsAt());
      }
    }
    List<Segment> out = new ArrayList<>();
    Instant start = null;
    for (Instant cut : cuts) {
      if (start != null) {
        Long who = at(start).orElse(null);
        Segment last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && Objects.equals(last.accountId(), who)) {
          out.set(out.size() - 1, new Segment(last.from(), cut, who));
        } else {
          out.add(new Segment(start, cut, who));
        }
      }
      start = cut;
    }
    return out;
  }

  /** The stretches of [from, to) with nobody on duty. */
  List<Segment> gaps(Instant from, Instant to) {
    return segments(from, to).stream().filter(s -> s.accountId() == null).toList();
  }
}
