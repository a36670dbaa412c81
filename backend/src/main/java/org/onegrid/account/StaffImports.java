package org.onegrid.account;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;

/**
 * People as a city's files load them: many accounts read by phone at once; staff created without a
 * password and invited by text (see {@link StaffInvites}); residents registered into their home.
 * Writes are to be called inside a transaction.
 */
@Singleton
public class StaffImports {

  private final AccountRepository accounts;
  private final GridService grids;
  private final Sessions sessions;
  private final Clock clock;

  StaffImports(AccountRepository accounts, GridService grids, Sessions sessions, Clock clock) {
    this.accounts = accounts;
    this.grids = grids;
    this.sessions = sessions;
    this.clock = clock;
  }

  public Map<String, Account> byPhones(Collection<String> phones) {
    Map<String, Account> out = new HashMap<>();
    List<String> all = new ArrayList<>(phones);
    for (int i = 0; i < all.size(); i += 1000) {
      accounts
          .findByPhones(all.subList(i, Math.min(all.size(), i + 1000)))
          .forEach(a -> out.put(a.phone(), a));
    }
    return out;
  }

  /** A new staff member with no password yet, to be texted an invitation with a temporary one. */
  public long invite(String phone, String name, Role role, long nodeId, @Nullable Long by) {
    long id =
        accounts.insertIfAbsent(phone, name, role, null, null, nodeId, null, by, clock.instant());
    accounts.markInvitePending(id);
    return id;
  }

  public void place(long id, String name, Role role, long nodeId) {
    accounts.updatePlacement(id, name, role, nodeId, clock.instant());
  }

  /** Puts a grid leader in charge of a grid (the grid's leader history records it). */
  public void lead(long gridId, long leaderId, long by) {
    grids.assignLeader(gridId, leaderId, by);
    accounts.updateNode(leaderId, gridId, clock.instant());
  }

  /** A resident registered by staff: a member of their household at once. */
  public long registerResident(String phone, String name, long householdId, long by) {
    return accounts.insertIfAbsent(
        phone, name, Role.RESIDENT, null, householdId, null, null, by, clock.instant());
  }

  /**
   * A member of staff who has left: they cannot sign in, every session of theirs ends, and a grid
   * they led is left without a leader (its reports go to the community) until one is chosen.
   */
  public void deactivate(long id) {
    accounts.deactivate(id, clock.instant());
    grids.endLeadershipOf(id);
    sessions.endAll(id, null);
  }

  /**
   * A member of staff takes another role or post: a grid they led waits for a new leader (the
   * change of leader is its own, confirmed step), and their sessions end so that they sign in again
   * to what they do now.
   */
  public void repost(Account member, Role role, long nodeId) {
    accounts.updatePlacement(member.id(), member.displayName(), role, nodeId, clock.instant());
    grids.endLeadershipOf(member.id());
    sessions.endAll(member.id(), null);
  }

  /** A member of staff who left and is back: texted a new temporary password. */
  public void reactivate(long id) {
    accounts.reactivate(id, clock.instant());
  }

  /** Staff placed at or under the node (those who left too), a page at a time by id. */
  public List<Account> staffPage(GridNode node, @Nullable String q, long afterId, int limit) {
    return accounts.findStaffPage(node.path(), q, afterId, limit);
  }

  /** Active staff placed at exactly this node (not below it). */
  public List<Account> placedAt(GridNode node) {
    return accounts.findStaffPage(node.path(), null, 0, 10_000).stream()
        .filter(a -> a.deactivatedAt() == null && Long.valueOf(node.id()).equals(a.nodeId()))
        .toList();
  }

  /** Staff imported and not yet texted their invitation. */
  public int invitesWaiting() {
    return accounts.countInvitesDue();
  }
}
