package org.onegrid.problem;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.onegrid.account.Account;
import org.onegrid.account.Role;
import org.onegrid.grid.Address;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.RateLimiter;
import org.onegrid.platform.Strings;
import org.onegrid.platform.Tx;

/**
 * Reporting problems and reading them. A new problem goes to the leader of the grid it is in (by
 * GPS point inside a grid's boundary, else by the unit named, else by the reporter's home); a grid
 * without a leader sends it to its community admin. What happens to it next is {@link
 * ProblemWorkflow}'s and {@link Transfers}'; who may see it, {@link ProblemAccess}'s; how it reads,
 * {@link ProblemViews}'; what Open311 readers see, {@link PublicRecords}'.
 */
@Singleton
public class ProblemService {

  private static final int PAGE = 30;

  private final ProblemRepository problems;
  private final ProblemQueries queries;
  private final ReportPlaces places;
  private final ProblemLog log;
  private final PhotoService photos;
  private final CategoryRepository categories;
  private final ProblemViews views;
  private final ProblemAccess access;
  private final Assignees assignees;
  private final GridService grids;
  private final Tx tx;
  private final Clock clock;
  private final RateLimiter limiter;
  private final int reportsPerHour;
  private final int hotlineMessagesPerHour;

  ProblemService(
      ProblemRepository problems,
      ProblemQueries queries,
      ReportPlaces places,
      ProblemLog log,
      PhotoService photos,
      CategoryRepository categories,
      ProblemViews views,
      ProblemAccess access,
      Assignees assignees,
      GridService grids,
      Tx tx,
      Clock clock,
      RateLimiter limiter,
      @Value("${onegrid.limits.reports-per-hour:10}") int reportsPerHour,
      @Value("${onegrid.limits.hotline-messages-per-hour:6}") int hotlineMessagesPerHour) {
    this.problems = problems;
    this.queries = queries;
    this.places = places;
    this.log = log;
    this.photos = photos;
    this.categories = categories;
    this.views = views;
    this.access = access;
    this.assignees = assignees;
    this.grids = grids;
    this.tx = tx;
    this.clock = clock;
    this.limiter = limiter;
    this.reportsPerHour = reportsPerHour;
    this.hotlineMessagesPerHour = hotlineMessagesPerHour;
  }

  /** The categories offered for new reports. */
  public List<Category> categories() {
    return categories.findActive();
  }

  /** A category, also one no longer offered: what an existing problem is. */
  public Optional<Category> category(String code) {
    return categories.findByCode(code);
  }

  /** A category offered for new reports (the form, Open311 service definitions and POSTs). */
  public Optional<Category> activeCategory(String code) {
    return categories.findActiveByCode(code);
  }

  /** Every category's extra questions (Open311 service definition attributes). */
  public Map<String, List<CategoryQuestion>> questions() {
    return categories.findQuestions();
  }

  /** Stores the answers to a category's questions; call in the report's transaction. */
  public void saveAnswers(long problemId, Map<String, String> answers) {
    answers.forEach((code, answer) -> problems.insertAnswer(problemId, code, answer));
  }

  /**
   * Reports a problem; the same idempotency key from the same reporter returns the first report.
   */
  public ProblemView report(
      Account reporter, NewReport report, String idempotencyKey, Locale locale) {
    return report(reporter, report, idempotencyKey, locale, ProblemSource.APP, id -> {});
  }

