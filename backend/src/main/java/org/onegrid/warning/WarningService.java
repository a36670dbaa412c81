package org.onegrid.warning;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.Record;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.db.Tables;
import org.onegrid.db.tables.records.WarningAcksRecord;
import org.onegrid.db.tables.records.WarningsRecord;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Tx;
import org.onegrid.webhook.EventFeed;
import org.onegrid.webhook.EventType;
import org.onegrid.webhook.WebhookEvent;

/**
 * Four-level warnings (四级预警). An admin warns the grids under a node with instructions for a period;
 * every grid's leader is texted and must acknowledge within the level's deadline (red 2 h, orange 6
 * h, yellow 24 h, blue 72 h). Unacknowledged grids are reminded at half the deadline and escalated
 * to their community's admins at the deadline, once each whichever instance runs the job. Residents
 * see orange and red warnings of their area on their home page.
 */
@Singleton
public class WarningService {

  /** The levels, least to most severe, with the time a grid has to acknowledge. */
  public enum Level {
    BLUE(72),
    YELLOW(24),
    ORANGE(6),
    RED(2);

    final int ackHours;

    Level(int ackHours) {
      this.ackHours = ackHours;
    }
  }

  private static final List<String> SHOWN_TO_RESIDENTS = List.of("ORANGE", "RED");

  private final WarningRepository warnings;
  private final AccountService accounts;
  private final GridService grids;
  private final Notifications notify;
  private final Messages texts;
  private final Tx tx;
  private final EventFeed feed;
  private final Clock clock;

  WarningService(
      WarningRepository warnings,
      AccountService accounts,
      GridService grids,
      Notifications notify,
      Messages texts,
      Tx tx,
      EventFeed feed,
      Clock clock) {
    this.warnings = warnings;
    this.accounts = accounts;
    this.grids = grids;
    this.notify = notify;
    this.texts = texts;
    this.tx = tx;
    this.feed = feed;
    this.clock = clock;
  }

  /** Issues a warning to the grids under a node of the admin's reach; one per key. */
  public WarningView issue(
      Account admin,
      long nodeId,
      String level,
      String title,
      String instructions,
      Instant validUntil,
      String key) {
    if (!admin.role().isAdmin() || admin.nodeId() == null) {
      throw ApiException.forbidden();
    }
    Optional<WarningsRecord> earlier = warnings.findByKey(admin.id(), key);
    if (earlier.isPresent()) {
      return view(earlier.get());
    }
    Level lvl = level(level);
    GridNode node = accounts.requireReach(admin, grids.get(nodeId));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (!validUntil.isAfter(now) || validUntil.isAfter(now.plus(Duration.ofDays(30)))) {
      throw ApiException.invalidField("validUntil", "validation.warning-until");
    }
    Duration ack = Duration.ofHours(lvl.ackHours);
    long id =
        tx.run(
            () -> {
              long created =
                  warnings.insert(
                      node.id(),
                      admin.id(),
                      lvl.name(),
                      title.trim(),
                      instructions.trim(),
                      now,
                      validUntil,
                      now.plus(ack.dividedBy(2)),
                      now.plus(ack),
                      key,
                      now);
              long after = 0;
              for (List<Long> page = grids.gridIdsUnder(node, after, 500);
                  !page.isEmpty();
                  page = grids.gridIdsUnder(node, after, 500)) {
                after = page.get(page.size() - 1);
                Map<Long, Long> leaders = grids.currentLeaderIds(page);
                warnings.insertAcks(created, leaders, page);
                Map<Long, Account> people = accounts.byIds(leaders.values());
                for (Account leader : people.values()) {
                  tellLeader(leader, lvl, title.trim(), now.plus(ack), "sms.warning-issued");
                }
              }
              feed.publish(
                  EventType.WARNING_ISSUED,
                  "warning:" + created,
                  () ->
                      EventFeed.Subject.of(
                          node,
                          new WebhookEvent.WarningData(
                              created, lvl.name(), title.trim(), validUntil, null)));
              return created;
            });
    return view(warnings.findById(id).orElseThrow());
  }

