package org.onegrid.notice;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.db.tables.records.NoticesRecord;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.notify.SmsOutbox;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Tx;

/**
 * Notices (通知) from grid leaders and admins to a grid or a whole subtree. Residents read the
 * notices of every node on their path on their home page, so posting writes one row whatever the
 * subtree's size; a notice sent by SMS too is texted by a job, grid by grid and 500 residents at a
 * time, through the outbox (throttled by its dispatcher, skipping phones that opted out).
 */
@Singleton
public class NoticeService {

  /** What a notice is about. */
  public static final Set<String> KINDS = Set.of("WATER_POWER", "MEETING", "SAFETY", "OTHER");

  private static final int BATCH = 500;
  private static final Duration SMS_GAP = Duration.ofHours(1);
  private static final Duration SHOWN_FOR = Duration.ofDays(30);

  private final NoticeRepository notices;
  private final AccountService accounts;
  private final GridService grids;
  private final SmsOutbox sms;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;

  NoticeService(
      NoticeRepository notices,
      AccountService accounts,
      GridService grids,
      SmsOutbox sms,
      Messages texts,
      Tx tx,
      Clock clock) {
    this.notices = notices;
    this.accounts = accounts;
    this.grids = grids;
    this.sms = sms;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Posts a notice to a node of the staff member's reach. By SMS at most once an hour per node. The
   * same key from the same author posts once.
   */
  public NoticeView post(
      Account staff,
      long nodeId,
      String kind,
      String title,
      String body,
      boolean bySms,
      String key) {
    accounts.requireStaff(staff);
    Optional<NoticesRecord> earlier = notices.findByKey(staff.id(), key);
    if (earlier.isPresent()) {
      return view(earlier.get(), Map.of());
    }
    if (!KINDS.contains(kind)) {
      throw ApiException.invalidField("kind", "validation.notice-kind");
    }
    GridNode node = accounts.requireReach(staff, grids.get(nodeId));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (bySms) {
      Optional<Instant> last = notices.lastSmsNotice(node.id());
      if (last.isPresent() && last.get().plus(SMS_GAP).isAfter(now)) {
        throw ApiException.tooManyRequests(
            "notice-sms-limit", Duration.between(now, last.get().plus(SMS_GAP)));
      }
    }
    long id =
        notices.insert(node.id(), staff.id(), kind, title.trim(), body.trim(), bySms, key, now);
    return view(notices.findById(id).orElseThrow(), Map.of());
  }

  /** The notices a resident sees: those to their grid and every node above it, last 30 days. */
  public List<NoticeView> forResident(Account resident) {
    if (resident.householdId() == null) {
      return List.of();
    }
    GridNode grid = grids.get(grids.household(resident.householdId()).orElseThrow().gridId());
    List<NoticesRecord> rows =
        notices.findForNodes(grid.pathIds(), clock.instant().minus(SHOWN_FOR), 20);
    return views(rows);
  }

  /** Notices to a node of the staff member's reach or under it, newest first, 30 a page. */
  public List<NoticeView> forStaff(Account staff, long nodeId, @Nullable Long beforeId) {
    accounts.requireStaff(staff);
    GridNode node = accounts.requireReach(staff, grids.get(nodeId));
    return views(notices.findUnder(node.path(), beforeId == null ? Long.MAX_VALUE : beforeId, 30));
  }

  /** Texts the residents of notices sent by SMS, a batch per notice per run. */
  @Scheduled(fixedDelay = "${onegrid.notices.sms-interval:5s}", initialDelay = "20s")
  void textResidents() {
    for (long id : notices.findSending(20)) {
      tx.run(
          () -> {
            notices.lockForSms(id).ifPresent(this::textBatch);
            return null;
          });
    }
  }

  /** One batch of a notice (its row locked): up to 500 residents, grid after grid. */
  private void textBatch(NoticesRecord notice) {
    GridNode node = grids.get(notice.getNodeId());
    long grid = notice.getSmsGridCursor();
    long after = notice.getSmsAccountCursor();
    if (grid == 0) {
      List<Long> first = grids.gridIdsUnder(node, 0, 1);
      if (first.isEmpty()) {
        notices.advance(notice.getId(), 0, 0, 0, true);
        return;
      }
      grid = first.get(0);
    }
    String text =
        texts.get(
            Locale.SIMPLIFIED_CHINESE,
            "sms.notice",
            node.name(),
            notice.getTitle(),
            notice.getBody().length() > 120
                ? notice.getBody().substring(0, 120) + "…"
                : notice.getBody());
    int budget = BATCH;
    int sent = 0;
    boolean done = false;
    while (budget > 0) {
      List<Account> residents = accounts.residentsOfGrid(grid, after, budget);
      for (Account r : residents) {
        if (r.textable()) {
          sms.deliver(r.id(), r.phone(), text, "notice", "/");
          sent++;
        }
        after = r.id();
      }
      budget -= residents.size();
      if (budget > 0) {
        List<Long> next = grids.gridIdsUnder(node, grid, 1);
        if (next.isEmpty()) {
          done = true;
          break;
        }
        grid = next.get(0);
        after = 0;
      }
    }
    notices.advance(notice.getId(), grid, after, sent, done);
  }

  private List<NoticeView> views(List<NoticesRecord> rows) {
    Map<Long, Account> authors =
        accounts.byIds(rows.stream().map(NoticesRecord::getAuthorId).distinct().toList());
    return rows.stream().map(r -> view(r, authors)).toList();
  }

  private NoticeView view(NoticesRecord r, Map<Long, Account> authors) {
    Account author =
        authors.containsKey(r.getAuthorId())
            ? authors.get(r.getAuthorId())
            : accounts.get(r.getAuthorId());
    return new NoticeView(
        r.getId(),
        r.getNodeId(),
        grids.get(r.getNodeId()).name(),
        r.getKind(),
        r.getTitle(),
        r.getBody(),
        author.displayName(),
        r.getBySms(),
        r.getSmsCount(),
        r.getSmsDone(),
        r.getCreatedAt());
  }

  /** A notice as residents and staff see it (with how many were texted so far). */
  @Serdeable
  public record NoticeView(
      long id,
      long nodeId,
      String nodeName,
      String kind,
      String title,
      String body,
      String authorName,
      boolean bySms,
      int smsCount,
      boolean smsDone,
      Instant createdAt) {}
}
