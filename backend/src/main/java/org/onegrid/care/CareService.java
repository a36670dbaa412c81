package org.onegrid.care;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.db.tables.records.CareListRecord;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Phones;

/**
 * The care list of each grid: residents the grid leader keeps an eye on (elderly living alone,
 * people with a disability). Staff who reach the resident's grid keep it; other services ask it
 * whom to tell the grid leader about.
 */
@Singleton
public class CareService {

  /** Why someone is on the list. */
  public static final Set<String> KINDS = Set.of("ELDERLY_ALONE", "DISABILITY", "OTHER");

  private final CareRepository care;
  private final AccountService accounts;
  private final GridService grids;
  private final Clock clock;

  CareService(CareRepository care, AccountService accounts, GridService grids, Clock clock) {
    this.care = care;
    this.accounts = accounts;
    this.grids = grids;
    this.clock = clock;
  }

  /** Puts a resident of the staff member's reach on the care list (or changes why). */
  public CareEntry add(Account staff, long residentId, String kind, @Nullable String note) {
    if (!KINDS.contains(kind)) {
      throw ApiException.invalidField("kind", "validation.care-kind");
    }
    Account resident = residentInReach(staff, residentId);
    long grid = grids.household(resident.householdId()).orElseThrow().gridId();
    String why = note == null || note.isBlank() ? null : note.trim();
    care.upsert(resident.id(), grid, kind, why, staff.id(), clock.instant());
    return entry(resident, care.find(resident.id()).orElseThrow());
  }

  public void remove(Account staff, long residentId) {
    residentInReach(staff, residentId);
    care.delete(residentId);
  }

  /** A grid's care list, for staff who reach the grid. */
  public List<CareEntry> ofGrid(Account staff, long gridId) {
    accounts.requireReach(accounts.requireStaff(staff), grids.get(gridId));
    var rows = care.findByGrid(gridId, 1000);
    Map<Long, Account> people = accounts.byIds(rows.stream().map(r -> r.getAccountId()).toList());
    return rows.stream()
        .filter(r -> people.containsKey(r.getAccountId()))
        .map(r -> entry(people.get(r.getAccountId()), r))
        .toList();
  }

  /** Who of these people is on a care list. */
  /**
   * The tree changed shape: residents of these buildings (all of {@code fromGridId} when null) are
   * looked after by {@code toGridId} now. Call inside the change's transaction.
   */
  public int follow(long fromGridId, @Nullable Collection<Long> buildingIds, long toGridId) {
    return buildingIds == null
        ? care.moveGrid(fromGridId, toGridId)
        : care.moveResidentsOf(buildingIds, toGridId);
  }

  public Set<Long> onList(Collection<Long> accountIds) {
    return accountIds.isEmpty() ? Set.of() : care.findAll(accountIds).keySet();
  }

  /**
   * The grid leader to tell about something that happens to a person on the care list: the current
   * leader of the grid the person lives in; empty if they are not on the list or the grid has no
   * leader.
   */
  public Optional<Account> leaderToTell(Account person) {
    if (care.find(person.id()).isEmpty() || person.householdId() == null) {
      return Optional.empty();
    }
    return grids
        .household(person.householdId())
        .flatMap(home -> grids.currentLeaderId(home.gridId()))
        .map(accounts::get);
  }

  private Account residentInReach(Account staff, long residentId) {
    accounts.requireStaff(staff);
    Account resident =
        accounts.byIds(List.of(residentId)).values().stream()
            .findFirst()
            .filter(a -> a.role() == Role.RESIDENT && a.householdId() != null)
            .orElseThrow(ApiException::notFound);
    GridNode grid = grids.get(grids.household(resident.householdId()).orElseThrow().gridId());
    if (!accounts.reaches(staff, grid)) {
      throw ApiException.notFound();
    }
    return resident;
  }

  private CareEntry entry(Account resident, CareListRecord r) {
    return new CareEntry(
        resident.id(),
        resident.displayName(),
        Phones.mask(resident.phone()),
        r.getKind(),
        r.getNote(),
        r.getAddedAt());
  }

  /** Someone on the care list, as staff see them. */
  @Serdeable
  public record CareEntry(
      long residentId,
      String name,
      String phoneMasked,
      String kind,
      @Nullable String note,
      Instant addedAt) {}
}
