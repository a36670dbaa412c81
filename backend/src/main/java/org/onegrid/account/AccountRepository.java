package org.onegrid.account;

import static org.onegrid.db.Tables.ACCOUNTS;
import static org.onegrid.db.Tables.BUILDINGS;
import static org.onegrid.db.Tables.BUILDING_UNITS;
import static org.onegrid.db.Tables.GRID_LEADER_ASSIGNMENTS;
import static org.onegrid.db.Tables.GRID_NODES;
import static org.onegrid.db.Tables.HOUSEHOLDS;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.AccountsRecord;
import org.onegrid.grid.Subtree;
import org.onegrid.platform.RecentReads;
import org.onegrid.platform.SqlShapes;

@Singleton
class AccountRepository {

  /** Residents joined to their household, unit, building and the grid node the building is in. */
  static final Table<Record> AT_HOME =
      ACCOUNTS
          .join(HOUSEHOLDS)
          .on(HOUSEHOLDS.ID.eq(ACCOUNTS.HOUSEHOLD_ID))
          .join(BUILDING_UNITS)
          .on(BUILDING_UNITS.ID.eq(HOUSEHOLDS.UNIT_ID))
          .join(BUILDINGS)
          .on(BUILDINGS.ID.eq(BUILDING_UNITS.BUILDING_ID))
          .join(GRID_NODES)
          .on(GRID_NODES.ID.eq(BUILDINGS.GRID_ID));

  private final DSLContext dsl;
  private final SqlShapes shapes;

  /** Accounts read for signed-in requests (see {@link #findRecent}). */
  private final RecentReads<Account> recent;

  AccountRepository(
      DSLContext dsl,
      SqlShapes shapes,
      @Value("${onegrid.sessions.check-every:5s}") Duration recentFor) {
    this.dsl = dsl;
    this.shapes = shapes;
    this.recent = new RecentReads<>(recentFor, 100_000);
  }

  Optional<Account> findById(long id) {
    // Who a signed-in request is, when not read in the last seconds: one kept shape.
    Result<AccountsRecord> rows =
        shapes.fetch(
            "accounts.by-id",
            ACCOUNTS,
            () -> dsl.selectFrom(ACCOUNTS).where(ACCOUNTS.ID.eq(id)),
            List.of(id));
    return rows.isEmpty() ? Optional.empty() : Optional.of(toAccount(rows.get(0)));
  }

  /**
   * The account as this instance read it within {@code maxAge}, else read now: who a signed-in
   * request is (every request asks). Every write through this repository forgets that account at
   * once (see {@link RecentReads}).
   */
  Optional<Account> findRecent(long id) {
    return recent.get(id, this::findById);
  }

  /** The grid's current leader, read with their assignment in one statement. */
  Optional<Account> findCurrentLeader(long gridId) {
    // Every resident's own page shows their leader: kept as one shape (SqlShapes).
    Result<Record> rows =
        shapes.fetch(
            "accounts.current-leader",
            () ->
                dsl.select(ACCOUNTS.fields())
                    .from(GRID_LEADER_ASSIGNMENTS)
                    .join(ACCOUNTS)
                    .on(ACCOUNTS.ID.eq(GRID_LEADER_ASSIGNMENTS.LEADER_ID))
                    .where(
                        GRID_LEADER_ASSIGNMENTS.GRID_ID.eq(gridId),
                        GRID_LEADER_ASSIGNMENTS.ENDED_AT.isNull()),
            List.of(gridId));
    if (rows.size() > 1) {
      throw new IllegalStateException("Grid " + gridId + " has " + rows.size() + " leaders");
    }
    return rows.isEmpty() ? Optional.empty() : Optional.of(toAccount(rows.get(0)));
  }