  /** A grid's leader or worker acknowledges a warning to their grid. */
  public MyWarning acknowledge(Account staff, long warningId) {
    long grid = ownGrid(staff);
    WarningAcksRecord row = warnings.findAck(warningId, grid).orElseThrow(ApiException::notFound);
    tx.run(
        () -> {
          if (warnings.acknowledge(warningId, grid, staff.id(), clock.instant())) {
            feed.publish(
                EventType.WARNING_ACKNOWLEDGED,
                "warning:" + warningId,
                () -> {
                  WarningsRecord w = warnings.findById(warningId).orElseThrow();
                  return EventFeed.Subject.of(
                      grids.get(grid),
                      new WebhookEvent.WarningData(
                          w.getId(), w.getLevel(), w.getTitle(), w.getValidUntil(), grid));
                });
          }
        });
    return mine(staff).stream()
        .filter(w -> w.warning().id() == row.getWarningId())
        .findFirst()
        .orElseThrow(ApiException::notFound);
  }

  /** The live warnings to my grid and whether it acknowledged them. */
  public List<MyWarning> mine(Account staff) {
    long grid = ownGrid(staff);
    List<MyWarning> out = new ArrayList<>();
    for (Record r : warnings.findForGrid(grid, clock.instant())) {
      out.add(
          new MyWarning(
              view(r.into(Tables.WARNINGS), null), r.get(Tables.WARNING_ACKS.ACKNOWLEDGED_AT)));
    }
    return out;
  }

  /** Orange and red warnings in force for the resident's grid or anything above it. */
  public List<WarningView> forResident(Account resident) {
    if (resident.householdId() == null) {
      return List.of();
    }
    GridNode grid = grids.get(grids.household(resident.householdId()).orElseThrow().gridId());
    return warnings.findLive(grid.pathIds(), SHOWN_TO_RESIDENTS, clock.instant()).stream()
        .map(w -> view(w, null))
        .toList();
  }

  /** Warnings to a node of the admin's reach or under it, with how many grids acknowledged. */
  public List<WarningView> issuedUnder(Account admin, long nodeId) {
    accounts.requireStaff(admin);
    GridNode node = accounts.requireReach(admin, grids.get(nodeId));
    List<WarningsRecord> rows = warnings.findUnder(node.path(), 50);
    Map<Long, int[]> counts = warnings.counts(rows.stream().map(WarningsRecord::getId).toList());
    return rows.stream().map(w -> view(w, counts.getOrDefault(w.getId(), NO_GRIDS))).toList();
  }

  /** Who acknowledged a warning and who not yet (those first), for staff who reach its node. */
  public Acks acks(Account admin, long warningId) {
    WarningsRecord w = warnings.findById(warningId).orElseThrow(ApiException::notFound);
    accounts.requireStaff(admin);
    accounts.requireReach(admin, grids.get(w.getNodeId()));
    List<WarningAcksRecord> rows = warnings.findAcks(warningId, 500);
    Map<Long, Account> people =
        accounts.byIds(
            rows.stream()
                .flatMap(r -> Stream.of(r.getLeaderId(), r.getAcknowledgedBy()))
                .filter(Objects::nonNull)
                .toList());
    return new Acks(
        view(w),
        rows.stream()
            .map(
                r ->
                    new GridAck(
                        r.getGridId(),
                        grids.get(r.getGridId()).name(),
                        r.getLeaderId() == null ? null : people.get(r.getLeaderId()).displayName(),
                        r.getAcknowledgedBy() == null
                            ? null
                            : people.get(r.getAcknowledgedBy()).displayName(),
                        r.getAcknowledgedAt(),
                        r.getRemindedAt(),
                        r.getEscalatedAt()))
            .toList());
  }

  /** Reminds and escalates unacknowledged grids when their time comes, once each. */
  @Scheduled(fixedDelay = "${onegrid.warnings.check-interval:1m}", initialDelay = "45s")
  void chase() {
    chase(clock.instant());
  }

