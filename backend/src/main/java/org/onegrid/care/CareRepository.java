package org.onegrid.care;

import static org.onegrid.db.Tables.ACCOUNTS;
import static org.onegrid.db.Tables.BUILDING_UNITS;
import static org.onegrid.db.Tables.CARE_LIST;
import static org.onegrid.db.Tables.HOUSEHOLDS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.CareListRecord;

/** The care list: residents a grid leader looks after (elderly living alone and others). */
@Singleton
class CareRepository {

  private final DSLContext dsl;

  CareRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Puts the resident on the list, or updates why they are on it. */
  void upsert(
      long accountId, long gridId, String kind, @Nullable String note, long by, Instant at) {
    dsl.insertInto(CARE_LIST)
        .set(CARE_LIST.ACCOUNT_ID, accountId)
        .set(CARE_LIST.GRID_ID, gridId)
        .set(CARE_LIST.KIND, kind)
        .set(CARE_LIST.NOTE, note)
        .set(CARE_LIST.ADDED_BY, by)
        .set(CARE_LIST.ADDED_AT, at)
        .onDuplicateKeyUpdate()
        .set(CARE_LIST.GRID_ID, gridId)
        .set(CARE_LIST.KIND, kind)
        .set(CARE_LIST.NOTE, note)
        .execute();
  }

  boolean delete(long accountId) {
    return dsl.deleteFrom(CARE_LIST).where(CARE_LIST.ACCOUNT_ID.eq(accountId)).execute() == 1;
  }

  Optional<CareListRecord> find(long accountId) {
    return dsl.selectFrom(CARE_LIST).where(CARE_LIST.ACCOUNT_ID.eq(accountId)).fetchOptional();
  }

  Map<Long, CareListRecord> findAll(Collection<Long> accountIds) {
    return dsl.selectFrom(CARE_LIST)
        .where(CARE_LIST.ACCOUNT_ID.in(accountIds))
        .fetchMap(CARE_LIST.ACCOUNT_ID);
  }

  /** Residents of these buildings on the list are now on this grid's list. */
  int moveResidentsOf(Collection<Long> buildingIds, long gridId) {
    return dsl.update(CARE_LIST)
        .set(CARE_LIST.GRID_ID, gridId)
        .where(
            CARE_LIST.ACCOUNT_ID.in(
                DSL.select(ACCOUNTS.ID)
                    .from(ACCOUNTS)
                    .join(HOUSEHOLDS)
                    .on(HOUSEHOLDS.ID.eq(ACCOUNTS.HOUSEHOLD_ID))
                    .join(BUILDING_UNITS)
                    .on(BUILDING_UNITS.ID.eq(HOUSEHOLDS.UNIT_ID))
                    .where(BUILDING_UNITS.BUILDING_ID.in(buildingIds))))
        .execute();
  }

  /** Everyone on one grid's list is now on another's. */
  int moveGrid(long fromGridId, long toGridId) {
    return dsl.update(CARE_LIST)
        .set(CARE_LIST.GRID_ID, toGridId)
        .where(CARE_LIST.GRID_ID.eq(fromGridId))
        .execute();
  }

  /** A grid's list, in the order people were added; at most {@code limit}. */
  List<CareListRecord> findByGrid(long gridId, int limit) {
    return dsl.selectFrom(CARE_LIST)
        .where(CARE_LIST.GRID_ID.eq(gridId))
        .orderBy(CARE_LIST.ACCOUNT_ID)
        .limit(limit)
        .fetch();
  }
}
