package org.onegrid.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onegrid.grid.Address;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.grid.NodeRef;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Strings;
import org.onegrid.platform.Tx;

/** Accounts, their homes, and what staff may do to them within their part of the grid tree. */
@Singleton
public class AccountService {

  private final AccountRepository accounts;
  private final PasswordHasher passwords;
  private final GridService grids;
  private final Phones phones;
  private final Tx tx;
  private final Clock clock;

  private final Provider<AdminChangeLog> changes;

  AccountService(
      AccountRepository accounts,
      PasswordHasher passwords,
      GridService grids,
      Phones phones,
      Tx tx,
      Clock clock,
      Provider<AdminChangeLog> changes) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.grids = grids;
    this.phones = phones;
    this.tx = tx;
    this.clock = clock;
    this.changes = changes;
  }

  /** Any account by id, or empty. */
  public Optional<Account> find(long id) {
    return accounts.findById(id);
  }

  public Account get(long id) {
    return accounts
        .findById(id)
        .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized"));
  }

  public Optional<Account> findByPhone(String e164) {
    return accounts.findByPhone(e164);
  }

  public MeView me(long accountId) {
    Account me =
        accounts
            .findRecent(accountId)
            .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized"));
    MeView.Home home = null;
    List<NodeRef> gridPath = List.of();
    MeView.LeaderCard leader = null;
    if (me.householdId() != null) {
      Address address = grids.household(me.householdId()).orElseThrow();
      home =
          new MeView.Home(
              address.householdId(),
              address.buildingId(),
              address.buildingName(),
              address.unitId(),
              address.unitName(),
              address.room(),
              address.gridId(),
              me.householdPending());
      GridNode grid = grids.get(address.gridId());
      List<GridNode> path = grids.pathOf(grid);
      gridPath = path.stream().map(NodeRef::of).toList();
      leader = leaderCard(grid, path);
    }
    NodeRef staffNode = null;
    List<NodeRef> staffPath = List.of();
    if (me.role().isStaff() && me.nodeId() != null) {
      GridNode node = grids.get(me.nodeId());
      staffNode = NodeRef.of(node);
      staffPath = grids.pathOf(node).stream().map(NodeRef::of).toList();
    }
    return new MeView(
        me.id(),
        me.name(),
        me.role(),
        me.phone(),
        me.locale(),
        me.role() == Role.RESIDENT && me.householdId() == null,
        home,
        gridPath,
        leader,
        staffNode,
        staffPath);
  }

  private MeView.LeaderCard leaderCard(GridNode grid, List<GridNode> path) {
    String dutyLine =
        path.stream()
            .filter(n -> n.level() == GridLevel.COMMUNITY)
            .map(GridNode::hotlinePhone)
            .filter(p -> p != null)
            .findFirst()
            .orElse(null);
    Optional<Account> leader = currentLeaderOf(grid.id());
    if (leader.isEmpty()) {
      return new MeView.LeaderCard(
          null, null, null, dutyLine == null ? null : phones.dialable(dutyLine), false);
    }
    Account l = leader.get();
    String call = l.workPhone() != null ? l.workPhone() : dutyLine;
    return new MeView.LeaderCard(
        l.id(),
        l.displayName(),
        Phones.mask(l.phone()),
        call == null ? null : phones.dialable(call),
        true);
  }

  public void updateProfile(long accountId, @Nullable String name, @Nullable String locale) {
    accounts.updateProfile(accountId, Strings.blankToNull(name), locale, clock.instant());
  }

  /**
   * A grid leader, worker or admin registers a resident who has no smartphone. The resident can
   * later sign in with the same phone by SMS code and finds their home already set.
   */
  public Account registerResident(
      Account staff, String rawPhone, String name, long unitId, String room) {
    String phone = phones.toE164(rawPhone, "phone");
    Address unit =
        grids
            .unit(unitId)
            .orElseThrow(() -> ApiException.invalidField("unitId", "validation.unit"));
    requireReach(staff, grids.get(unit.gridId()));
    return tx.run(
        () -> {
          if (accounts.findByPhone(phone).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, "phone-taken");
          }
          Address home = grids.householdFor(unitId, normaliseRoom(room));
          long id =
              accounts.insertIfAbsent(
                  phone,
                  name.trim(),
                  Role.RESIDENT,
                  null,
                  home.householdId(),
                  null,
                  null,
                  staff.id(),
                  clock.instant());
          return accounts.findById(id).orElseThrow();
        });
  }

  /** Creates a staff account (demo data, admin tools); call inside a transaction. */
  public long createStaff(
      String phone,
      String name,
      Role role,
      long nodeId,
      @Nullable String workPhone,
      String passwordHash) {
    return accounts.insertIfAbsent(
        phone, name, role, passwordHash, null, nodeId, workPhone, null, clock.instant());
  }

  /**
   * Creates the account an Open311 app files its reports as: it has no phone to text (its key is
   * the {@code app:} pseudo-number), no password and no home, so nobody can sign in as it.
   */
  public long createAppAccount(String pseudoNumber, String name) {
    if (!pseudoNumber.startsWith("app:")) {
      throw new IllegalArgumentException(pseudoNumber);
    }
    return accounts.insertIfAbsent(
        pseudoNumber, name, Role.APP, null, null, null, null, null, clock.instant());
  }

  /**
   * The community a resident lives in, or a staff member of a community, zone or grid works in;
   * empty for staff above communities and residents without a home.
   */
  public Optional<GridNode> communityOf(Account account) {
    GridNode start;
    if (account.householdId() != null) {
      Optional<Address> home = grids.household(account.householdId());
      if (home.isEmpty()) {
        return Optional.empty();
      }
      start = grids.get(home.get().gridId());
    } else if (account.nodeId() != null) {
      start = grids.get(account.nodeId());
    } else {
      return Optional.empty();
    }
    return grids.pathOf(start).stream().filter(n -> n.level() == GridLevel.COMMUNITY).findFirst();
  }

  /**
   * The person and the others of their household (for booking on an elderly parent's behalf); only
   * the person while they wait to be accepted into it.
   */
  public List<Account> householdOf(Account person) {
    if (person.householdId() == null || person.householdPending()) {
      return List.of(person);
    }
    return accounts.findByHousehold(person.householdId());
  }

  /** Creates a resident in a household (demo data); call inside a transaction. */
  public long createResident(String phone, String name, long unitId, String room) {
    Address home = grids.householdFor(unitId, room);
    return accounts.insertIfAbsent(
        phone, name, Role.RESIDENT, null, home.householdId(), null, null, null, clock.instant());
  }

  public String hashPassword(String password) {
    return passwords.hash(password);
  }

  /** Makes a grid-leader account the current leader of a grid inside the admin's subtree. */
  public void assignGridLeader(Account admin, long gridId, long leaderId) {
    if (!admin.role().isAdmin()) {
      throw ApiException.forbidden();
    }
    GridNode grid = grids.get(gridId);
    requireReach(admin, grid);
    Account leader =
        accounts
            .findById(leaderId)
            .filter(a -> a.role() == Role.GRID_LEADER)
            .orElseThrow(() -> ApiException.invalidField("leaderId", "validation.not-a-leader"));
    if (leader.nodeId() != null) {
      requireReach(admin, grids.get(leader.nodeId()));
    }
    Optional<Long> before = grids.currentLeaderId(gridId);
    tx.run(
        () -> {
          grids.assignLeader(gridId, leaderId, admin.id());
          accounts.updateNode(leaderId, gridId, clock.instant());
          changes
              .get()
              .record(
                  admin,
                  grid,
                  "grid.leader",
                  grid.code() + " " + grid.name(),
                  before.flatMap(accounts::findById).map(Account::displayName).orElse(null),
                  leader.displayName());
        });
  }

  /**
   * 404 rather than 403 when the node is outside the staff member's subtree: its existence is not
   * theirs to know.
   */
  public GridNode requireReach(Account staff, GridNode node) {
    if (!reaches(staff, node)) {
      throw ApiException.notFound();
    }
    return node;
  }

  /** The account of whoever is signed in. */
  /**
   * Who a signed-in request is: as read by this instance within {@code
   * onegrid.sessions.check-every} (a change made on another instance shows within it, as an ended
   * session does), else read now; 401 when the account is gone.
   */
  public Account signedIn(Authentication auth) {
    return accounts
        .findRecent(Long.parseLong(auth.getName()))
        .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized"));
  }

  /** The account, if it is staff placed at a node of the grid tree; 403 for anyone else. */
  public Account requireStaff(Account account) {
    if (!account.role().isStaff() || account.nodeId() == null) {
      throw ApiException.forbidden();
    }
    return account;
  }

  public boolean reaches(Account staff, GridNode node) {
    if (!staff.role().isStaff() || staff.nodeId() == null) {
      return false;
    }
    return grids.get(staff.nodeId()).contains(node);
  }

  /** The grid's current leader, if it has one. */
  public Optional<Account> currentLeaderOf(long gridId) {
    return accounts.findCurrentLeader(gridId);
  }

  public Map<Long, Account> byIds(Collection<Long> ids) {
    return accounts.findByIds(ids);
  }

  /** The display names of these accounts, for a list that mentions them. */
  public Names names(Collection<Long> ids) {
    Map<Long, String> byId = new HashMap<>();
    accounts
        .findByIds(ids.stream().distinct().toList())
        .forEach((id, account) -> byId.put(id, account.displayName()));
    return new Names(byId);
  }

  public List<Account> staffAt(Collection<Long> nodeIds) {
    return nodeIds.isEmpty() ? List.of() : accounts.findStaffAt(nodeIds);
  }

  /** Grid staff placed at the node or below it (workers, leaders, admins), by name. */
  public List<Account> staffUnder(GridNode node, int limit) {
    return accounts.findStaffUnder(
        Arrays.stream(Role.values()).filter(Role::isStaff).toList(), node.path(), limit);
  }

  /**
   * Grid leaders an admin may put in charge of grids under {@code node} (which must be in their
   * reach).
   */
  public List<Account> gridLeadersUnder(Account admin, GridNode node) {
    if (!admin.role().isAdmin()) {
      throw ApiException.forbidden();
    }
    requireReach(admin, node);
    return accounts.findStaffUnder(Role.GRID_LEADER, node.path(), 200);
  }

  public List<Account> residentsOfGrid(long gridId, long afterId, int limit) {
    return accounts.findResidentsOfGrid(gridId, afterId, limit);
  }

  static String normaliseRoom(String room) {
    String r = room == null ? "" : room.trim();
    if (r.isEmpty() || r.length() > 20) {
      throw ApiException.invalidField("room", "validation.room");
    }
    return r;
  }
}
