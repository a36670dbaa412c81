package org.onegrid.hotline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.audit.AuditLog;
import org.onegrid.db.tables.records.DutyRotationsRecord;
import org.onegrid.db.tables.records.DutyShiftsRecord;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;

/**
 * The duty roster (值班表) of each community. A rotation names staff in order and a shift length; its
 * shifts are written ahead as rows (three weeks, extended hourly by whichever instance gets the
 * rotation's lock first), so "who is on duty now and next" and the coverage check read one indexed
 * range of shifts. Overrides (swaps, cover for leave) are shifts that win over the rotation. After
 * the person on duty come the fallbacks in order (deputy, community admin), else the community's
 * admins.
 */
@Singleton
public class RosterService {

  static final Duration AHEAD = Duration.ofDays(21);
  static final Duration COVERAGE = Duration.ofDays(14);
  private static final Set<Integer> SHIFT_HOURS = Set.of(4, 6, 8, 12, 24);

  private final RosterRepository roster;
  private final AccountService accounts;
  private final GridService grids;
  private final Tx tx;
  private final Clock clock;
  private final AuditLog audit;

  RosterService(
      RosterRepository roster,
      AccountService accounts,
      GridService grids,
      Tx tx,
      Clock clock,
      AuditLog audit) {
    this.audit = audit;
    this.roster = roster;
    this.accounts = accounts;
    this.grids = grids;
    this.tx = tx;
    this.clock = clock;
  }

  /** Replaces the community's rotation and writes its shifts from the current one on. */
  public Roster saveRotation(
      Account admin, long communityId, Instant firstStart, int shiftHours, List<Long> memberIds) {
    GridNode community = requireAdmin(admin, communityId);
    if (!SHIFT_HOURS.contains(shiftHours)) {
      throw ApiException.invalidField("shiftHours", "validation.shift-hours");
    }
    if (memberIds.isEmpty() || memberIds.size() > 50) {
      throw ApiException.invalidField("memberIds", "validation.duty-members");
    }
    requireStaffOf(community, memberIds, "memberIds");
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant first = firstStart.truncatedTo(ChronoUnit.MINUTES);
    tx.run(
        () -> {
          Instant from =
              new Rotation(first, Duration.ofHours(shiftHours), memberIds).startCovering(now);
          roster.saveRotation(communityId, first, shiftHours, from, memberIds, admin.id(), now);
          roster.lockRotation(communityId);
          roster.deleteRotaShiftsEndingAfter(communityId, now);
          materialize(communityId, now.plus(AHEAD));
          audit.record(
              admin,
              community,
              "roster.rotation",
              community.name(),
              null,
              Map.of(
                  "firstStart",
                  first.toString(),
                  "shiftHours",
                  shiftHours,
                  "members",
                  names(memberIds)));
          return null;
        });
    return roster(admin, communityId);
  }

  private List<String> names(List<Long> ids) {
    Map<Long, Account> people = accounts.byIds(ids);
    return ids.stream()
        .map(people::get)
        .filter(Objects::nonNull)
        .map(Account::displayName)
        .toList();
  }

  /** A one-off shift that wins over the rotation: a swap, or cover for someone on leave. */
  public Roster override(
      Account admin,
      long communityId,
      Instant from,
      Instant to,
      long accountId,
      @Nullable String note) {
    GridNode community = requireAdmin(admin, communityId);
    if (!to.isAfter(from) || Duration.between(from, to).compareTo(Duration.ofDays(31)) > 0) {
      throw ApiException.invalidField("to", "validation.override-window");
    }
    requireStaffOf(community, List.of(accountId), "accountId");
    tx.run(
        () -> {
          roster.insertShift(
              communityId,
              from,
              to,
              accountId,
              RosterRepository.OVERRIDE,
              note == null || note.isBlank() ? null : note.trim(),
              admin.id(),
              clock.instant());
          audit.record(
              admin,
              community,
              "roster.override",
              community.name(),
              null,
              Map.of(
                  "from", from.toString(), "to", to.toString(), "who", names(List.of(accountId))));
          return null;
        });
    return roster(admin, communityId);
  }

