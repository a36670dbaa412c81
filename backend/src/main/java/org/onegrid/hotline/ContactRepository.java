package org.onegrid.hotline;

import static org.onegrid.db.Tables.HOTLINE_CONTACTS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.HotlineContactsRecord;
import org.onegrid.platform.Tx;

/** Every call, text and message that reached a community's hotline. */
@Singleton
class ContactRepository {

  static final String CALL = "CALL";
  static final String SMS = "SMS";
  static final String WEB = "WEB";
  static final String RINGING = "RINGING";
  static final String ANSWERED = "ANSWERED";
  static final String MISSED = "MISSED";
  static final String VOICEMAIL = "VOICEMAIL";
  static final String RECEIVED = "RECEIVED";

  private final DSLContext dsl;
  private final Tx tx;

  ContactRepository(DSLContext dsl, Tx tx) {
    this.dsl = dsl;
    this.tx = tx;
  }

  /**
   * Records a contact once per provider id (a replayed webhook finds the first); returns its id and
   * whether it is new.
   */
  Saved insertOnce(
      long communityId,
      String channel,
      @Nullable String providerSid,
      @Nullable String fromPhone,
      @Nullable Long accountId,
      @Nullable String body,
      String status,
      Instant now) {
    var insert =
        dsl.insertInto(HOTLINE_CONTACTS)
            .set(HOTLINE_CONTACTS.COMMUNITY_ID, communityId)
            .set(HOTLINE_CONTACTS.CHANNEL, channel)
            .set(HOTLINE_CONTACTS.PROVIDER_SID, providerSid)
            .set(HOTLINE_CONTACTS.FROM_PHONE, fromPhone)
            .set(HOTLINE_CONTACTS.ACCOUNT_ID, accountId)
            .set(HOTLINE_CONTACTS.BODY, body)
            .set(HOTLINE_CONTACTS.STATUS, status)
            .set(HOTLINE_CONTACTS.CREATED_AT, now);
    if (providerSid == null) {
      return new Saved(tx.insertReturningId(insert, HOTLINE_CONTACTS.ID), true);
    }
    int inserted = insert.onDuplicateKeyIgnore().execute();
    return new Saved(findBySid(channel, providerSid).orElseThrow().getId(), inserted == 1);
  }

  Optional<HotlineContactsRecord> findBySid(String channel, String sid) {
    return dsl.selectFrom(HOTLINE_CONTACTS)
        .where(HOTLINE_CONTACTS.CHANNEL.eq(channel), HOTLINE_CONTACTS.PROVIDER_SID.eq(sid))
        .fetchOptional();
  }

  Optional<HotlineContactsRecord> findById(long id) {
    return dsl.selectFrom(HOTLINE_CONTACTS).where(HOTLINE_CONTACTS.ID.eq(id)).fetchOptional();
  }

  void setProblem(long id, long problemId) {
    dsl.update(HOTLINE_CONTACTS)
        .set(HOTLINE_CONTACTS.PROBLEM_ID, problemId)
        .where(HOTLINE_CONTACTS.ID.eq(id))
        .execute();
  }

  /** A new call rings the first of the chain (once, whichever replay comes first). */
  void startRinging(long id, long accountId) {
    dsl.update(HOTLINE_CONTACTS)
        .set(HOTLINE_CONTACTS.RINGING_ID, accountId)
        .where(
            HOTLINE_CONTACTS.ID.eq(id),
            HOTLINE_CONTACTS.CHAIN_STEP.eq(0),
            HOTLINE_CONTACTS.RINGING_ID.isNull(),
            HOTLINE_CONTACTS.STATUS.eq(RINGING))
        .execute();
  }

  /**
   * Moves a call to the next in the chain, only from the step it is at (replays change nothing).
   */
  boolean advance(long id, int fromStep, @Nullable Long ringing) {
    return dsl.update(HOTLINE_CONTACTS)
            .set(HOTLINE_CONTACTS.CHAIN_STEP, fromStep + 1)
            .set(HOTLINE_CONTACTS.RINGING_ID, ringing)
            .where(
                HOTLINE_CONTACTS.ID.eq(id),
                HOTLINE_CONTACTS.CHAIN_STEP.eq(fromStep),
                HOTLINE_CONTACTS.STATUS.eq(RINGING))
            .execute()
        == 1;
  }

  /** The person being rung took the call (pressed 1); only the first acceptance counts. */
  boolean answer(long id, long by, Instant at) {
    return dsl.update(HOTLINE_CONTACTS)
            .set(HOTLINE_CONTACTS.STATUS, ANSWERED)
            .set(HOTLINE_CONTACTS.ANSWERED_BY, by)
            .set(HOTLINE_CONTACTS.ANSWERED_AT, at)
            .where(HOTLINE_CONTACTS.ID.eq(id), HOTLINE_CONTACTS.STATUS.eq(RINGING))
            .execute()
        == 1;
  }

  boolean setStatus(long id, String from, String to) {
    return dsl.update(HOTLINE_CONTACTS)
            .set(HOTLINE_CONTACTS.STATUS, to)
            .where(HOTLINE_CONTACTS.ID.eq(id), HOTLINE_CONTACTS.STATUS.eq(from))
            .execute()
        == 1;
  }

  boolean setRecording(long id, String url) {
    return dsl.update(HOTLINE_CONTACTS)
            .set(HOTLINE_CONTACTS.RECORDING_URL, url)
            .where(HOTLINE_CONTACTS.ID.eq(id), HOTLINE_CONTACTS.RECORDING_URL.isNull())
            .execute()
        == 1;
  }

  void markHandled(long id, Instant at) {
    dsl.update(HOTLINE_CONTACTS)
        .set(HOTLINE_CONTACTS.HANDLED_AT, at)
        .where(HOTLINE_CONTACTS.ID.eq(id), HOTLINE_CONTACTS.HANDLED_AT.isNull())
        .execute();
  }

  /** A community's contacts of [from, to), newest first. */
  List<HotlineContactsRecord> findOfCommunity(
      long communityId, Instant from, Instant to, int limit) {
    return dsl.selectFrom(HOTLINE_CONTACTS)
        .where(
            HOTLINE_CONTACTS.COMMUNITY_ID.eq(communityId),
            HOTLINE_CONTACTS.CREATED_AT.ge(DSL.val(from, HOTLINE_CONTACTS.CREATED_AT)),
            HOTLINE_CONTACTS.CREATED_AT.lt(DSL.val(to, HOTLINE_CONTACTS.CREATED_AT)))
        .orderBy(HOTLINE_CONTACTS.CREATED_AT.desc(), HOTLINE_CONTACTS.ID.desc())
        .limit(limit)
        .fetch();
  }

  /** A new contact's id and whether this call made it. */
  record Saved(long id, boolean created) {}

  /**
   * Hotline contacts since then, per community of these: one range of the (community_id,
   * created_at) index each.
   */
  Map<Long, Integer> countByCommunitySince(Collection<Long> communityIds, Instant since) {
    if (communityIds.isEmpty()) {
      return Map.of();
    }
    return dsl.select(HOTLINE_CONTACTS.COMMUNITY_ID, DSL.count())
        .from(HOTLINE_CONTACTS)
        .where(
            HOTLINE_CONTACTS.COMMUNITY_ID.in(communityIds), HOTLINE_CONTACTS.CREATED_AT.ge(since))
        .groupBy(HOTLINE_CONTACTS.COMMUNITY_ID)
        .fetchMap(HOTLINE_CONTACTS.COMMUNITY_ID, DSL.count());
  }
}