  /**
   * Reports a problem from a source; {@code alsoInTx} runs in the report's transaction with the new
   * problem's id (not on a retry of an earlier report).
   */
  public ProblemView report(
      Account reporter,
      NewReport report,
      String idempotencyKey,
      Locale locale,
      ProblemSource source,
      LongConsumer alsoInTx) {
    Category category =
        categories
            .findActiveByCode(report.categoryCode())
            .orElseThrow(() -> ApiException.invalidField("categoryCode", "validation.category"));
    ReportPlaces.Place place = places.of(reporter, report);
    GridNode grid = grids.get(place.gridId());
    Account assigneeAccount = assignees.assigneeOf(grid);
    Long assignee = assigneeAccount == null ? null : assigneeAccount.id();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    NewProblem row =
        new NewProblem(
            reporter.id(),
            grid.id(),
            category.code(),
            report.description().trim(),
            place.buildingId(),
            place.unitId(),
            Strings.blankToNull(report.locationText()),
            report.lat(),
            report.lng(),
            report.hideReporter(),
            report.wantsPublic() && Publication.mayBePublic(source, category),
            assignee,
            source.name(),
            now.plus(Duration.ofHours(category.acceptHours())),
            now.plus(Duration.ofHours(category.resolveHours())));
    ProblemRepository.Saved saved =
        tx.run(
            () -> {
              // A retry (the same key) finds the first report here: it is not counted again.
              ProblemRepository.Saved inserted = problems.insertOnce(row, idempotencyKey, now);
              if (inserted.created()) {
                // Over the limit: 429, and the report is rolled back with the count.
                limitTextsCausedBy(reporter, source);
                photos.attach(report.photoIds(), reporter, inserted.id());
                alsoInTx.accept(inserted.id());
                log.record(
                    inserted.id(),
                    reporter.id(),
                    "REPORT",
                    null,
                    ProblemState.SUBMITTED,
                    null,
                    now);
                assignees.notifyAssignee(assigneeAccount, grid, category, row.description());
              }
              return inserted;
            });
    if (!saved.created()) {
      // A retry of an earlier report (or one that raced it): that report as it is now.
      return views.view(reporter, problems.findById(saved.id()).orElseThrow(), locale, true);
    }
    // The new problem as written, not read back: its one event, no messages, no followers.
    Problem created = row.asSaved(saved.id(), now);
    List<ProblemEvent> events =
        List.of(new ProblemEvent(reporter.id(), "REPORT", null, ProblemState.SUBMITTED, null, now));
    AroundRepository.Around surroundings =
        new AroundRepository.Around(
            grid.name(),
            reporter.displayName(),
            assigneeAccount == null ? null : assigneeAccount.displayName(),
            unitOf(place),
            report.photoIds().isEmpty()
                ? List.of()
                : photos
                    .ofProblems(List.of(created.id()))
                    .getOrDefault(created.id(), List.of())
                    .stream()
                    .map(PhotoService.PhotoRef::id)
                    .toList(),
            0,
            false,
            0);
    ProblemViews.Around around =
        new ProblemViews.Around(
            Map.of(category.code(), category),
            Map.of(created.id(), surroundings),
            Map.of(reporter.id(), reporter.displayName()));
    return views.view(reporter, created, locale, events, around);
  }

  /** The unit of the new problem as its view shows it: as already read when it was. */
  private @Nullable Address unitOf(ReportPlaces.Place place) {
    if (place.unitId() == null) {
      return null;
    }
    return place.unit() != null ? place.unit() : grids.unit(place.unitId()).orElse(null);
  }

  /**
   * Every report and hotline message texts staff, so a resident may cause only so many an hour
   * ({@code onegrid.limits.*}); beyond that they are told to wait (429) or to phone if it is
   * urgent.
   */
  private void limitTextsCausedBy(Account reporter, ProblemSource source) {
    if (reporter.role() != Role.RESIDENT) {
      return;
    }
    if (source == ProblemSource.APP) {
      limiter.hit(
          "reports:" + reporter.id(), reportsPerHour, Duration.ofHours(1), "too-many-reports");
    } else if (source == ProblemSource.HOTLINE) {
      limiter.hit(
          "hotline-messages:" + reporter.id(),
          hotlineMessagesPerHour,
          Duration.ofHours(1),
          "too-many-hotline-messages");
    }
  }

  /** The reporter's newest problem from these sources that is still open. */
  public Optional<Long> latestOpen(Account reporter, List<ProblemSource> sources) {
    return queries.findLatestOpen(reporter.id(), sources.stream().map(Enum::name).toList());
  }

  /** One problem for one viewer, with its timeline; 404 for those who may not see it. */
  public ProblemView get(Account viewer, long id, Locale locale) {
    Problem problem = problems.findById(id).orElseThrow(ApiException::notFound);
    access.requireVisible(viewer, problem);
    return views.view(viewer, problem, locale, true);
  }

