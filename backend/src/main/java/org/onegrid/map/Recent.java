package org.onegrid.map;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers kept for a while, by key, for pages many people open at once (a city's supervisors on
 * Monday morning): the first asker computes while the others for that key wait for it; once kept
 * too long, the old answer is still given while one background task computes the new one, so no one
 * waits for a city-wide count again. A duration of zero keeps nothing (tests).
 */
final class Recent<K, V> {

  private static final Logger LOG = LoggerFactory.getLogger(Recent.class);

  private final Clock clock;
  private final Duration keep;
  private final int atMost;
  private final Executor background;
  private final Map<K, Kept<V>> kept = new ConcurrentHashMap<>();
  private final Map<K, Object> computing = new ConcurrentHashMap<>();
  private final Set<K> refreshing = ConcurrentHashMap.newKeySet();

  private record Kept<V>(V value, Instant until) {}

  Recent(Clock clock, Duration keep, int atMost, Executor background) {
    this.clock = clock;
    this.keep = keep;
    this.atMost = atMost;
    this.background = background;
  }

  V get(K key, Supplier<V> compute) {
    if (keep.isZero()) {
      return compute.get();
    }
    Kept<V> hit = kept.get(key);
    if (hit != null) {
      if (!hit.until().isAfter(clock.instant()) && refreshing.add(key)) {
        background.execute(
            () -> {
              try {
                put(key, compute.get());
              } catch (RuntimeException e) {
                LOG.warn("Could not refresh {}: {}", key, e.toString());
              } finally {
                refreshing.remove(key);
              }
            });
      }
      return hit.value();
    }
    synchronized (computing.computeIfAbsent(key, k -> new Object())) {
      hit = kept.get(key);
      if (hit != null) {
        return hit.value();
      }
      V value = compute.get();
      put(key, value);
      return value;
    }
  }

  private void put(K key, V value) {
    if (kept.size() >= atMost) {
      kept.clear();
      computing.clear();
    }
    kept.put(key, new Kept<>(value, clock.instant().plus(keep)));
  }
}
