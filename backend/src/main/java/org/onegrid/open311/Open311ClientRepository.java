package org.onegrid.open311;

import static org.onegrid.db.Tables.OPEN311_CLIENTS;
import static org.onegrid.db.Tables.OPEN311_REQUESTS;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;
import org.onegrid.platform.Tx;

/** Open311 apps and their keys. */
@Singleton
class Open311ClientRepository {

  private final DSLContext dsl;
  private final Tx tx;

  Open311ClientRepository(DSLContext dsl, Tx tx) {
    this.dsl = dsl;
    this.tx = tx;
  }

  long insert(
      String name, String keyHash, String keyHint, long accountId, long createdBy, Instant now) {
    return tx.insertReturningId(
        dsl.insertInto(OPEN311_CLIENTS)
            .set(OPEN311_CLIENTS.NAME, name)
            .set(OPEN311_CLIENTS.KEY_HASH, keyHash)
            .set(OPEN311_CLIENTS.KEY_HINT, keyHint)
            .set(OPEN311_CLIENTS.ACCOUNT_ID, accountId)
            .set(OPEN311_CLIENTS.CREATED_BY, createdBy)
            .set(OPEN311_CLIENTS.CREATED_AT, now),
        OPEN311_CLIENTS.ID);
  }

  /** The app holding this key, unless the key was revoked. */
  Optional<Open311Client> findActiveByKeyHash(String keyHash) {
    return select()
        .where(OPEN311_CLIENTS.KEY_HASH.eq(keyHash), OPEN311_CLIENTS.REVOKED_AT.isNull())
        .fetchOptional(Open311ClientRepository::toClient);
  }

  Optional<Open311Client> findById(long id) {
    return select()
        .where(OPEN311_CLIENTS.ID.eq(id))
        .fetchOptional(Open311ClientRepository::toClient);
  }

  List<Open311Client> findAll() {
    return select().orderBy(OPEN311_CLIENTS.ID.desc()).fetch(Open311ClientRepository::toClient);
  }

  boolean revoke(long id, Instant now) {
    return dsl.update(OPEN311_CLIENTS)
            .set(OPEN311_CLIENTS.REVOKED_AT, now)
            .where(OPEN311_CLIENTS.ID.eq(id), OPEN311_CLIENTS.REVOKED_AT.isNull())
            .execute()
        == 1;
  }

  private SelectJoinStep<Record> select() {
    var requests =
        DSL.selectCount()
            .from(OPEN311_REQUESTS)
            .where(OPEN311_REQUESTS.CLIENT_ID.eq(OPEN311_CLIENTS.ID))
            .asField("requests");
    return dsl.select(OPEN311_CLIENTS.fields()).select(requests).from(OPEN311_CLIENTS);
  }

  private static Open311Client toClient(Record r) {
    return new Open311Client(
        r.get(OPEN311_CLIENTS.ID),
        r.get(OPEN311_CLIENTS.NAME),
        r.get(OPEN311_CLIENTS.KEY_HINT),
        r.get(OPEN311_CLIENTS.ACCOUNT_ID),
        r.get(OPEN311_CLIENTS.CREATED_AT),
        r.get(OPEN311_CLIENTS.REVOKED_AT),
        r.get("requests", Integer.class));
  }
}