  public Roster removeOverride(Account admin, long communityId, long shiftId) {
    GridNode community = requireAdmin(admin, communityId);
    tx.run(
        () -> {
          if (!roster.deleteOverride(communityId, shiftId)) {
            throw ApiException.notFound();
          }
          audit.record(
              admin,
              community,
              "roster.override.remove",
              community.name(),
              Map.of("shift", shiftId),
              null);
          return null;
        });
    return roster(admin, communityId);
  }

  /** The ordered people called after the one on duty. */
  public Roster saveFallbacks(Account admin, long communityId, List<Long> accountIds) {
    GridNode community = requireAdmin(admin, communityId);
    if (accountIds.size() > 10) {
      throw ApiException.invalidField("accountIds", "validation.duty-members");
    }
    requireStaffOf(community, accountIds, "accountIds");
    tx.run(
        () -> {
          roster.saveFallbacks(communityId, List.copyOf(new LinkedHashSet<>(accountIds)));
          audit.record(
              admin,
              community,
              "roster.fallbacks",
              community.name(),
              null,
              Map.of("fallbacks", names(accountIds)));
          return null;
        });
    return roster(admin, communityId);
  }

  /** Who is on duty at {@code at} and who comes next, from one range of shifts. */
  public OnDuty onDuty(long communityId, Instant at) {
    DutyTimeline timeline = roster.timeline(communityId, at, at.plus(Duration.ofDays(3)));
    List<DutyTimeline.Segment> segments = timeline.segments(at, at.plus(Duration.ofDays(3)));
    DutyTimeline.Segment now = segments.get(0);
    DutyTimeline.Segment next =
        segments.stream().skip(1).filter(s -> s.accountId() != null).findFirst().orElse(null);
    Map<Long, Account> people =
        accounts.byIds(
            Stream.of(now.accountId(), next == null ? null : next.accountId())
                .filter(Objects::nonNull)
                .toList());
    return new OnDuty(
        now.accountId() == null ? null : person(people.get(now.accountId())),
        now.accountId() == null ? null : now.to(),
        next == null ? null : person(people.get(next.accountId())),
        next == null ? null : next.from());
  }

  /**
   * Whom a hotline call rings, in order: the person on duty, the fallbacks, then the community's
   * admins; nobody twice.
   */
  public List<Account> chain(long communityId, Instant at) {
    LinkedHashSet<Long> ids = new LinkedHashSet<>();
    roster.timeline(communityId, at, at.plusSeconds(1)).at(at).ifPresent(ids::add);
    List<Long> fallbacks = roster.findFallbacks(communityId);
    ids.addAll(fallbacks);
    if (fallbacks.isEmpty()) {
      accounts.staffAt(List.of(communityId)).stream()
          .filter(a -> a.role() == Role.COMMUNITY_ADMIN)
          .map(Account::id)
          .forEach(ids::add);
    }
    Map<Long, Account> people = accounts.byIds(ids);
    return ids.stream().map(people::get).filter(Objects::nonNull).toList();
  }

  /** The roster as its admins see it: rotation, fallbacks, the next week, overrides, gaps. */
  public Roster roster(Account admin, long communityId) {
    GridNode community = requireAdmin(admin, communityId);
    Instant now = clock.instant();
    Optional<DutyRotationsRecord> rotation = roster.findRotation(communityId);
    List<Long> members = roster.findMembers(communityId);
    List<Long> fallbacks = roster.findFallbacks(communityId);
    List<DutyShiftsRecord> rows = roster.findShifts(communityId, now, now.plus(COVERAGE));
    DutyTimeline timeline = new DutyTimeline(rows.stream().map(RosterRepository::shift).toList());
    List<DutyTimeline.Segment> week = timeline.segments(now, now.plus(Duration.ofDays(7)));
    Set<Long> ids = new LinkedHashSet<>(members);
    ids.addAll(fallbacks);
    week.stream().map(DutyTimeline.Segment::accountId).filter(Objects::nonNull).forEach(ids::add);
    rows.forEach(r -> ids.add(r.getAccountId()));
    Map<Long, Account> people = accounts.byIds(ids);
    return new Roster(
        rotation.map(DutyRotationsRecord::getFirstStart).orElse(null),
        rotation.map(DutyRotationsRecord::getShiftHours).orElse(null),
        members.stream().map(id -> person(people.get(id))).toList(),
        fallbacks.stream().map(id -> person(people.get(id))).toList(),
        week.stream()
            .map(
                s ->
                    new Stretch(
                        s.from(),
                        s.to(),
                        s.accountId() == null ? null : person(people.get(s.accountId()))))
            .toList(),
        rows.stream()
            .filter(r -> RosterRepository.OVERRIDE.equals(r.getKind()))
            .map(
                r ->
                    new Override(
                        r.getId(),
                        r.getStartsAt(),
                        r.getEndsAt(),
                        person(people.get(r.getAccountId())),
                        r.getNote()))
            .toList(),
        timeline.gaps(now, now.plus(COVERAGE)).stream()
            .map(g -> new Stretch(g.from(), g.to(), null))
            .toList(),
        accounts.staffUnder(community, 200).stream().map(RosterService::person).toList());
  }

