package org.onegrid.audit;

import static org.onegrid.db.Tables.AUDIT_LOG;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.AuditLogRecord;
import org.onegrid.grid.Subtree;

@Singleton
class AuditRepository {

  private final DSLContext dsl;

  AuditRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  void insert(
      long actorId,
      String nodePath,
      String action,
      String subject,
      @Nullable String before,
      @Nullable String after,
      Instant at) {
    dsl.insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.ACTOR_ID, actorId)
        .set(AUDIT_LOG.NODE_PATH, nodePath)
        .set(AUDIT_LOG.ACTION, action)
        .set(AUDIT_LOG.SUBJECT, subject.length() > 200 ? subject.substring(0, 200) : subject)
        .set(AUDIT_LOG.BEFORE_JSON, before)
        .set(AUDIT_LOG.AFTER_JSON, after)
        .set(AUDIT_LOG.AT, at)
        .execute();
  }

  List<AuditLogRecord> findUnder(String nodePath, @Nullable Long before, int limit) {
    return dsl.selectFrom(AUDIT_LOG)
        .where(Subtree.at(AUDIT_LOG.NODE_PATH, nodePath))
        .and(before == null ? DSL.noCondition() : AUDIT_LOG.ID.lt(before))
        .orderBy(AUDIT_LOG.ID.desc())
        .limit(limit)
        .fetch();
  }
}