  void chase(Instant now) {
    for (boolean escalation : new boolean[] {false, true}) {
      for (WarningAcksRecord row : warnings.findDue(now, escalation, 500)) {
        tx.run(
            () -> {
              if (!warnings.claim(row.getWarningId(), row.getGridId(), escalation, now)) {
                return null;
              }
              WarningsRecord w = warnings.findById(row.getWarningId()).orElseThrow();
              Level lvl = Level.valueOf(w.getLevel());
              if (!escalation) {
                if (row.getLeaderId() != null) {
                  tellLeader(
                      accounts.get(row.getLeaderId()),
                      lvl,
                      w.getTitle(),
                      w.getAckDueAt(),
                      "sms.warning-reminder");
                }
                return null;
              }
              GridNode grid = grids.get(row.getGridId());
              for (GridNode n : grids.pathOf(grid)) {
                if (n.level() != GridLevel.COMMUNITY) {
                  continue;
                }
                for (Account admin : accounts.staffAt(List.of(n.id()))) {
                  if (admin.role() == Role.COMMUNITY_ADMIN) {
                    notify.tell(
                        admin,
                        "warning-escalated",
                        "/staff/warnings/" + w.getId(),
                        locale ->
                            texts.get(
                                locale,
                                "sms.warning-escalated",
                                texts.get(locale, "warning.level." + lvl.name()),
                                w.getTitle(),
                                grid.name()));
                  }
                }
              }
              return null;
            });
      }
    }
  }

  private void tellLeader(Account leader, Level lvl, String title, Instant due, String key) {
    notify.tell(
        leader,
        "warning",
        "/staff/warnings",
        locale ->
            texts.get(
                locale,
                key,
                texts.get(locale, "warning.level." + lvl.name()),
                title,
                texts.when(due, locale)));
  }

  private long ownGrid(Account staff) {
    accounts.requireStaff(staff);
    GridNode node = grids.get(staff.nodeId());
    if (node.level() != GridLevel.GRID) {
      throw new ApiException(HttpStatus.CONFLICT, "warning-not-grid");
    }
    return node.id();
  }

  private static Level level(String level) {
    try {
      return Level.valueOf(level);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("level", "validation.warning-level");
    }
  }

  private static final int[] NO_GRIDS = {0, 0};

  /** The warning with how many grids it went to and how many acknowledged: for its admins. */
  private WarningView view(WarningsRecord w) {
    return view(w, warnings.counts(List.of(w.getId())).getOrDefault(w.getId(), NO_GRIDS));
  }

  /**
   * The warning; {@code counts} (grids, acknowledged) only for its admins. Residents and a grid's
   * own staff are not shown how other grids are doing, and a city-wide warning's counts run over
   * all of the city's grids: a resident's home page must not count them on every visit.
   */
  private WarningView view(WarningsRecord w, @Nullable int[] counts) {
    return new WarningView(
        w.getId(),
        w.getNodeId(),
        grids.get(w.getNodeId()).name(),
        w.getLevel(),
        w.getTitle(),
        w.getInstructions(),
        w.getValidFrom(),
        w.getValidUntil(),
        w.getAckDueAt(),
        counts == null ? null : counts[0],
        counts == null ? null : counts[1]);
  }

  /**
   * A warning; for its admins how many grids it went to and how many acknowledged (null for
   * residents and a grid's own staff).
   */
  @Serdeable
  public record WarningView(
      long id,
      long nodeId,
      String nodeName,
      String level,
      String title,
      String instructions,
      Instant validFrom,
      Instant validUntil,
      Instant ackDueAt,
      @Nullable Integer grids,
      @Nullable Integer acknowledged) {}

  /** A warning to my grid and when it was acknowledged (null: not yet). */
  @Serdeable
  public record MyWarning(WarningView warning, @Nullable Instant acknowledgedAt) {}

  /** One grid's acknowledgement. */
  @Serdeable
  public record GridAck(
      long gridId,
      String gridName,
      @Nullable String leaderName,
      @Nullable String acknowledgedBy,
      @Nullable Instant acknowledgedAt,
      @Nullable Instant remindedAt,
      @Nullable Instant escalatedAt) {}

  /** A warning and its grids, those not acknowledged first. */
  @Serdeable
  public record Acks(WarningView warning, List<GridAck> grids) {}
}
