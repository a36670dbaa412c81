package org.onegrid.notify;

import static org.onegrid.db.Tables.SMS_DIGEST_HEADS;
import static org.onegrid.db.Tables.SMS_OUTBOX;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.onegrid.db.tables.records.SmsOutboxRecord;
import org.onegrid.platform.SqlShapes;
import org.onegrid.platform.Tx;

/**
 * The SMS outbox's rows as the senders change them: queued, folded into digests, claimed, handed
 * over, marked with what the provider answered, released. What people read of it is {@link
 * OutboxQueries}.
 */
@Singleton
class OutboxRepository {

  /** Channels: a text, or a phone call that says the words. */
  static final String SMS = "sms";

  static final String VOICE = "voice";

  /** A message sent by Web Push (see {@link PushChannel}); a text again if no browser takes it. */
  static final String PUSH = "push";

  static final String PENDING = "PENDING";
  static final String SENDING = "SENDING";
  static final String SENT = "SENT";
  static final String FAILED = "FAILED";
  static final String UNKNOWN = "UNKNOWN";
  static final String OPTED_OUT = "OPTED_OUT";

  /** A failed text an admin queued again (the new row is sent; this one stays as history). */
  static final String RESENT = "RESENT";

  private final DSLContext dsl;
  private final SqlShapes shapes;
  private final Tx tx;

  OutboxRepository(DSLContext dsl, SqlShapes shapes, Tx tx) {
    this.dsl = dsl;
    this.shapes = shapes;
    this.tx = tx;
  }

  /**
   * A failed text that was queued again on purpose: it leaves the list of texts not sent. False
   * when it is no longer failed or unknown (a dispatcher is asking Twilio about it right now, or
   * found it sent).
   */
  boolean markResent(long id) {
    return dsl.update(SMS_OUTBOX)
            .set(SMS_OUTBOX.STATUS, RESENT)
            .where(SMS_OUTBOX.ID.eq(id), SMS_OUTBOX.STATUS.in(FAILED, UNKNOWN))
            .execute()
        == 1;
  }

  Optional<SmsOutboxRecord> findById(long id) {
    return dsl.selectFrom(SMS_OUTBOX).where(SMS_OUTBOX.ID.eq(id)).fetchOptional();
  }

  /** Purposes sent before everything else that is due. */
  static final List<String> FIRST = List.of("otp", "password-reset");

  long insert(String to, String body, String purpose, String channel, Instant now) {
    return insertDue(to, body, purpose, channel, now, now, 0);
  }

  /** A row first due at {@code dueAt}, standing for {@code folded} texts (a digest), or 0. */
  long insertDue(
      String to,
      String body,
      String purpose,
      String channel,
      Instant now,
      Instant dueAt,
      int folded) {
    return tx.insertReturningId(
        dsl.insertInto(SMS_OUTBOX)
            .set(SMS_OUTBOX.TO_E164, to)
            .set(SMS_OUTBOX.BODY, body)
            .set(SMS_OUTBOX.PURPOSE, purpose)
            .set(SMS_OUTBOX.CHANNEL, channel)
            .set(SMS_OUTBOX.STATUS, PENDING)
            .set(SMS_OUTBOX.ATTEMPTS, 0)
            .set(SMS_OUTBOX.NEXT_ATTEMPT_AT, dueAt)
            .set(SMS_OUTBOX.FOLDED, folded)
            .set(SMS_OUTBOX.CREATED_AT, now),
        SMS_OUTBOX.ID);
  }

  /** A message to go by push, opening {@code link} when tapped. */
  long insertPush(String to, String body, String purpose, @Nullable String link, Instant now) {
    return tx.insertReturningId(
        dsl.insertInto(SMS_OUTBOX)
            .set(SMS_OUTBOX.TO_E164, to)
            .set(SMS_OUTBOX.BODY, body)
            .set(SMS_OUTBOX.PURPOSE, purpose)
            .set(SMS_OUTBOX.CHANNEL, PUSH)
            .set(SMS_OUTBOX.LINK, link)
            .set(SMS_OUTBOX.STATUS, PENDING)
            .set(SMS_OUTBOX.ATTEMPTS, 0)
            .set(SMS_OUTBOX.NEXT_ATTEMPT_AT, now)
            .set(SMS_OUTBOX.FOLDED, 0)
            .set(SMS_OUTBOX.CREATED_AT, now),
        SMS_OUTBOX.ID);
  }

