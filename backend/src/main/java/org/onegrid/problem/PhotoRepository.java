package org.onegrid.problem;

import static org.onegrid.db.Tables.PROBLEM_PHOTOS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.onegrid.db.tables.records.ProblemPhotosRecord;
import org.onegrid.platform.Tx;

@Singleton
class PhotoRepository {

  private final DSLContext dsl;
  private final Tx tx;

  PhotoRepository(DSLContext dsl, Tx tx) {
    this.dsl = dsl;
    this.tx = tx;
  }

  /**
   * A new photo, not attached yet: uploaded by an account ({@code ownerId}), or sent through a
   * department's link ({@code linkId}, no owner).
   */
  long insert(
      @Nullable Long ownerId,
      @Nullable Long linkId,
      String fileKey,
      int width,
      int height,
      int bytes,
      Instant now) {
    return tx.insertReturningId(
        dsl.insertInto(PROBLEM_PHOTOS)
            .set(PROBLEM_PHOTOS.OWNER_ID, ownerId)
            .set(PROBLEM_PHOTOS.DEPARTMENT_LINK_ID, linkId)
            .set(PROBLEM_PHOTOS.FILE_KEY, fileKey)
            .set(PROBLEM_PHOTOS.WIDTH, width)
            .set(PROBLEM_PHOTOS.HEIGHT, height)
            .set(PROBLEM_PHOTOS.BYTES, bytes)
            .set(PROBLEM_PHOTOS.CREATED_AT, now),
        PROBLEM_PHOTOS.ID);
  }

  /** Adds photos sent through the link, not yet attached, to its problem; how many were. */
  int attachFromDepartment(Collection<Long> ids, long linkId, long problemId) {
    return dsl.update(PROBLEM_PHOTOS)
        .set(PROBLEM_PHOTOS.PROBLEM_ID, problemId)
        .where(
            PROBLEM_PHOTOS.ID.in(ids),
            PROBLEM_PHOTOS.DEPARTMENT_LINK_ID.eq(linkId),
            PROBLEM_PHOTOS.PROBLEM_ID.isNull())
        .execute();
  }

  Optional<ProblemPhotosRecord> findById(long id) {
    return dsl.selectFrom(PROBLEM_PHOTOS).where(PROBLEM_PHOTOS.ID.eq(id)).fetchOptional();
  }

  List<Long> findIdsByProblem(long problemId) {
    return dsl.select(PROBLEM_PHOTOS.ID)
        .from(PROBLEM_PHOTOS)
        .where(PROBLEM_PHOTOS.PROBLEM_ID.eq(problemId), PROBLEM_PHOTOS.IN_THREAD.isFalse())
        .orderBy(PROBLEM_PHOTOS.ID)
        .fetch(PROBLEM_PHOTOS.ID);
  }

  /** The photos of these problems (not those of their threads), by problem, in one query. */
  Map<Long, List<Long>> findIdsByProblems(Collection<Long> problemIds) {
    if (problemIds.isEmpty()) {
      return Map.of();
    }
    return dsl.select(PROBLEM_PHOTOS.PROBLEM_ID, PROBLEM_PHOTOS.ID)
        .from(PROBLEM_PHOTOS)
        .where(PROBLEM_PHOTOS.PROBLEM_ID.in(problemIds), PROBLEM_PHOTOS.IN_THREAD.isFalse())
        .orderBy(PROBLEM_PHOTOS.ID)
        .fetchGroups(PROBLEM_PHOTOS.PROBLEM_ID, PROBLEM_PHOTOS.ID);
  }

  /**
   * Attaches the owner's unattached photo to a message of the problem's thread; false when it is
   * not theirs or already used.
   */
  boolean attachToThread(long id, long ownerId, long problemId, boolean internal) {
    return dsl.update(PROBLEM_PHOTOS)
            .set(PROBLEM_PHOTOS.PROBLEM_ID, problemId)
            .set(PROBLEM_PHOTOS.IN_THREAD, true)
            .set(PROBLEM_PHOTOS.INTERNAL, internal)
            .where(
                PROBLEM_PHOTOS.ID.eq(id),
                PROBLEM_PHOTOS.OWNER_ID.eq(ownerId),
                PROBLEM_PHOTOS.PROBLEM_ID.isNull())
            .execute()
        == 1;
  }

  /** Shares the owner's photo not attached to a problem; false when it is not theirs or is. */
  boolean share(long id, long ownerId) {
    return dsl.update(PROBLEM_PHOTOS)
            .set(PROBLEM_PHOTOS.SHARED, true)
            .where(
                PROBLEM_PHOTOS.ID.eq(id),
                PROBLEM_PHOTOS.OWNER_ID.eq(ownerId),
                PROBLEM_PHOTOS.PROBLEM_ID.isNull())
            .execute()
        == 1;
  }

  /** Attaches the owner's unattached photos among {@code ids}; returns how many were attached. */
  int attach(Collection<Long> ids, long ownerId, long problemId) {
    return dsl.update(PROBLEM_PHOTOS)
        .set(PROBLEM_PHOTOS.PROBLEM_ID, problemId)
        .where(
            PROBLEM_PHOTOS.ID.in(ids),
            PROBLEM_PHOTOS.OWNER_ID.eq(ownerId),
            PROBLEM_PHOTOS.PROBLEM_ID.isNull(),
            PROBLEM_PHOTOS.GRID_ID.isNull())
        .execute();
  }

  /** Makes the owner's unattached photos staff photos of a grid; returns how many were. */
  int attachToGrid(Collection<Long> ids, long ownerId, long gridId) {
    return dsl.update(PROBLEM_PHOTOS)
        .set(PROBLEM_PHOTOS.GRID_ID, gridId)
        .where(
            PROBLEM_PHOTOS.ID.in(ids),
            PROBLEM_PHOTOS.OWNER_ID.eq(ownerId),
            PROBLEM_PHOTOS.PROBLEM_ID.isNull(),
            PROBLEM_PHOTOS.GRID_ID.isNull())
        .execute();
  }
}
