package org.onegrid.account;

import static org.onegrid.db.Tables.LOGIN_FAILURES;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.OneGridConfig;

/**
 * Slows password guessing down per account and address: the first {@code onegrid.login.free-tries}
 * wrong passwords cost nothing, then each further try from that address must wait, twice as long
 * each time (5 s, 10 s, 20 s … up to 15 minutes). Failures from one address never hold back
 * another, so nobody can lock a staff member out by guessing. A right password clears the count; a
 * day without failures forgets it.
 */
@Singleton
class LoginFailures {

  static final Duration FIRST_WAIT = Duration.ofSeconds(5);
  static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
  static final Duration FORGET_AFTER = Duration.ofDays(1);

  private final DSLContext dsl;
  private final Clock clock;
  private final int freeTries;

  LoginFailures(DSLContext dsl, Clock clock, OneGridConfig.Login login) {
    this.dsl = dsl;
    this.clock = clock;
    this.freeTries = login.getFreeTries();
  }

  /** Refuses with 429 (and when to try again) while this address must still wait. */
  void requireMayTry(String phone, String address) {
    Instant now = clock.instant();
    Record2<Integer, Instant> row =
        dsl.select(LOGIN_FAILURES.FAILURES, LOGIN_FAILURES.LAST_FAILED_AT)
            .from(LOGIN_FAILURES)
            .where(LOGIN_FAILURES.PHONE.eq(phone), LOGIN_FAILURES.ADDRESS.eq(cut(address)))
            .fetchOne();
    if (row == null || row.value2().isBefore(now.minus(FORGET_AFTER))) {
      return;
    }
    Instant allowedAt = row.value2().plus(waitAfter(row.value1()));
    if (now.isBefore(allowedAt)) {
      throw ApiException.tooManyRequests("login-slow-down", Duration.between(now, allowedAt));
    }
  }

  void recordFailure(String phone, String address) {
    Instant now = clock.instant();
    Instant stale = now.minus(FORGET_AFTER);
    dsl.insertInto(LOGIN_FAILURES)
        .set(LOGIN_FAILURES.PHONE, phone)
        .set(LOGIN_FAILURES.ADDRESS, cut(address))
        .set(LOGIN_FAILURES.FAILURES, 1)
        .set(LOGIN_FAILURES.LAST_FAILED_AT, now)
        .onDuplicateKeyUpdate()
        .set(
            LOGIN_FAILURES.FAILURES,
            DSL.when(LOGIN_FAILURES.LAST_FAILED_AT.lt(stale), 1)
                .otherwise(LOGIN_FAILURES.FAILURES.plus(1)))
        .set(LOGIN_FAILURES.LAST_FAILED_AT, now)
        .execute();
  }

  void clear(String phone, String address) {
    dsl.deleteFrom(LOGIN_FAILURES)
        .where(LOGIN_FAILURES.PHONE.eq(phone), LOGIN_FAILURES.ADDRESS.eq(cut(address)))
        .execute();
  }

  /** How long the next try waits after this many failures in a row. */
  Duration waitAfter(int failures) {
    if (failures < freeTries) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - freeTries, 20);
    Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }

  @Scheduled(fixedDelay = "1h", initialDelay = "9m")
  void forgetOld() {
    dsl.deleteFrom(LOGIN_FAILURES)
        .where(LOGIN_FAILURES.LAST_FAILED_AT.lt(clock.instant().minus(FORGET_AFTER)))
        .limit(50_000)
        .execute();
  }

  private static String cut(String address) {
    return address.length() <= 64 ? address : address.substring(0, 64);
  }
}