  public List<ProblemView> mine(Account reporter, @Nullable Long beforeId, Locale locale) {
    return views.views(reporter, queries.findByReporter(reporter.id(), beforeId, PAGE), locale);
  }

  /** The staff member's inbox: problems in their subtree, newest first, filtered. */
  public List<ProblemView> inbox(Account staff, InboxFilter filter, Locale locale) {
    GridNode node = access.staffNode(staff);
    return views.views(
        staff,
        queries.findInSubtree(
            node.path(),
            fewGridsUnder(node),
            filter.state(),
            filter.category(),
            filter.source(),
            filter.overdue(),
            Strings.blankToNull(filter.text()),
            filter.cursor(),
            filter.byDeadline(),
            PAGE,
            clock.instant()),
        locale);
  }

  /** The grids under the node when there are at most a few hundred of them, else null. */
  private @Nullable List<Long> fewGridsUnder(GridNode node) {
    List<Long> ids = grids.gridIdsUnder(node, 0, FEW_GRIDS + 1);
    return ids.size() > FEW_GRIDS ? null : ids;
  }

  private static final int FEW_GRIDS = 500;

  public Map<String, Integer> counts(Account staff) {
    return queries.countByState(access.staffNode(staff).path());
  }

  static final Duration SIMILAR_WINDOW = Duration.ofDays(30);

  /**
   * Open problems like the one being written (same category, same building or else the same grid,
   * last 30 days), so a resident can say "me too" instead of reporting it again.
   */
  public List<ProblemView> similar(
      Account resident, String category, @Nullable Long unitId, Locale locale) {
    if (resident.role() != Role.RESIDENT || resident.householdId() == null) {
      return List.of();
    }
    Address home = grids.household(resident.householdId()).orElse(null);
    if (home == null) {
      return List.of();
    }
    // The chosen unit narrows the list to its building only when it is in the resident's own grid.
    Long buildingId = home.buildingId();
    if (unitId != null) {
      buildingId =
          grids
              .unit(unitId)
              .filter(u -> u.gridId() == home.gridId())
              .map(Address::buildingId)
              .orElse(null);
    }
    return views.views(
        resident,
        queries.findSimilarOpenPublic(
            home.gridId(), category, buildingId, clock.instant().minus(SIMILAR_WINDOW), 10),
        locale);
  }

  /** What a resident fills in. */
  public record NewReport(
      String categoryCode,
      String description,
      @Nullable Long unitId,
      @Nullable String locationText,
      @Nullable Double lat,
      @Nullable Double lng,
      boolean hideReporter,
      List<Long> photoIds,
      @Nullable Long gridId,
      @Nullable Long buildingId,
      boolean wantsPublic) {

    /** A report placed by the caller (a grid and building of its choosing), private. */
    public NewReport(
        String categoryCode,
        String description,
        @Nullable Long unitId,
        @Nullable String locationText,
        @Nullable Double lat,
        @Nullable Double lng,
        boolean hideReporter,
        List<Long> photoIds,
        @Nullable Long gridId,
        @Nullable Long buildingId) {
      this(
          categoryCode,
          description,
          unitId,
          locationText,
          lat,
          lng,
          hideReporter,
          photoIds,
          gridId,
          buildingId,
          false);
    }

    /** A resident's private report: placed by GPS point, unit or home. */
    public NewReport(
        String categoryCode,
        String description,
        @Nullable Long unitId,
        @Nullable String locationText,
        @Nullable Double lat,
        @Nullable Double lng,
        boolean hideReporter,
        List<Long> photoIds) {
      this(
          categoryCode,
          description,
          unitId,
          locationText,
          lat,
          lng,
          hideReporter,
          photoIds,
          null,
          null);
    }
  }

  /** The inbox's filters. */
  public record InboxFilter(
      @Nullable ProblemState state,
      @Nullable String category,
      @Nullable ProblemSource source,
      boolean overdue,
      @Nullable String text,
      boolean byDeadline,
      @Nullable ProblemQueries.Cursor cursor) {}
}
