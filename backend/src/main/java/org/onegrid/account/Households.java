package org.onegrid.account;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.onegrid.grid.Address;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Phones;
import org.onegrid.platform.RateLimiter;
import org.onegrid.platform.Strings;
import org.onegrid.platform.Tx;

/**
 * Who belongs to a household. The first person in an empty room becomes its first member; anyone
 * joining a household that already has members lives there for their own reports but is one of the
 * family (sees the others' names, books for them) only once a member, or grid staff who reach the
 * building, accepts them. Members are asked in the app and by SMS, which they may answer.
 */
@Singleton
public class Households {

  /** The link members open to decide. */
  public static final String LINK = "/household";

  private final AccountRepository accounts;
  private final HouseholdRepository households;
  private final GridService grids;
  private final AccountService people;
  private final Notifications notify;
  private final Messages texts;
  private final RateLimiter limiter;
  private final Tx tx;
  private final Clock clock;
  private final int requestsPerDay;

  Households(
      AccountRepository accounts,
      HouseholdRepository households,
      GridService grids,
      AccountService people,
      Notifications notify,
      Messages texts,
      RateLimiter limiter,
      Tx tx,
      Clock clock,
      @Value("${onegrid.limits.household-requests-per-day:3}") int requestsPerDay) {
    this.accounts = accounts;
    this.households = households;
    this.grids = grids;
    this.people = people;
    this.notify = notify;
    this.texts = texts;
    this.limiter = limiter;
    this.tx = tx;
    this.clock = clock;
    this.requestsPerDay = requestsPerDay;
  }

  /**
   * A resident says where they live (and their name). Staying in the same household changes nothing
   * but the name; a new one makes them its first member if it has none, else asks its members.
   */
  public void moveIn(long accountId, long unitId, String room, @Nullable String newName) {
    Account person = people.get(accountId);
    if (person.role() != Role.RESIDENT) {
      throw ApiException.forbidden();
    }
    String name = Strings.blankToNull(newName);
    tx.run(
        () -> {
          Address home = grids.householdFor(unitId, AccountService.normaliseRoom(room));
          long household = home.householdId();
          Instant now = clock.instant();
          if (Long.valueOf(household).equals(person.householdId())) {
            accounts.updateHome(person.id(), household, person.householdPendingSince(), name, now);
            return;
          }
          if (households.countMembers(household, person.id()) == 0) {
            accounts.updateHome(person.id(), household, null, name, now);
            households.insertHouseholdEvent(household, person.id(), "JOINED", null, now);
            return;
          }
          limiter.hit(
              "household-requests:" + person.id(),
              requestsPerDay,
              Duration.ofDays(1),
              "too-many-household-requests");
          accounts.updateHome(person.id(), household, now, name, now);
          households.insertHouseholdEvent(household, person.id(), "ASKED", null, now);
          String who = name != null ? name : person.displayName();
          for (Account member : accounts.findByHousehold(household)) {
            notify.tell(
                member,
                "household-request",
                LINK,
                locale ->
                    texts.get(
                        locale,
                        "sms.household-request",
                        who,
                        Phones.mask(person.phone()),
                        place(home)));
          }
        });
  }

  /** My household as I may see it: its members and requests only once I am one of them. */
  public HouseholdView view(Account me) {
    if (me.householdId() == null) {
      return new HouseholdView(HouseholdView.Status.NONE, null, List.of(), List.of());
    }
    Address home = grids.household(me.householdId()).orElseThrow();
    if (me.householdPending()) {
      return new HouseholdView(
          HouseholdView.Status.PENDING,
          place(home),
          List.of(HouseholdView.Member.of(me, me)),
          List.of());
    }
    return new HouseholdView(
        HouseholdView.Status.MEMBER,
        place(home),
        accounts.findByHousehold(me.householdId()).stream()
            .map(m -> HouseholdView.Member.of(m, me))
            .toList(),
        households.findPendingOf(me.householdId()).stream()
            .map(a -> HouseholdView.Request.of(a, null))
            .toList());
  }

  /** Those waiting to be accepted in households under the staff member's node, oldest first. */
  public List<HouseholdView.Request> pendingFor(Account staff) {
    people.requireStaff(staff);
    GridNode node = grids.get(staff.nodeId());
    return households.findPendingUnder(node.path(), 200).stream()
        .map(
            a -> HouseholdView.Request.of(a, place(grids.household(a.householdId()).orElseThrow())))
        .toList();
  }

  /**
   * A member of the household, or grid staff who reach its building, accepts or declines someone
   * waiting to join it. Anyone else (and anyone who is not waiting) is 404. A declined person has
   * no home until they choose again; both are told.
   */
  public void decide(Account decider, long applicantId, boolean accept) {
    tx.run(
        () -> {
          Account applicant =
              accounts
                  .findById(applicantId)
                  .filter(Account::householdPending)
                  .orElseThrow(ApiException::notFound);
          long household = applicant.householdId();
          if (!mayDecide(decider, household)) {
            throw ApiException.notFound();
          }
          Instant now = clock.instant();
          // Two members answering at once: the first answer counts, the second finds nobody
          // waiting.
          if (accounts.settlePending(applicant.id(), household, accept, now) == 0) {
            throw ApiException.notFound();
          }
          households.insertHouseholdEvent(
              household, applicant.id(), accept ? "ACCEPTED" : "DECLINED", decider.id(), now);
          String where = place(grids.household(household).orElseThrow());
          notify.tell(
              applicant,
              "household-decision",
              accept ? LINK : "/setup",
              locale ->
                  texts.get(
                      locale, accept ? "sms.household-accepted" : "sms.household-declined", where));
        });
  }

  /**
   * The one request a member's household has waiting, for an SMS answer; empty when there is none
   * or more than one (those are decided in the app).
   */
  Optional<Account> onlyRequestFor(Account member) {
    if (member.householdId() == null || member.householdPending()) {
      return Optional.empty();
    }
    List<Account> waiting = households.findPendingOf(member.householdId());
    return waiting.size() == 1 ? Optional.of(waiting.get(0)) : Optional.empty();
  }

  /** How many wait to join this member's household. */
  int waitingFor(Account member) {
    return member.householdId() == null || member.householdPending()
        ? 0
        : households.findPendingOf(member.householdId()).size();
  }

  private boolean mayDecide(Account decider, long household) {
    if (decider.inHousehold(household)) {
      return true;
    }
    if (!decider.role().isStaff()) {
      return false;
    }
    Address home = grids.household(household).orElseThrow();
    return people.reaches(decider, grids.get(home.gridId()));
  }

  private static String place(Address home) {
    return home.buildingName() + home.unitName() + home.room();
  }
}
