package org.onegrid.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Rows read by id that this instance takes again for a short while instead of asking the database
 * on every request: who is signed in, the nodes of the grid tree. The repository that owns the rows
 * forgets them when it writes them, so a change made on this instance shows at once; a change made
 * on another instance shows within {@code maxAge} — the same promise as an ended session's ({@code
 * onegrid.sessions.check-every}). Bounded: past {@code atMost} rows all are forgotten.
 */
public final class RecentReads<V> {

  private final long maxAgeNanos;
  private final int atMost;
  private final Map<Long, Read<V>> reads = new ConcurrentHashMap<>();

  private record Read<V>(V value, long atNanos) {}

  public RecentReads(Duration maxAge, int atMost) {
    this.maxAgeNanos = maxAge.toNanos();
    this.atMost = atMost;
  }

  /** The row as read within maxAge, else read now with {@code read} (and kept when found). */
  public Optional<V> get(long id, LongFunction<Optional<V>> read) {
    Read<V> last = reads.get(id);
    long now = System.nanoTime();
    if (last != null && now - last.atNanos() < maxAgeNanos) {
      return Optional.of(last.value());
    }
    Optional<V> found = read.apply(id);
    found.ifPresent(v -> keep(id, v, now));
    return found;
  }

  /**
   * The rows of these ids as read within maxAge, the others read now in one go with {@code read};
   * ids not found are left out.
   */
  public Map<Long, V> getAll(Collection<Long> ids, Function<List<Long>, Map<Long, V>> read) {
    Map<Long, V> found = new HashMap<>();
    List<Long> missing = new ArrayList<>();
    long now = System.nanoTime();
    for (Long id : ids) {
      Read<V> last = reads.get(id);
      if (last != null && now - last.atNanos() < maxAgeNanos) {
        found.put(id, last.value());
      } else {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      read.apply(missing)
          .forEach(
              (id, v) -> {
                found.put(id, v);
                keep(id, v, now);
              });
    }
    return found;
  }

  public void forget(long id) {
    reads.remove(id);
  }

  public void forgetAll() {
    reads.clear();
  }

  private void keep(long id, V value, long now) {
    if (reads.size() >= atMost) {
      reads.clear();
    }
    reads.put(id, new Read<>(value, now));
  }
}
