package org.onegrid.problem;

import static org.onegrid.db.Tables.ACCOUNTS;
import static org.onegrid.db.Tables.BUILDINGS;
import static org.onegrid.db.Tables.BUILDING_UNITS;
import static org.onegrid.db.Tables.GRID_NODES;
import static org.onegrid.db.Tables.PROBLEMS;
import static org.onegrid.db.Tables.PROBLEM_FOLLOWERS;
import static org.onegrid.db.Tables.PROBLEM_MESSAGES;
import static org.onegrid.db.Tables.PROBLEM_PHOTOS;
import static org.onegrid.db.Tables.PROBLEM_READS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.onegrid.account.Account;
import org.onegrid.db.tables.Accounts;
import org.onegrid.grid.Address;

/**
 * What a page of problems shows besides the problems' own columns (the grid's name, the reporter's
 * and the handler's names, the unit and its building, the photos, the "me too" count and the
 * viewer's unread messages), read in one statement for the whole page: a list of 30 problems is one
 * query for the problems and one for this, not one per kind of thing shown.
 */
@Singleton
class AroundRepository {

  private static final Accounts REPORTER = ACCOUNTS.as("reporter");
  private static final Accounts ASSIGNEE = ACCOUNTS.as("assignee");

  private final DSLContext dsl;

  AroundRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** One problem's surroundings as one viewer sees them. */
  record Around(
      String gridName,
      String reporterName,
      @Nullable String assigneeName,
      @Nullable Address unit,
      List<Long> photoIds,
      int followers,
      boolean following,
      int unread) {}

  /**
   * The surroundings of these problems for this viewer, by problem id. Unread counts what others
   * wrote after the viewer's read mark, internal notes only for staff; photos are those of the
   * report (not the thread's), oldest first.
   */
  Map<Long, Around> find(long viewerId, boolean staff, Collection<Long> problemIds) {
    if (problemIds.isEmpty()) {
      return Map.of();
    }
    Field<String> photoIds =
        DSL.select(DSL.groupConcat(PROBLEM_PHOTOS.ID).orderBy(PROBLEM_PHOTOS.ID))
            .from(PROBLEM_PHOTOS)
            .where(PROBLEM_PHOTOS.PROBLEM_ID.eq(PROBLEMS.ID), PROBLEM_PHOTOS.IN_THREAD.isFalse())
            .asField("photo_ids");
    Field<Integer> followers =
        DSL.selectCount()
            .from(PROBLEM_FOLLOWERS)
            .where(PROBLEM_FOLLOWERS.PROBLEM_ID.eq(PROBLEMS.ID))
            .asField("followers");
    Field<Boolean> following =
        DSL.field(
                DSL.exists(
                    DSL.selectOne()
                        .from(PROBLEM_FOLLOWERS)
                        .where(
                            PROBLEM_FOLLOWERS.PROBLEM_ID.eq(PROBLEMS.ID),
                            PROBLEM_FOLLOWERS.ACCOUNT_ID.eq(viewerId))))
            .as("following");
    Field<Long> readUpTo =
        DSL.coalesce(
            DSL.field(
                DSL.select(PROBLEM_READS.LAST_MESSAGE_ID)
                    .from(PROBLEM_READS)
                    .where(
                        PROBLEM_READS.PROBLEM_ID.eq(PROBLEMS.ID),
                        PROBLEM_READS.ACCOUNT_ID.eq(viewerId))),
            DSL.inline(0L));
    Field<Integer> unread =
        DSL.selectCount()
            .from(PROBLEM_MESSAGES)
            .where(
                PROBLEM_MESSAGES.PROBLEM_ID.eq(PROBLEMS.ID),
                PROBLEM_MESSAGES.ID.gt(readUpTo),
                PROBLEM_MESSAGES.AUTHOR_ID.ne(viewerId))
            .and(staff ? DSL.noCondition() : PROBLEM_MESSAGES.INTERNAL.isFalse())
            .asField("unread");
    Map<Long, Around> found = new HashMap<>();
    dsl.select(
            PROBLEMS.ID,
            GRID_NODES.NAME,
            REPORTER.NAME,
            REPORTER.PHONE_E164,
            ASSIGNEE.NAME,
            ASSIGNEE.PHONE_E164,
            BUILDING_UNITS.ID,
            BUILDING_UNITS.NAME,
            BUILDINGS.ID,
            BUILDINGS.NAME,
            BUILDINGS.GRID_ID,
            BUILDINGS.LAT,
            BUILDINGS.LNG,
            photoIds,
            followers,
            following,
            unread)
        .from(PROBLEMS)
        .join(GRID_NODES)
        .on(GRID_NODES.ID.eq(PROBLEMS.GRID_ID))
        .join(REPORTER)
        .on(REPORTER.ID.eq(PROBLEMS.REPORTER_ID))
        .leftJoin(ASSIGNEE)
        .on(ASSIGNEE.ID.eq(PROBLEMS.ASSIGNEE_ID))
        .leftJoin(BUILDING_UNITS)
        .on(BUILDING_UNITS.ID.eq(PROBLEMS.UNIT_ID))
        .leftJoin(BUILDINGS)
        .on(BUILDINGS.ID.eq(BUILDING_UNITS.BUILDING_ID))
        .where(PROBLEMS.ID.in(problemIds))
        .forEach(
            r ->
                found.put(
                    r.get(PROBLEMS.ID),
                    new Around(
                        r.get(GRID_NODES.NAME),
                        Account.displayName(r.get(REPORTER.NAME), r.get(REPORTER.PHONE_E164)),
                        r.get(ASSIGNEE.PHONE_E164) == null
                            ? null
                            : Account.displayName(r.get(ASSIGNEE.NAME), r.get(ASSIGNEE.PHONE_E164)),
                        unitOf(r),
                        idsOf(r.get(photoIds)),
                        r.get(followers),
                        Boolean.TRUE.equals(r.get(following)),
                        r.get(unread))));
    return found;
  }

  private static @Nullable Address unitOf(Record r) {
    Long unitId = r.get(BUILDING_UNITS.ID);
    if (unitId == null) {
      return null;
    }
    return Address.ofUnit(
        unitId,
        r.get(BUILDING_UNITS.NAME),
        r.get(BUILDINGS.ID),
        r.get(BUILDINGS.NAME),
        r.get(BUILDINGS.GRID_ID),
        r.get(BUILDINGS.LAT),
        r.get(BUILDINGS.LNG));
  }

  private static List<Long> idsOf(@Nullable String joined) {
    if (joined == null || joined.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(joined.split(",")).map(Long::valueOf).toList();
  }
}
