package org.onegrid.platform;

import static org.onegrid.db.Tables.RATE_LIMIT_HITS;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Fixed-window counters kept in the database, so that every instance counts the same hits. A hit
 * counts whether or not the request then succeeds; the caller is told when the window ends.
 */
@Singleton
public class RateLimiter {

  private final DSLContext dsl;
  private final SqlShapes shapes;
  private final Clock clock;

  RateLimiter(DSLContext dsl, SqlShapes shapes, Clock clock) {
    this.dsl = dsl;
    this.shapes = shapes;
    this.clock = clock;
  }

  /**
   * Counts one hit on {@code bucket} and refuses it with 429 when it is over {@code limit} in the
   * current window.
   *
   * @param code the problem code told to the caller
   */
  public void hit(String bucket, int limit, Duration window, String code) {
    Instant now = clock.instant();
    long windowMillis = window.toMillis();
    Instant start = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
    // Every report, sign-in and code counts a hit: both statements are kept shapes (SqlShapes).
    int changed =
        shapes.execute(
            "rate-limiter.hit",
            () ->
                dsl.insertInto(RATE_LIMIT_HITS)
                    .set(RATE_LIMIT_HITS.BUCKET, bucket)
                    .set(RATE_LIMIT_HITS.WINDOW_START, start)
                    .set(RATE_LIMIT_HITS.HITS, 1)
                    .onDuplicateKeyUpdate()
                    .set(RATE_LIMIT_HITS.HITS, RATE_LIMIT_HITS.HITS.plus(1)),
            List.of(bucket, start, 1, 1));
    // One row changed: it was inserted, so this is the window's first hit and there is nothing to
    // read back (an existing row counted up reports two). Most people are at their first.
    if (changed == 1 && limit >= 1) {
      return;
    }
    Integer hits =
        shapes
            .fetch(
                "rate-limiter.hits",
                () ->
                    dsl.select(RATE_LIMIT_HITS.HITS)
                        .from(RATE_LIMIT_HITS)
                        .where(
                            RATE_LIMIT_HITS.BUCKET.eq(bucket),
                            RATE_LIMIT_HITS.WINDOW_START.eq(start)),
                List.of(bucket, start))
            .stream()
            .findFirst()
            .map(r -> r.get(RATE_LIMIT_HITS.HITS))
            .orElse(null);
    if (hits != null && hits > limit) {
      throw ApiException.tooManyRequests(code, Duration.between(now, start.plus(window)));
    }
  }

  @Scheduled(fixedDelay = "1h", initialDelay = "5m")
  void forgetOldWindows() {
    dsl.deleteFrom(RATE_LIMIT_HITS)
        .where(RATE_LIMIT_HITS.WINDOW_START.lt(clock.instant().minus(Duration.ofDays(2))))
        .limit(50_000)
        .execute();
  }
}
