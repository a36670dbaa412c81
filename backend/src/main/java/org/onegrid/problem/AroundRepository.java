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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.onegrid.account.Account;
import org.onegrid.db.tables.Accounts;
import org.onegrid.grid.Address;
import org.onegrid.platform.SqlShapes;

/**
 * What a page of problems shows besides the problems' own columns (the grid's name, the reporter's
 * and the handler's names, the unit and its building, the photos, the "me too" count and the
 * viewer's unread messages), read in one statement for the whole page: a list of 30 problems is one
 * query for the problems and one for this, not one per kind of thing shown. The statement is the
 * heaviest of a list page to render, so its SQL is kept per shape ({@link SqlShapes}).
 */
@Singleton
class AroundRepository {

  private static final Accounts REPORTER = ACCOUNTS.as("reporter");
  private static final Accounts ASSIGNEE = ACCOUNTS.as("assignee");
  private static final Field<String> PHOTO_IDS = DSL.field(DSL.name("photo_ids"), String.class);
  private static final Field<Integer> FOLLOWERS = DSL.field(DSL.name("followers"), Integer.class);
  private static final Field<Boolean> FOLLOWING = DSL.field(DSL.name("following"), Boolean.class);
  private static final Field<Integer> UNREAD = DSL.field(DSL.name("unread"), Integer.class);

  private final DSLContext dsl;
  private final SqlShapes shapes;

  AroundRepository(DSLContext dsl, SqlShapes shapes) {
    this.dsl = dsl;
    this.shapes = shapes;
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
    List<Long> ids = List.copyOf(problemIds);
    // The viewer is bound three times (following, read mark, unread), then the page's ids.
    List<Object> values = new ArrayList<>(3 + ids.size());
    values.add(viewerId);
    values.add(viewerId);
    values.add(viewerId);
    values.addAll(ids);
    Map<Long, Around> found = new HashMap<>();
    shapes
        .fetch(new Shape(staff, ids.size()), () -> query(viewerId, staff, ids), values)
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
                        idsOf(r.get(PHOTO_IDS)),
                        r.get(FOLLOWERS),
                        Boolean.TRUE.equals(r.get(FOLLOWING)),
                        r.get(UNREAD))));
    return found;
  }

  /** What changes this statement's SQL: staff see internal notes; the number of ids. */
  private record Shape(boolean staff, int ids) {}

  private ResultQuery<?> query(long viewerId, boolean staff, List<Long> problemIds) {
    Field<String> photoIds =
        DSL.select(DSL.groupConcat(PROBLEM_PHOTOS.ID).orderBy(PROBLEM_PHOTOS.ID))
            .from(PROBLEM_PHOTOS)
            .where(PROBLEM_PHOTOS.PROBLEM_ID.eq(PROBLEMS.ID), PROBLEM_PHOTOS.IN_THREAD.isFalse())
            .asField(PHOTO_IDS.getName());
    Field<Integer> followers =
        DSL.selectCount()
            .from(PROBLEM_FOLLOWERS)
            .where(PROBLEM_FOLLOWERS.PROBLEM_ID.eq(PROBLEMS.ID))
            .asField(FOLLOWERS.getName());
    Field<Boolean> following =
        DSL.field(
                DSL.exists(
                    DSL.selectOne()
                        .from(PROBLEM_FOLLOWERS)
                        .where(
                            PROBLEM_FOLLOWERS.PROBLEM_ID.eq(PROBLEMS.ID),
                            PROBLEM_FOLLOWERS.ACCOUNT_ID.eq(viewerId))))
            .as(FOLLOWING.getName());
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
            .asField(UNREAD.getName());
    return dsl.select(
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
        .where(PROBLEMS.ID.in(problemIds));
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
