package org.onegrid.open311;

import static org.onegrid.db.Tables.OPEN311_REQUESTS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.onegrid.platform.SqlShapes;

/** What apps sent with the problems they filed. */
@Singleton
class Open311RequestRepository {

  private final DSLContext dsl;
  private final SqlShapes shapes;

  Open311RequestRepository(DSLContext dsl, SqlShapes shapes) {
    this.dsl = dsl;
    this.shapes = shapes;
  }

  void insert(long problemId, long clientId, String token, Submitter submitter) {
    dsl.insertInto(OPEN311_REQUESTS)
        .set(OPEN311_REQUESTS.PROBLEM_ID, problemId)
        .set(OPEN311_REQUESTS.CLIENT_ID, clientId)
        .set(OPEN311_REQUESTS.TOKEN, token)
        .set(OPEN311_REQUESTS.ADDRESS_STRING, submitter.addressString())
        .set(OPEN311_REQUESTS.EMAIL, submitter.email())
        .set(OPEN311_REQUESTS.FIRST_NAME, submitter.firstName())
        .set(OPEN311_REQUESTS.LAST_NAME, submitter.lastName())
        .set(OPEN311_REQUESTS.PHONE, submitter.phone())
        .set(OPEN311_REQUESTS.ACCOUNT_REF, submitter.accountId())
        .set(OPEN311_REQUESTS.DEVICE_ID, submitter.deviceId())
        .set(OPEN311_REQUESTS.MEDIA_URL, submitter.mediaUrl())
        .execute();
  }

  Optional<Long> findProblemIdByToken(String token) {
    return dsl.select(OPEN311_REQUESTS.PROBLEM_ID)
        .from(OPEN311_REQUESTS)
        .where(OPEN311_REQUESTS.TOKEN.eq(token))
        .fetchOptional(OPEN311_REQUESTS.PROBLEM_ID);
  }

  /** The app that filed the problem, if one did. */
  Optional<Long> findClientIdByProblem(long problemId) {
    return dsl.select(OPEN311_REQUESTS.CLIENT_ID)
        .from(OPEN311_REQUESTS)
        .where(OPEN311_REQUESTS.PROBLEM_ID.eq(problemId))
        .fetchOptional(OPEN311_REQUESTS.CLIENT_ID);
  }

  /** The token of the problem filed by this app, for a retry of the same request. */
  Optional<String> findTokenByProblem(long problemId) {
    return dsl.select(OPEN311_REQUESTS.TOKEN)
        .from(OPEN311_REQUESTS)
        .where(OPEN311_REQUESTS.PROBLEM_ID.eq(problemId))
        .fetchOptional(OPEN311_REQUESTS.TOKEN);
  }

  /** The media URLs apps sent with these problems. */
  Map<Long, String> findMediaUrls(Collection<Long> problemIds) {
    if (problemIds.isEmpty()) {
      return Map.of();
    }
    // Asked on every Open311 read: kept per size of the padded list.
    List<Long> padded = SqlShapes.padded(problemIds);
    return shapes
        .fetch(
            new MediaUrls(padded.size()),
            () ->
                dsl.select(OPEN311_REQUESTS.PROBLEM_ID, OPEN311_REQUESTS.MEDIA_URL)
                    .from(OPEN311_REQUESTS)
                    .where(
                        OPEN311_REQUESTS.PROBLEM_ID.in(padded),
                        OPEN311_REQUESTS.MEDIA_URL.isNotNull()),
            padded)
        .intoMap(OPEN311_REQUESTS.PROBLEM_ID, OPEN311_REQUESTS.MEDIA_URL);
  }

  /** The key of the media URLs' read: how many ids it binds. */
  private record MediaUrls(int ids) {}

  /** Who an app says sent a request; kept for staff, never published. */
  record Submitter(
      @Nullable String addressString,
      @Nullable String email,
      @Nullable String firstName,
      @Nullable String lastName,
      @Nullable String phone,
      @Nullable String accountId,
      @Nullable String deviceId,
      @Nullable String mediaUrl) {}
}