  /**
   * A push message no browser takes any more becomes a text, due now: the person is told either
   * way, once.
   */
  void pushToText(long id, Instant now) {
    dsl.update(SMS_OUTBOX)
        .set(SMS_OUTBOX.CHANNEL, SMS)
        .set(SMS_OUTBOX.STATUS, PENDING)
        .set(SMS_OUTBOX.NEXT_ATTEMPT_AT, now)
        .set(SMS_OUTBOX.LAST_ERROR, "no browser takes push any more; sent as a text")
        .setNull(SMS_OUTBOX.CLAIMED_UNTIL)
        .setNull(SMS_OUTBOX.HANDED_AT)
        .where(SMS_OUTBOX.ID.eq(id))
        .execute();
  }

  /**
   * The latest alert or digest queued to this phone ({@link SmsDigest}), locked with its head row,
   * both by their keys; empty when there is none.
   */
  Optional<SmsOutboxRecord> lockLatestFolded(String to) {
    // Every alert to a leader whose digest does not take it at once: a kept shape (SqlShapes).
    Result<Record> rows =
        shapes.fetch(
            "outbox.lock-latest-folded",
            () ->
                dsl.select(SMS_OUTBOX.fields())
                    .from(SMS_DIGEST_HEADS)
                    .join(SMS_OUTBOX)
                    .on(SMS_OUTBOX.ID.eq(SMS_DIGEST_HEADS.OUTBOX_ID))
                    .where(SMS_DIGEST_HEADS.TO_E164.eq(to))
                    .forUpdate(),
            List.of(to));
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).into(SMS_OUTBOX));
  }

  /** Makes this outbox row the latest alert or digest of its phone. */
  void pointHead(String to, long outboxId) {
    dsl.insertInto(SMS_DIGEST_HEADS)
        .set(SMS_DIGEST_HEADS.TO_E164, to)
        .set(SMS_DIGEST_HEADS.OUTBOX_ID, outboxId)
        .onDuplicateKeyUpdate()
        .set(SMS_DIGEST_HEADS.OUTBOX_ID, outboxId)
        .execute();
  }

  /** Where a digest's words say how many alerts it holds, filled in by the database. */
  static final String COUNT_MARK = "\uE000";

  /**
   * Folds one more alert into the phone's digest in one statement, when its latest text is a digest
   * still waiting (never claimed), made since {@code madeSince} and made or due since {@code
   * since}: its words become {@code body} with the new count where {@link #COUNT_MARK} stands, its
   * count up by one. False when there is no such digest (the caller then locks and decides).
   */
  boolean foldIntoWaitingDigest(String to, String body, Instant madeSince, Instant since) {
    Field<Integer> count = SMS_OUTBOX.FOLDED.plus(1);
    // Tried on every alert to a leader (every report): a kept shape (SqlShapes).
    return shapes.execute(
            "outbox.fold-into-waiting-digest",
            () ->
                dsl.update(SMS_OUTBOX)
                    // Set before the count, and reading it as it was: MySQL assigns left to
                    // right, the standard all at once; both give the same words.
                    .set(
                        SMS_OUTBOX.BODY,
                        DSL.replace(
                            DSL.val(body),
                            DSL.inline(COUNT_MARK),
                            count.cast(SQLDataType.VARCHAR(11))))
                    .set(SMS_OUTBOX.FOLDED, count)
                    .where(
                        SMS_OUTBOX.ID.eq(
                            DSL.select(SMS_DIGEST_HEADS.OUTBOX_ID)
                                .from(SMS_DIGEST_HEADS)
                                .where(SMS_DIGEST_HEADS.TO_E164.eq(to))),
                        SMS_OUTBOX.PURPOSE.eq(SmsDigest.PURPOSE),
                        SMS_OUTBOX.STATUS.eq(PENDING),
                        SMS_OUTBOX.ATTEMPTS.eq(0),
                        SMS_OUTBOX.CREATED_AT.ge(madeSince),
                        SMS_OUTBOX.CREATED_AT.ge(since).or(SMS_OUTBOX.NEXT_ATTEMPT_AT.ge(since))),
            List.of(body, 1, 1, to, SmsDigest.PURPOSE, PENDING, 0, madeSince, since, since))
        == 1;
  }

  /**
   * Folds one more text into a digest still waiting (never claimed): its words replaced, its count
   * up by one. False when the digest has already been claimed for sending.
   */
  boolean foldInto(long id, String body) {
    return dsl.update(SMS_OUTBOX)
            .set(SMS_OUTBOX.BODY, body)
            .set(SMS_OUTBOX.FOLDED, SMS_OUTBOX.FOLDED.plus(1))
            .where(SMS_OUTBOX.ID.eq(id), SMS_OUTBOX.STATUS.eq(PENDING), SMS_OUTBOX.ATTEMPTS.eq(0))
            .execute()
        == 1;
  }

  /**
   * Due: waiting to be sent, or handed to the provider with no answer and to be asked about again.
   */
  private static Condition due(Instant now) {
    return SMS_OUTBOX
        .STATUS
        .eq(PENDING)
        .or(SMS_OUTBOX.STATUS.eq(UNKNOWN).and(SMS_OUTBOX.HANDED_AT.isNotNull()))
        .and(SMS_OUTBOX.NEXT_ATTEMPT_AT.le(now));
  }

  /**
   * Claims up to {@code limit} due rows for this instance, for a short lease. Rows locked by
   * another instance's claim are skipped, not waited for, and a claimed row is SENDING, so no other
   * instance picks it up after this transaction commits. Claiming is not sending: {@link #handOver}
   * records the moment a row is given to the provider.
   */
  List<SmsOutboxRecord> claimDue(Instant now, int limit, String instance, Instant leaseUntil) {
    // Sign-in codes first: a resident is waiting at the sign-in page while a notice texts a city.
    List<Long> ids =
        new ArrayList<>(
            dsl.select(SMS_OUTBOX.ID)
                .from(SMS_OUTBOX)
                .where(due(now), SMS_OUTBOX.PURPOSE.in(FIRST))
                .orderBy(SMS_OUTBOX.NEXT_ATTEMPT_AT)
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .fetch(SMS_OUTBOX.ID));
    if (ids.size() < limit) {
      ids.addAll(
          dsl.select(SMS_OUTBOX.ID)
              .from(SMS_OUTBOX)
              .where(due(now))
              .and(ids.isEmpty() ? DSL.noCondition() : SMS_OUTBOX.ID.notIn(ids))
              .orderBy(SMS_OUTBOX.NEXT_ATTEMPT_AT)
              .limit(limit - ids.size())
              .forUpdate()
              .skipLocked()
              .fetch(SMS_OUTBOX.ID));
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    dsl.update(SMS_OUTBOX)
        .set(SMS_OUTBOX.STATUS, SENDING)
        .set(SMS_OUTBOX.CLAIMED_BY, instance)
        .set(SMS_OUTBOX.CLAIMED_UNTIL, leaseUntil)
        .where(SMS_OUTBOX.ID.in(ids))
        .execute();
    Map<Long, SmsOutboxRecord> claimed =
        dsl.selectFrom(SMS_OUTBOX).where(SMS_OUTBOX.ID.in(ids)).fetchMap(SMS_OUTBOX.ID);
    return ids.stream().map(claimed::get).toList();
  }

  /**
   * Records that this instance is about to give the row to the provider: one more attempt, and the
   * lease renewed to cover it. False when the row is no longer this instance's to send.
   */
  boolean handOver(long id, String instance, Instant now, Instant leaseUntil) {
    return dsl.update(SMS_OUTBOX)
            .set(SMS_OUTBOX.HANDED_AT, now)
            .set(SMS_OUTBOX.ATTEMPTS, SMS_OUTBOX.ATTEMPTS.plus(1))
            .set(SMS_OUTBOX.CLAIMED_UNTIL, leaseUntil)
            .where(
                SMS_OUTBOX.ID.eq(id),
                SMS_OUTBOX.STATUS.eq(SENDING),
                SMS_OUTBOX.CLAIMED_BY.eq(instance))
            .execute()
        == 1;
  }

  /**
   * Gives back what this instance claimed and never handed to the provider (on shutdown): the rows
   * are due again at once, for another instance or the next start.
   */
  int returnUnsent(String instance) {
    return dsl.update(SMS_OUTBOX)
        .set(SMS_OUTBOX.STATUS, PENDING)
        .setNull(SMS_OUTBOX.CLAIMED_BY)
        .setNull(SMS_OUTBOX.CLAIMED_UNTIL)
        .where(
            SMS_OUTBOX.STATUS.eq(SENDING),
            SMS_OUTBOX.CLAIMED_BY.eq(instance),
            SMS_OUTBOX.HANDED_AT.isNull())
        .execute();
  }

  /** Records a send; {@code newBody}, when given, replaces the words kept (a secret's). */
  void markSent(
      long id,
      String provider,
      String providerId,
      String providerStatus,
      Instant now,
      @Nullable String newBody) {
    dsl.update(SMS_OUTBOX)
        .set(SMS_OUTBOX.STATUS, SENT)
        .set(SMS_OUTBOX.BODY, newBody == null ? SMS_OUTBOX.BODY : DSL.val(newBody))
        .set(SMS_OUTBOX.PROVIDER, provider)
        .set(SMS_OUTBOX.PROVIDER_ID, providerId)
        .set(SMS_OUTBOX.PROVIDER_STATUS, providerStatus)
        .set(SMS_OUTBOX.SENT_AT, now)
        .setNull(SMS_OUTBOX.CLAIMED_UNTIL)
        .setNull(SMS_OUTBOX.LAST_ERROR)
        .where(SMS_OUTBOX.ID.eq(id))
        .execute();
  }

  void replaceBody(long id, String body) {
    dsl.update(SMS_OUTBOX).set(SMS_OUTBOX.BODY, body).where(SMS_OUTBOX.ID.eq(id)).execute();
  }

  void markRetry(long id, String provider, String error, Instant nextAttempt) {
    dsl.update(SMS_OUTBOX)
        .set(SMS_OUTBOX.STATUS, PENDING)
        .set(SMS_OUTBOX.PROVIDER, provider)
        .set(SMS_OUTBOX.LAST_ERROR, truncate(error))
        .set(SMS_OUTBOX.NEXT_ATTEMPT_AT, nextAttempt)
        .setNull(SMS_OUTBOX.CLAIMED_UNTIL)
        .setNull(SMS_OUTBOX.HANDED_AT)
        .where(SMS_OUTBOX.ID.eq(id))
        .execute();
  }

  /**
   * The provider may hold the row's message but could not be asked: it stays UNKNOWN and is asked
   * about again at {@code nextCheck}; it is never sent again before the provider says it lacks it.
   */
  void markUnknown(long id, String provider, String error, Instant nextCheck) {
    dsl.update(SMS_OUTBOX)
        .set(SMS_OUTBOX.STATUS, UNKNOWN)
        .set(SMS_OUTBOX.PROVIDER, provider)
        .set(SMS_OUTBOX.LAST_ERROR, truncate(error))
        .set(SMS_OUTBOX.NEXT_ATTEMPT_AT, nextCheck)
        .setNull(SMS_OUTBOX.CLAIMED_UNTIL)
        .where(SMS_OUTBOX.ID.eq(id))
        .execute();
  }

  void markOptedOut(long id) {
    dsl.update(SMS_OUTBOX).set(SMS_OUTBOX.STATUS, OPTED_OUT).where(SMS_OUTBOX.ID.eq(id)).execute();
  }

  /**
   * Records what the provider later reported about a message it accepted (delivered, undelivered…).
   */
  int updateProviderStatus(String providerId, String status, String error) {
    return dsl.update(SMS_OUTBOX)
        .set(SMS_OUTBOX.PROVIDER_STATUS, status)
        .set(SMS_OUTBOX.LAST_ERROR, truncate(error))
        .where(SMS_OUTBOX.PROVIDER_ID.eq(providerId))
        .execute();
  }

  void markFailed(long id, String provider, String error) {
    dsl.update(SMS_OUTBOX)
        .set(SMS_OUTBOX.STATUS, FAILED)
        .set(SMS_OUTBOX.PROVIDER, provider)
        .set(SMS_OUTBOX.LAST_ERROR, truncate(error))
        .setNull(SMS_OUTBOX.CLAIMED_UNTIL)
        .where(SMS_OUTBOX.ID.eq(id))
        .execute();
  }

  /**
   * Rows whose sender stopped (crashed, or lost its lease): those never handed to the provider go
   * back to the queue; those handed over become UNKNOWN, to be asked about before any new attempt.
   */
  int releaseExpired(Instant now) {
    int returned =
        dsl.update(SMS_OUTBOX)
            .set(SMS_OUTBOX.STATUS, PENDING)
            .setNull(SMS_OUTBOX.CLAIMED_UNTIL)
            .where(
                SMS_OUTBOX.STATUS.eq(SENDING),
                SMS_OUTBOX.CLAIMED_UNTIL.lt(now),
                SMS_OUTBOX.HANDED_AT.isNull())
            .execute();
    int unsure =
        dsl.update(SMS_OUTBOX)
            .set(SMS_OUTBOX.STATUS, UNKNOWN)
            .set(
                SMS_OUTBOX.LAST_ERROR,
                "sender stopped while sending; Twilio is asked before any new attempt")
            .set(SMS_OUTBOX.NEXT_ATTEMPT_AT, now)
            .setNull(SMS_OUTBOX.CLAIMED_UNTIL)
            .where(
                SMS_OUTBOX.STATUS.eq(SENDING),
                SMS_OUTBOX.CLAIMED_UNTIL.lt(now),
                SMS_OUTBOX.HANDED_AT.isNotNull())
            .execute();
    return returned + unsure;
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 500);
  }
}