  Map<Long, Account> findByIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    // The names beside every notice, message and list of people: kept per size of the padded list.
    List<Long> padded = SqlShapes.padded(ids);
    return shapes
        .fetch(
            new ByIds(padded.size()),
            ACCOUNTS,
            () -> dsl.selectFrom(ACCOUNTS).where(ACCOUNTS.ID.in(padded)),
            padded)
        .stream()
        .map(AccountRepository::toAccount)
        .collect(Collectors.toMap(Account::id, Function.identity(), (a, b) -> a));
  }

  /** The key of {@link #findByIds}: how many ids it binds. */
  private record ByIds(int ids) {}

  Optional<Account> findByPhone(String phone) {
    return dsl.selectFrom(ACCOUNTS)
        .where(ACCOUNTS.PHONE_E164.eq(phone))
        .fetchOptional(AccountRepository::toAccount);
  }

  /**
   * Inserts an account unless the phone already has one; returns the id of the phone's account
   * either way.
   */
  long insertIfAbsent(
      String phone,
      @Nullable String name,
      Role role,
      @Nullable String passwordHash,
      @Nullable Long householdId,
      @Nullable Long nodeId,
      @Nullable String workPhone,
      @Nullable Long registeredBy,
      Instant now) {
    dsl.insertInto(ACCOUNTS)
        .set(ACCOUNTS.PHONE_E164, phone)
        .set(ACCOUNTS.NAME, name)
        .set(ACCOUNTS.ROLE, role.name())
        .set(ACCOUNTS.PASSWORD_HASH, passwordHash)
        .set(ACCOUNTS.HOUSEHOLD_ID, householdId)
        .set(ACCOUNTS.NODE_ID, nodeId)
        .set(ACCOUNTS.WORK_PHONE, workPhone)
        .set(ACCOUNTS.REGISTERED_BY, registeredBy)
        .set(ACCOUNTS.CREATED_AT, now)
        .set(ACCOUNTS.UPDATED_AT, now)
        .onDuplicateKeyIgnore()
        .execute();
    return dsl.select(ACCOUNTS.ID)
        .from(ACCOUNTS)
        .where(ACCOUNTS.PHONE_E164.eq(phone))
        .fetchSingle(ACCOUNTS.ID);
  }

  /** The members of a household (not those still waiting to be accepted). */
  List<Account> findByHousehold(long householdId) {
    return dsl.selectFrom(ACCOUNTS)
        .where(ACCOUNTS.HOUSEHOLD_ID.eq(householdId), ACCOUNTS.HOUSEHOLD_PENDING_SINCE.isNull())
        .orderBy(ACCOUNTS.ID)
        .limit(50)
        .fetch(AccountRepository::toAccount);
  }

  /**
   * Where a person lives: a member of the household when {@code pendingSince} is null, else waiting
   * since then; a null household is no home.
   */
  void updateHome(
      long id,
      @Nullable Long householdId,
      @Nullable Instant pendingSince,
      @Nullable String name,
      Instant now) {
    recent.forget(id);
    var update =
        dsl.update(ACCOUNTS)
            .set(ACCOUNTS.HOUSEHOLD_ID, householdId)
            .set(ACCOUNTS.HOUSEHOLD_PENDING_SINCE, pendingSince)
            .set(ACCOUNTS.UPDATED_AT, now);
    if (name != null) {
      update = update.set(ACCOUNTS.NAME, name);
    }
    update.where(ACCOUNTS.ID.eq(id)).execute();
  }

  /**
   * Accepts (a member from now) or declines (no home) someone still waiting to join this household;
   * 0 when they no longer are.
   */
  int settlePending(long id, long householdId, boolean accept, Instant now) {
    recent.forget(id);
    return dsl.update(ACCOUNTS)
        .set(ACCOUNTS.HOUSEHOLD_ID, accept ? householdId : null)
        .set(ACCOUNTS.HOUSEHOLD_PENDING_SINCE, (Instant) null)
        .set(ACCOUNTS.UPDATED_AT, now)
        .where(
            ACCOUNTS.ID.eq(id),
            ACCOUNTS.HOUSEHOLD_ID.eq(householdId),
            ACCOUNTS.HOUSEHOLD_PENDING_SINCE.isNotNull())
        .execute();
  }

  void updateProfile(long id, @Nullable String name, @Nullable String locale, Instant now) {
    recent.forget(id);
    var update = dsl.update(ACCOUNTS).set(ACCOUNTS.UPDATED_AT, now);
    if (name != null) {
      update = update.set(ACCOUNTS.NAME, name);
    }
    if (locale != null) {
      update = update.set(ACCOUNTS.LOCALE, locale);
    }
    update.where(ACCOUNTS.ID.eq(id)).execute();
  }

  void updateNode(long id, long nodeId, Instant now) {
    recent.forget(id);
    dsl.update(ACCOUNTS)
        .set(ACCOUNTS.NODE_ID, nodeId)
        .set(ACCOUNTS.UPDATED_AT, now)
        .where(ACCOUNTS.ID.eq(id))
        .execute();
  }

  void updatePasswordHash(long id, String passwordHash, Instant now) {
    recent.forget(id);
    dsl.update(ACCOUNTS)
        .set(ACCOUNTS.PASSWORD_HASH, passwordHash)
        .set(ACCOUNTS.UPDATED_AT, now)
        .where(ACCOUNTS.ID.eq(id))
        .execute();
  }

  List<Account> findByPhones(Collection<String> phones) {
    return dsl.selectFrom(ACCOUNTS)
        .where(ACCOUNTS.PHONE_E164.in(phones))
        .fetch(AccountRepository::toAccount);
  }

  /** Sets a staff member's name, role and node (an import placing them anew). */
  void updatePlacement(long id, String name, Role role, long nodeId, Instant now) {
    recent.forget(id);
    dsl.update(ACCOUNTS)
        .set(ACCOUNTS.NAME, name)
        .set(ACCOUNTS.ROLE, role.name())
        .set(ACCOUNTS.NODE_ID, nodeId)
        .set(ACCOUNTS.UPDATED_AT, now)
        .where(ACCOUNTS.ID.eq(id))
        .execute();
  }

  void markInvitePending(long id) {
    recent.forget(id);
    dsl.update(ACCOUNTS)
        .set(ACCOUNTS.INVITE_PENDING, (byte) 1)
        .where(ACCOUNTS.ID.eq(id), ACCOUNTS.PASSWORD_HASH.isNull())
        .execute();
  }

  List<Account> findInvitesDue(int limit) {
    return dsl.selectFrom(ACCOUNTS)
        .where(ACCOUNTS.INVITE_PENDING.eq((byte) 1))
        .orderBy(ACCOUNTS.ID)
        .limit(limit)
        .fetch(AccountRepository::toAccount);
  }

  int countInvitesDue() {
    return dsl.fetchCount(ACCOUNTS, ACCOUNTS.INVITE_PENDING.eq((byte) 1));
  }

  /**
   * Sets the first password of an invited staff member, if nobody (another instance) has already: 1
   * when this call did.
   */
  int claimInvite(long id, String passwordHash, Instant now) {
    recent.forget(id);
    return dsl.update(ACCOUNTS)
        .set(ACCOUNTS.PASSWORD_HASH, passwordHash)
        .setNull(ACCOUNTS.INVITE_PENDING)
        .set(ACCOUNTS.UPDATED_AT, now)
        .where(ACCOUNTS.ID.eq(id), ACCOUNTS.INVITE_PENDING.eq((byte) 1))
        .execute();
  }

  /**
   * Staff (and clinicians) placed at or under the subtree, with those who have left, by id: a page
   * after {@code afterId}, optionally only those whose name or phone contains {@code q}.
   */
  List<Account> findStaffPage(String subtreePath, @Nullable String q, long afterId, int limit) {
    return dsl.select(ACCOUNTS.fields())
        .from(ACCOUNTS)
        .join(GRID_NODES)
        .on(GRID_NODES.ID.eq(ACCOUNTS.NODE_ID))
        .where(
            Subtree.holds(subtreePath),
            ACCOUNTS.ROLE.ne(Role.RESIDENT.name()),
            ACCOUNTS.ID.gt(afterId))
        .and(
            q == null || q.isBlank()
                ? DSL.noCondition()
                : ACCOUNTS.NAME.contains(q.trim()).or(ACCOUNTS.PHONE_E164.contains(q.trim())))
        .orderBy(ACCOUNTS.ID)
        .limit(limit)
        .fetch(AccountRepository::toAccount);
  }

  /** Ends a staff member's access: no password, no pending invitation, marked as left. */
  void deactivate(long id, Instant now) {
    recent.forget(id);
    dsl.update(ACCOUNTS)
        .set(ACCOUNTS.DEACTIVATED_AT, now)
        .setNull(ACCOUNTS.PASSWORD_HASH)
        .setNull(ACCOUNTS.INVITE_PENDING)
        .set(ACCOUNTS.UPDATED_AT, now)
        .where(ACCOUNTS.ID.eq(id))
        .execute();
  }

  /** A member of staff back: active again, to be texted a new temporary password. */
  void reactivate(long id, Instant now) {
    recent.forget(id);
    dsl.update(ACCOUNTS)
        .setNull(ACCOUNTS.DEACTIVATED_AT)
        .setNull(ACCOUNTS.PASSWORD_HASH)
        .set(ACCOUNTS.INVITE_PENDING, (byte) 1)
        .set(ACCOUNTS.UPDATED_AT, now)
        .where(ACCOUNTS.ID.eq(id))
        .execute();
  }

  void touchLogin(long id, Instant now) {
    recent.forget(id);
    dsl.update(ACCOUNTS).set(ACCOUNTS.LAST_LOGIN_AT, now).where(ACCOUNTS.ID.eq(id)).execute();
  }

  /** Staff placed at one of these nodes. */
  List<Account> findStaffAt(Collection<Long> nodeIds) {
    return dsl.selectFrom(ACCOUNTS)
        .where(
            ACCOUNTS.NODE_ID.in(nodeIds),
            ACCOUNTS.ROLE.ne(Role.RESIDENT.name()),
            ACCOUNTS.DEACTIVATED_AT.isNull())
        .orderBy(ACCOUNTS.ROLE, ACCOUNTS.NAME)
        .fetch(AccountRepository::toAccount);
  }

  /** Staff of one role placed anywhere in the subtree whose path is given, by name. */
  List<Account> findStaffUnder(Role role, String subtreePath, int limit) {
    return findStaffUnder(List.of(role), subtreePath, limit);
  }

  List<Account> findStaffUnder(Collection<Role> roles, String subtreePath, int limit) {
    return dsl.select(ACCOUNTS.fields())
        .from(ACCOUNTS)
        .join(GRID_NODES)
        .on(GRID_NODES.ID.eq(ACCOUNTS.NODE_ID))
        .where(
            ACCOUNTS.ROLE.in(roles.stream().map(Role::name).toList()),
            Subtree.holds(subtreePath),
            ACCOUNTS.DEACTIVATED_AT.isNull())
        .orderBy(ACCOUNTS.NAME, ACCOUNTS.ID)
        .limit(limit)
        .fetch(AccountRepository::toAccount);
  }

  /**
   * The phones of everyone under the node whose path is given: residents living there and staff
   * placed there, as a subquery for another feature to filter by.
   */
  Select<Record1<String>> phonesUnder(String subtreePath) {
    return dsl.select(ACCOUNTS.PHONE_E164)
        .from(AT_HOME)
        .where(Subtree.holds(subtreePath))
        .unionAll(
            dsl.select(ACCOUNTS.PHONE_E164)
                .from(ACCOUNTS)
                .join(GRID_NODES)
                .on(GRID_NODES.ID.eq(ACCOUNTS.NODE_ID))
                .where(Subtree.holds(subtreePath)));
  }

  /**
   * Residents whose household is in this grid, by id after {@code afterId}: a page in a stable
   * order.
   */
  List<Account> findResidentsOfGrid(long gridId, long afterId, int limit) {
    return dsl.select(ACCOUNTS.fields())
        .from(AT_HOME)
        .where(BUILDINGS.GRID_ID.eq(gridId), ACCOUNTS.ID.gt(afterId))
        .orderBy(ACCOUNTS.ID)
        .limit(limit)
        .fetch(AccountRepository::toAccount);
  }

  static Account toAccount(Record r) {
    AccountsRecord a = r.into(ACCOUNTS);
    return new Account(
        a.getId(),
        a.getPhoneE164(),
        a.getName(),
        Role.valueOf(a.getRole()),
        a.getPasswordHash(),
        a.getHouseholdId(),
        a.getNodeId(),
        a.getWorkPhone(),
        a.getLocale(),
        a.getCreatedAt(),
        a.getHouseholdPendingSince(),
        a.getDeactivatedAt());
  }
}
