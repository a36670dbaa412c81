package org.onegrid.problem;

import static org.onegrid.db.Tables.DEPARTMENT_LINKS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** The signed links departments answer through, by the SHA-256 of their token. */
@Singleton
class DepartmentLinkRepository {

  /** A link as stored. */
  record Link(
      long id, long problemId, long departmentId, Instant expiresAt, @Nullable Instant revokedAt) {}

  private final DSLContext dsl;

  DepartmentLinkRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  void insert(long problemId, long departmentId, String tokenHash, Instant now, Instant expires) {
    dsl.insertInto(DEPARTMENT_LINKS)
        .set(DEPARTMENT_LINKS.PROBLEM_ID, problemId)
        .set(DEPARTMENT_LINKS.DEPARTMENT_ID, departmentId)
        .set(DEPARTMENT_LINKS.TOKEN_HASH, tokenHash)
        .set(DEPARTMENT_LINKS.CREATED_AT, now)
        .set(DEPARTMENT_LINKS.EXPIRES_AT, expires)
        .execute();
  }

  Optional<Link> findByHash(String tokenHash) {
    return dsl.selectFrom(DEPARTMENT_LINKS)
        .where(DEPARTMENT_LINKS.TOKEN_HASH.eq(tokenHash))
        .fetchOptional(
            r ->
                new Link(
                    r.getId(),
                    r.getProblemId(),
                    r.getDepartmentId(),
                    r.getExpiresAt(),
                    r.getRevokedAt()));
  }

  /** Ends every link of the problem still in force; how many there were. */
  int revokeAll(long problemId, Instant now) {
    return dsl.update(DEPARTMENT_LINKS)
        .set(DEPARTMENT_LINKS.REVOKED_AT, now)
        .where(DEPARTMENT_LINKS.PROBLEM_ID.eq(problemId), DEPARTMENT_LINKS.REVOKED_AT.isNull())
        .execute();
  }
}
