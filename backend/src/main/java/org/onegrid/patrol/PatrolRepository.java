package org.onegrid.patrol;

import static org.onegrid.db.Tables.GRID_NODES;
import static org.onegrid.db.Tables.PATROLS;
import static org.onegrid.db.Tables.PATROL_FINDINGS;
import static org.onegrid.db.Tables.PATROL_PHOTOS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.onegrid.db.tables.records.PatrolsRecord;
import org.onegrid.grid.Subtree;
import org.onegrid.platform.Tx;

/** Patrols of the grids, their photos and the problems they found. */
@Singleton
class PatrolRepository {

  private final DSLContext dsl;
  private final Tx tx;

  PatrolRepository(DSLContext dsl, Tx tx) {
    this.dsl = dsl;
    this.tx = tx;
  }

  long insert(
      long gridId,
      long authorId,
      LocalDate date,
      String area,
      @Nullable String notes,
      String key,
      Instant now) {
    return tx.insertReturningId(
        dsl.insertInto(PATROLS)
            .set(PATROLS.GRID_ID, gridId)
            .set(PATROLS.AUTHOR_ID, authorId)
            .set(PATROLS.PATROL_DATE, date)
            .set(PATROLS.AREA, area)
            .set(PATROLS.NOTES, notes)
            .set(PATROLS.IDEMPOTENCY_KEY, key)
            .set(PATROLS.CREATED_AT, now),
        PATROLS.ID);
  }

  Optional<PatrolsRecord> findByKey(long authorId, String key) {
    return dsl.selectFrom(PATROLS)
        .where(PATROLS.AUTHOR_ID.eq(authorId), PATROLS.IDEMPOTENCY_KEY.eq(key))
        .fetchOptional();
  }

  Optional<PatrolsRecord> findById(long id) {
    return dsl.selectFrom(PATROLS).where(PATROLS.ID.eq(id)).fetchOptional();
  }

  void insertPhotos(long patrolId, List<Long> photoIds) {
    for (long photoId : photoIds) {
      dsl.insertInto(PATROL_PHOTOS)
          .set(PATROL_PHOTOS.PATROL_ID, patrolId)
          .set(PATROL_PHOTOS.PHOTO_ID, photoId)
          .onDuplicateKeyIgnore()
          .execute();
    }
  }

  void insertFinding(long patrolId, long problemId) {
    dsl.insertInto(PATROL_FINDINGS)
        .set(PATROL_FINDINGS.PATROL_ID, patrolId)
        .set(PATROL_FINDINGS.PROBLEM_ID, problemId)
        .onDuplicateKeyIgnore()
        .execute();
  }

  /** Patrols of the grids under {@code subtreePath}, newest first, before {@code beforeId}. */
  List<PatrolsRecord> findInSubtree(String subtreePath, long beforeId, int limit) {
    return dsl.select(PATROLS.fields())
        .from(PATROLS)
        .join(GRID_NODES)
        .on(GRID_NODES.ID.eq(PATROLS.GRID_ID))
        .where(Subtree.holds(subtreePath), PATROLS.ID.lt(beforeId))
        .orderBy(PATROLS.ID.desc())
        .limit(limit)
        .fetchInto(PATROLS);
  }

  Map<Long, List<Long>> findPhotos(Collection<Long> patrolIds) {
    return dsl
        .selectFrom(PATROL_PHOTOS)
        .where(PATROL_PHOTOS.PATROL_ID.in(patrolIds))
        .orderBy(PATROL_PHOTOS.PHOTO_ID)
        .fetch()
        .stream()
        .collect(
            Collectors.groupingBy(
                r -> r.getPatrolId(),
                Collectors.mapping(r -> r.getPhotoId(), Collectors.toList())));
  }

  Map<Long, List<Long>> findFindings(Collection<Long> patrolIds) {
    return dsl
        .selectFrom(PATROL_FINDINGS)
        .where(PATROL_FINDINGS.PATROL_ID.in(patrolIds))
        .orderBy(PATROL_FINDINGS.PROBLEM_ID)
        .fetch()
        .stream()
        .collect(
            Collectors.groupingBy(
                r -> r.getPatrolId(),
                Collectors.mapping(r -> r.getProblemId(), Collectors.toList())));
  }
}
