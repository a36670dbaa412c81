package org.onegrid.push;

import static org.onegrid.db.Tables.ACCOUNTS;
import static org.onegrid.db.Tables.PUSH_SUBSCRIPTIONS;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.platform.Digests;

/** The browsers that take push messages, by account. */
@Singleton
class PushSubscriptionRepository {

  private final DSLContext dsl;

  PushSubscriptionRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** One browser's subscription, as the sender needs it. */
  record Subscription(long id, String endpoint, String p256dh, String auth) {}

  /**
   * Records that this browser takes this person's messages; a browser that subscribed before for
   * someone else (a phone that changed hands) now belongs to this person.
   */
  void save(long accountId, String endpoint, String p256dh, String auth, Instant now) {
    dsl.insertInto(PUSH_SUBSCRIPTIONS)
        .set(PUSH_SUBSCRIPTIONS.ACCOUNT_ID, accountId)
        .set(PUSH_SUBSCRIPTIONS.ENDPOINT, endpoint)
        .set(PUSH_SUBSCRIPTIONS.ENDPOINT_HASH, hash(endpoint))
        .set(PUSH_SUBSCRIPTIONS.P256DH, p256dh)
        .set(PUSH_SUBSCRIPTIONS.AUTH, auth)
        .set(PUSH_SUBSCRIPTIONS.CREATED_AT, now)
        .onDuplicateKeyUpdate()
        .set(PUSH_SUBSCRIPTIONS.ACCOUNT_ID, accountId)
        .set(PUSH_SUBSCRIPTIONS.P256DH, p256dh)
        .set(PUSH_SUBSCRIPTIONS.AUTH, auth)
        .execute();
  }

  /** Forgets this person's browser; returns whether there was one. */
  boolean remove(long accountId, String endpoint) {
    return dsl.deleteFrom(PUSH_SUBSCRIPTIONS)
            .where(PUSH_SUBSCRIPTIONS.ENDPOINT_HASH.eq(hash(endpoint)))
            .and(PUSH_SUBSCRIPTIONS.ACCOUNT_ID.eq(accountId))
            .execute()
        > 0;
  }

  /** The push service said this browser is gone. */
  void removeById(long id) {
    dsl.deleteFrom(PUSH_SUBSCRIPTIONS).where(PUSH_SUBSCRIPTIONS.ID.eq(id)).execute();
  }

  int count(long accountId) {
    return dsl.fetchCount(PUSH_SUBSCRIPTIONS, PUSH_SUBSCRIPTIONS.ACCOUNT_ID.eq(accountId));
  }

  /** Whether the account has a browser that takes push, as a condition to ask with others. */
  Condition any(long accountId) {
    return DSL.exists(
        DSL.selectOne()
            .from(PUSH_SUBSCRIPTIONS)
            .where(PUSH_SUBSCRIPTIONS.ACCOUNT_ID.eq(accountId)));
  }

  /** The browsers of the account with this phone, at most a handful. */
  List<Subscription> forPhone(String phoneE164) {
    return dsl.select(
            PUSH_SUBSCRIPTIONS.ID,
            PUSH_SUBSCRIPTIONS.ENDPOINT,
            PUSH_SUBSCRIPTIONS.P256DH,
            PUSH_SUBSCRIPTIONS.AUTH)
        .from(PUSH_SUBSCRIPTIONS)
        .join(ACCOUNTS)
        .on(ACCOUNTS.ID.eq(PUSH_SUBSCRIPTIONS.ACCOUNT_ID))
        .where(ACCOUNTS.PHONE_E164.eq(phoneE164))
        .orderBy(PUSH_SUBSCRIPTIONS.ID.desc())
        .limit(10)
        .fetch(r -> new Subscription(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  void sent(long id, Instant now) {
    dsl.update(PUSH_SUBSCRIPTIONS)
        .set(PUSH_SUBSCRIPTIONS.LAST_SENT_AT, now)
        .where(PUSH_SUBSCRIPTIONS.ID.eq(id))
        .execute();
  }

  private static String hash(String endpoint) {
    return Digests.sha256Hex(endpoint);
  }
}
