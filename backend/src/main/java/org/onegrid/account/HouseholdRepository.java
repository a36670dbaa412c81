package org.onegrid.account;

import static org.onegrid.db.Tables.ACCOUNTS;
import static org.onegrid.db.Tables.HOUSEHOLD_EVENTS;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.onegrid.grid.Subtree;

/**
 * Households as their members and grid staff see them: who waits to join one (and where), how many
 * members it has, and what happened to it. Moving a person in or out changes their account, so that
 * is {@link AccountRepository}'s.
 */
@Singleton
class HouseholdRepository {

  private final DSLContext dsl;

  HouseholdRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Those waiting for a household's members to accept them, oldest first. */
  List<Account> findPendingOf(long householdId) {
    return dsl.selectFrom(ACCOUNTS)
        .where(ACCOUNTS.HOUSEHOLD_ID.eq(householdId), ACCOUNTS.HOUSEHOLD_PENDING_SINCE.isNotNull())
        .orderBy(ACCOUNTS.HOUSEHOLD_PENDING_SINCE, ACCOUNTS.ID)
        .limit(50)
        .fetch(AccountRepository::toAccount);
  }

  /**
   * How many members a household has besides {@code except}: a locking read, so it counts what
   * others committed while this transaction waited for the household.
   */
  int countMembers(long householdId, long except) {
    return dsl.selectCount()
        .from(ACCOUNTS)
        .where(
            ACCOUNTS.HOUSEHOLD_ID.eq(householdId),
            ACCOUNTS.HOUSEHOLD_PENDING_SINCE.isNull(),
            ACCOUNTS.ID.ne(except))
        .forUpdate()
        .fetchSingle(0, int.class);
  }

  /**
   * Those waiting to join a household anywhere under the node with this path, oldest first, with
   * the household's address: for the grid staff who may accept them.
   */
  List<Account> findPendingUnder(String subtreePath, int limit) {
    return dsl.select(ACCOUNTS.fields())
        .from(AccountRepository.AT_HOME)
        .where(ACCOUNTS.HOUSEHOLD_PENDING_SINCE.isNotNull(), Subtree.holds(subtreePath))
        .orderBy(ACCOUNTS.HOUSEHOLD_PENDING_SINCE, ACCOUNTS.ID)
        .limit(limit)
        .fetch(AccountRepository::toAccount);
  }

  void insertHouseholdEvent(
      long householdId, long accountId, String action, @Nullable Long by, Instant at) {
    dsl.insertInto(HOUSEHOLD_EVENTS)
        .set(HOUSEHOLD_EVENTS.HOUSEHOLD_ID, householdId)
        .set(HOUSEHOLD_EVENTS.ACCOUNT_ID, accountId)
        .set(HOUSEHOLD_EVENTS.ACTION, action)
        .set(HOUSEHOLD_EVENTS.BY_ACCOUNT_ID, by)
        .set(HOUSEHOLD_EVENTS.AT, at)
        .execute();
  }
}
