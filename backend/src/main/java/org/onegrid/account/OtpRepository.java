package org.onegrid.account;

import static org.onegrid.db.Tables.OTP_CODES;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.onegrid.db.tables.records.OtpCodesRecord;

/** Sign-in codes, kept only as keyed hashes. */
@Singleton
class OtpRepository {

  private final DSLContext dsl;

  OtpRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  void insert(String phone, String codeHash, Instant expiresAt, Instant now) {
    dsl.insertInto(OTP_CODES)
        .set(OTP_CODES.PHONE_E164, phone)
        .set(OTP_CODES.CODE_HASH, codeHash)
        .set(OTP_CODES.ATTEMPTS, 0)
        .set(OTP_CODES.EXPIRES_AT, expiresAt)
        .set(OTP_CODES.CREATED_AT, now)
        .execute();
  }

  /** The phone's newest code, used or not. */
  Optional<OtpCodesRecord> findLatest(String phone) {
    return dsl.selectFrom(OTP_CODES)
        .where(OTP_CODES.PHONE_E164.eq(phone))
        .orderBy(OTP_CODES.CREATED_AT.desc(), OTP_CODES.ID.desc())
        .limit(1)
        .fetchOptional();
  }

  /**
   * Counts one try against the code; false when it has no tries left (or is used), in which case
   * nothing changed.
   */
  boolean spendAttempt(long id, int maxAttempts) {
    return dsl.update(OTP_CODES)
            .set(OTP_CODES.ATTEMPTS, OTP_CODES.ATTEMPTS.plus(1))
            .where(
                OTP_CODES.ID.eq(id),
                OTP_CODES.ATTEMPTS.lt(maxAttempts),
                OTP_CODES.CONSUMED_AT.isNull())
            .execute()
        == 1;
  }

  /** Marks the code used; false when another request used it first. */
  boolean consume(long id, Instant now) {
    return dsl.update(OTP_CODES)
            .set(OTP_CODES.CONSUMED_AT, now)
            .where(OTP_CODES.ID.eq(id), OTP_CODES.CONSUMED_AT.isNull())
            .execute()
        == 1;
  }

  int deleteExpiredBefore(Instant cutoff) {
    return dsl.deleteFrom(OTP_CODES).where(OTP_CODES.EXPIRES_AT.lt(cutoff)).limit(50_000).execute();
  }
}
