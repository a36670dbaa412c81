package org.onegrid.onboarding;

import static org.onegrid.db.Tables.IMPORT_RUNS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.ImportRunsRecord;
import org.onegrid.grid.Subtree;
import org.onegrid.platform.Tx;

/** Who imported what and how far each import has got. */
@Singleton
class ImportRunRepository {

  private final DSLContext dsl;
  private final Tx tx;

  ImportRunRepository(DSLContext dsl, Tx tx) {
    this.dsl = dsl;
    this.tx = tx;
  }

  /** The run holding the running slot, if any. */
  Optional<ImportRunsRecord> findRunning() {
    return dsl.selectFrom(IMPORT_RUNS)
        .where(IMPORT_RUNS.RUNNING_SLOT.eq((byte) 1))
        .forUpdate()
        .fetchOptional();
  }

  /** Takes the running slot for a new run; fails with a duplicate key while another holds it. */
  long insertRunning(
      ImportKind kind,
      String fileName,
      String sha256,
      long actorId,
      String nodePath,
      int total,
      Instant now) {
    return tx.insertReturningId(
        dsl.insertInto(IMPORT_RUNS)
            .set(IMPORT_RUNS.KIND, kind.name())
            .set(IMPORT_RUNS.FILE_NAME, fileName)
            .set(IMPORT_RUNS.FILE_SHA256, sha256)
            .set(IMPORT_RUNS.ACTOR_ID, actorId)
            .set(IMPORT_RUNS.NODE_PATH, nodePath)
            .set(IMPORT_RUNS.STATUS, "RUNNING")
            .set(IMPORT_RUNS.RUNNING_SLOT, (byte) 1)
            .set(IMPORT_RUNS.ROWS_TOTAL, total)
            .set(IMPORT_RUNS.ROWS_DONE, 0)
            .set(IMPORT_RUNS.CREATED_COUNT, 0)
            .set(IMPORT_RUNS.CHANGED_COUNT, 0)
            .set(IMPORT_RUNS.UNCHANGED_COUNT, 0)
            .set(IMPORT_RUNS.STARTED_AT, now)
            .set(IMPORT_RUNS.HEARTBEAT_AT, now),
        IMPORT_RUNS.ID);
  }

  void updateProgress(long id, int done, Instant now) {
    dsl.update(IMPORT_RUNS)
        .set(IMPORT_RUNS.ROWS_DONE, done)
        .set(IMPORT_RUNS.HEARTBEAT_AT, now)
        .where(IMPORT_RUNS.ID.eq(id))
        .execute();
  }

  void finish(
      long id,
      String status,
      int created,
      int changed,
      int unchanged,
      @Nullable String error,
      Instant now) {
    dsl.update(IMPORT_RUNS)
        .set(IMPORT_RUNS.STATUS, status)
        .setNull(IMPORT_RUNS.RUNNING_SLOT)
        .set(IMPORT_RUNS.CREATED_COUNT, created)
        .set(IMPORT_RUNS.CHANGED_COUNT, changed)
        .set(IMPORT_RUNS.UNCHANGED_COUNT, unchanged)
        .set(IMPORT_RUNS.ERROR, error)
        .set(IMPORT_RUNS.HEARTBEAT_AT, now)
        .set(IMPORT_RUNS.FINISHED_AT, now)
        .where(IMPORT_RUNS.ID.eq(id))
        .execute();
  }

  Optional<ImportRunsRecord> findById(long id) {
    return dsl.selectFrom(IMPORT_RUNS).where(IMPORT_RUNS.ID.eq(id)).fetchOptional();
  }

  /** Runs by admins at or under the node, newest first. */
  List<ImportRunsRecord> findUnder(String nodePath, @Nullable Long before, int limit) {
    return dsl.selectFrom(IMPORT_RUNS)
        .where(Subtree.at(IMPORT_RUNS.NODE_PATH, nodePath))
        .and(before == null ? DSL.noCondition() : IMPORT_RUNS.ID.lt(before))
        .orderBy(IMPORT_RUNS.ID.desc())
        .limit(limit)
        .fetch();
  }
}
