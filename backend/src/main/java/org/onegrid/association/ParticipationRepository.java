package org.onegrid.association;

import static org.onegrid.db.Tables.ACCOUNTS;
import static org.onegrid.db.Tables.ACTIVITIES;
import static org.onegrid.db.Tables.ACTIVITY_SIGNUPS;
import static org.onegrid.db.Tables.ASSOCIATIONS;
import static org.onegrid.db.Tables.ASSOCIATION_MEMBERS;
import static org.onegrid.db.Tables.BUILDINGS;
import static org.onegrid.db.Tables.BUILDING_UNITS;
import static org.onegrid.db.Tables.GRID_NODES;
import static org.onegrid.db.Tables.HOUSEHOLDS;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.onegrid.grid.Subtree;

/**
 * Participation figures of a subtree, read straight from associations, members and sign-ups: per
 * association, and per grid of the people taking part.
 */
@Singleton
class ParticipationRepository {

  private final DSLContext dsl;

  ParticipationRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Per association of the subtree: members, and activities held since {@code since}. */
  List<AssociationViews.AssociationFigures> byAssociation(String path, Instant since, Instant now) {
    Field<Instant> from = DSL.val(since, ACTIVITIES.STARTS_AT);
    Field<Instant> to = DSL.val(now, ACTIVITIES.STARTS_AT);
    var held =
        ACTIVITIES
            .ASSOCIATION_ID
            .eq(ASSOCIATIONS.ID)
            .and(ACTIVITIES.STARTS_AT.ge(from))
            .and(ACTIVITIES.STARTS_AT.lt(to));
    Field<Integer> members =
        DSL.selectCount()
            .from(ASSOCIATION_MEMBERS)
            .where(
                ASSOCIATION_MEMBERS.ASSOCIATION_ID.eq(ASSOCIATIONS.ID),
                ASSOCIATION_MEMBERS.STATUS.eq(Association.MemberStatus.MEMBER.name()))
            .asField("members");
    Field<Integer> activities =
        DSL.selectCount().from(ACTIVITIES).where(held).asField("activities");
    Field<Integer> signedUp =
        DSL.selectCount()
            .from(ACTIVITY_SIGNUPS)
            .join(ACTIVITIES)
            .on(ACTIVITIES.ID.eq(ACTIVITY_SIGNUPS.ACTIVITY_ID))
            .where(held, ACTIVITY_SIGNUPS.STATUS.eq(Activity.SignupStatus.SIGNED_UP.name()))
            .asField("signed_up");
    Field<Integer> attended =
        DSL.selectCount()
            .from(ACTIVITY_SIGNUPS)
            .join(ACTIVITIES)
            .on(ACTIVITIES.ID.eq(ACTIVITY_SIGNUPS.ACTIVITY_ID))
            .where(held, ACTIVITY_SIGNUPS.CHECKED_IN_AT.isNotNull())
            .asField("attended");
    return dsl.select(
            ASSOCIATIONS.ID,
            ASSOCIATIONS.NAME,
            GRID_NODES.NAME,
            members,
            activities,
            signedUp,
            attended)
        .from(ASSOCIATIONS)
        .join(GRID_NODES)
        .on(GRID_NODES.ID.eq(ASSOCIATIONS.COMMUNITY_ID))
        .where(Subtree.holds(path))
        .orderBy(GRID_NODES.NAME, ASSOCIATIONS.NAME)
        .limit(500)
        .fetch(
            r ->
                new AssociationViews.AssociationFigures(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    r.value7()));
  }

  /** Per grid of the subtree: how many of its residents are members of an association. */
  Map<Long, Integer> membersByGrid(String path) {
    return perHomeGrid(
        ASSOCIATION_MEMBERS,
        ASSOCIATION_MEMBERS.ACCOUNT_ID,
        DSL.countDistinct(ASSOCIATION_MEMBERS.ACCOUNT_ID),
        ASSOCIATION_MEMBERS.STATUS.eq(Association.MemberStatus.MEMBER.name()),
        path);
  }

  /** Per grid of the subtree: check-ins of its residents at activities since {@code since}. */
  Map<Long, Integer> attendanceByGrid(String path, Instant since) {
    return perHomeGrid(
        ACTIVITY_SIGNUPS,
        ACTIVITY_SIGNUPS.ACCOUNT_ID,
        DSL.count(),
        ACTIVITY_SIGNUPS.CHECKED_IN_AT.ge(DSL.val(since, ACTIVITY_SIGNUPS.CHECKED_IN_AT)),
        path);
  }

  /**
   * A figure of {@code table}'s rows counted by the grid its person lives in (account → household →
   * unit → building → grid), for the grids under {@code path}.
   */
  private Map<Long, Integer> perHomeGrid(
      Table<?> table, Field<Long> accountId, Field<Integer> figure, Condition which, String path) {
    return dsl.select(BUILDINGS.GRID_ID, figure)
        .from(table)
        .join(ACCOUNTS)
        .on(ACCOUNTS.ID.eq(accountId))
        .join(HOUSEHOLDS)
        .on(HOUSEHOLDS.ID.eq(ACCOUNTS.HOUSEHOLD_ID))
        .join(BUILDING_UNITS)
        .on(BUILDING_UNITS.ID.eq(HOUSEHOLDS.UNIT_ID))
        .join(BUILDINGS)
        .on(BUILDINGS.ID.eq(BUILDING_UNITS.BUILDING_ID))
        .join(GRID_NODES)
        .on(GRID_NODES.ID.eq(BUILDINGS.GRID_ID))
        .where(which, Subtree.holds(path))
        .groupBy(BUILDINGS.GRID_ID)
        .fetchMap(BUILDINGS.GRID_ID, figure);
  }
}