  /** Writes every rotation's shifts three weeks ahead; each rotation once, whichever instance. */
  @Scheduled(fixedDelay = "1h", initialDelay = "30s")
  void extendRotations() {
    Instant horizon = clock.instant().plus(AHEAD);
    for (long communityId : roster.findRotationsDueBefore(horizon, 500)) {
      tx.run(
          () -> {
            materialize(communityId, horizon);
            return null;
          });
    }
  }

  /**
   * Inside a transaction: writes the rotation's shifts from where it stopped up to {@code until}.
   */
  private void materialize(long communityId, Instant until) {
    DutyRotationsRecord rotation = roster.lockRotation(communityId).orElseThrow();
    List<Long> members = roster.findMembers(communityId);
    Instant from = rotation.getMaterializedUntil();
    if (members.isEmpty() || !from.isBefore(until)) {
      return;
    }
    Rotation.Batch batch =
        new Rotation(rotation.getFirstStart(), Duration.ofHours(rotation.getShiftHours()), members)
            .turns(from, until);
    Instant now = clock.instant();
    for (Rotation.Turn turn : batch.turns()) {
      roster.insertShift(
          communityId,
          turn.startsAt(),
          turn.endsAt(),
          turn.accountId(),
          RosterRepository.ROTA,
          null,
          null,
          now);
    }
    roster.setMaterializedUntil(communityId, batch.next());
  }

  /** The community, if the admin is one who supervises it. */
  GridNode requireAdmin(Account admin, long communityId) {
    if (!admin.role().isAdmin() || admin.nodeId() == null) {
      throw ApiException.forbidden();
    }
    GridNode community = grids.get(communityId);
    if (community.level() != GridLevel.COMMUNITY) {
      throw ApiException.notFound();
    }
    return accounts.requireReach(admin, community);
  }

  /** Everyone named must be staff placed in the community or below it. */
  private void requireStaffOf(GridNode community, List<Long> ids, String field) {
    Map<Long, Account> found = accounts.byIds(ids);
    for (long id : ids) {
      Account a = found.get(id);
      boolean inside =
          a != null
              && a.role().isStaff()
              && a.nodeId() != null
              && grids.pathOf(grids.get(a.nodeId())).stream()
                  .anyMatch(n -> n.id() == community.id());
      if (!inside) {
        throw ApiException.invalidField(field, "validation.duty-member");
      }
    }
  }

  static DutyPerson person(Account a) {
    return new DutyPerson(a.id(), a.displayName(), a.role(), Phones.mask(a.phone()));
  }

  /** Someone on the roster. */
  @Serdeable
  public record DutyPerson(long id, String name, Role role, String phoneMasked) {}

  /** Who is on duty now (until when) and who comes next (from when). */
  @Serdeable
  public record OnDuty(
      @Nullable DutyPerson now,
      @Nullable Instant until,
      @Nullable DutyPerson next,
      @Nullable Instant nextFrom) {}

  /** A stretch of time with one person on duty, or nobody. */
  @Serdeable
  public record Stretch(Instant from, Instant to, @Nullable DutyPerson person) {}

  /** An override shift. */
  @Serdeable
  public record Override(
      long id, Instant from, Instant to, DutyPerson person, @Nullable String note) {}

  /** The roster of a community as its admins see it. */
  @Serdeable
  public record Roster(
      @Nullable Instant firstStart,
      @Nullable Integer shiftHours,
      List<DutyPerson> rotation,
      List<DutyPerson> fallbacks,
      List<Stretch> nextWeek,
      List<Override> overrides,
      List<Stretch> gaps,
      List<DutyPerson> candidates) {}
}
