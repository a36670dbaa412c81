package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.grid.Address;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Tx;

/**
 * Problems from report to closure. A new problem goes to the leader of the grid it is in (by GPS
 * point inside a grid's boundary, else by the unit named, else by the reporter's home); a grid
 * without a leader sends it to its community admin. Every change of state is an event, and the
 * resident is told by SMS when their problem is accepted, resolved or returned.
 */
@Singleton
public class ProblemService {

  static final Duration REOPEN_WINDOW = Duration.ofDays(7);
  private static final int PAGE = 30;

  private final ProblemRepository problems;
  private final PhotoService photos;
  private final CategoryRepository categories;
  private final DepartmentRepository departments;
  private final AroundRepository surroundingsRepo;
  private final org.onegrid.notify.SmsOutbox sms;
  private final org.onegrid.platform.Phones phones;
  private final AccountService accounts;
  private final GridService grids;
  private final org.onegrid.notify.Notifications inApp;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;
  private final org.onegrid.platform.RateLimiter limiter;
  private final int reportsPerHour;
  private final int hotlineMessagesPerHour;

  ProblemService(
      ProblemRepository problems,
      PhotoService photos,
      CategoryRepository categories,
      DepartmentRepository departments,
      AroundRepository surroundingsRepo,
      org.onegrid.notify.SmsOutbox sms,
      org.onegrid.platform.Phones phones,
      AccountService accounts,
      GridService grids,
      org.onegrid.notify.Notifications inApp,
      Messages texts,
      Tx tx,
      Clock clock,
      org.onegrid.platform.RateLimiter limiter,
      @io.micronaut.context.annotation.Value("${onegrid.limits.reports-per-hour:10}")
          int reportsPerHour,
      @io.micronaut.context.annotation.Value("${onegrid.limits.hotline-messages-per-hour:6}")
          int hotlineMessagesPerHour) {
    this.limiter = limiter;
    this.reportsPerHour = reportsPerHour;
    this.hotlineMessagesPerHour = hotlineMessagesPerHour;
    this.problems = problems;
    this.photos = photos;
    this.categories = categories;
    this.departments = departments;
    this.surroundingsRepo = surroundingsRepo;
    this.sms = sms;
    this.phones = phones;
    this.accounts = accounts;
    this.grids = grids;
    this.inApp = inApp;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
  }

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

  /** A problem as anyone may see it through Open311: no names, no phones, no thread. */
  public record PublicRecord(
      long id,
      String categoryCode,
      String categoryName,
      String description,
      ProblemState state,
      String agency,
      @Nullable String address,
      @Nullable java.math.BigDecimal lat,
      @Nullable java.math.BigDecimal lng,
      Instant requestedAt,
      Instant updatedAt,
      Instant expectedAt,
      @Nullable String statusNotes) {}

  /**
   * Problems reported in [from, to) (newest first, at most {@code limit}), of these states and
   * categories (null: any).
   */
  public List<PublicRecord> publicRecords(
      Instant from,
      Instant to,
      @Nullable Set<ProblemState> states,
      @Nullable List<String> categoryCodes,
      int limit,
      Locale locale) {
    return publicRecords(
        problems.findPublicReportedBetween(
            from,
            to,
            states == null ? null : states.stream().map(Enum::name).toList(),
            categoryCodes,
            limit),
        locale);
  }

  /**
   * Public problems by id, and also private ones that {@code alsoPrivate} admits (the Open311 app
   * that filed them); the rest are left out as if they did not exist.
   */
  public List<PublicRecord> publicRecords(
      java.util.Collection<Long> ids, java.util.function.LongPredicate alsoPrivate, Locale locale) {
    return ids.isEmpty()
        ? List.of()
        : publicRecords(
            problems.findByIds(ids).stream()
                .filter(p -> p.isPublic() || alsoPrivate.test(p.id()))
                .toList(),
            locale);
  }

  private List<PublicRecord> publicRecords(List<Problem> page, Locale locale) {
    Map<Long, String> notes = problems.findLatestReasons(page.stream().map(Problem::id).toList());
    // Grids, their paths and units for the whole page in three queries, not per request.
    Map<Long, GridNode> gridNodes =
        grids.byIds(page.stream().map(Problem::gridId).collect(Collectors.toSet()));
    Map<Long, GridNode> pathNodes =
        grids.byIds(
            gridNodes.values().stream()
                .flatMap(n -> n.pathIds().stream())
                .collect(Collectors.toSet()));
    Map<Long, org.onegrid.grid.Address> units =
        grids.units(
            page.stream().map(Problem::unitId).filter(u -> u != null).collect(Collectors.toSet()));
    Map<Long, String> agencies = new java.util.HashMap<>();
    Map<String, Category> kinds = new java.util.HashMap<>();
    List<PublicRecord> records = new ArrayList<>();
    for (Problem p : page) {
      Category category =
          kinds.computeIfAbsent(p.categoryCode(), c -> categories.findByCode(c).orElseThrow());
      String agency =
          p.departmentId() != null
              ? departments.findById(p.departmentId()).map(d -> d.name(locale)).orElse("")
              : agencies.computeIfAbsent(
                  p.gridId(),
                  g ->
                      gridNodes.get(g).pathIds().stream()
                          .map(pathNodes::get)
                          .filter(
                              n ->
                                  n != null
                                      && n.level().ordinal() >= GridLevel.STREET.ordinal()
                                      && n.level() != GridLevel.ZONE)
                          .map(GridNode::name)
                          .collect(Collectors.joining(" ")));
      String place = publicPlaceText(p, units);
      records.add(
          new PublicRecord(
              p.id(),
              category.code(),
              category.name(locale),
              Publication.mask(p.description()),
              p.state(),
              agency,
              place == null ? agency : place + ", " + agency,
              Publication.coarse(p.lat()),
              Publication.coarse(p.lng()),
              p.createdAt(),
              p.updatedAt(),
              p.resolveDueAt(),
              notes.get(p.id())));
    }
    return records;
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
      java.util.function.LongConsumer alsoInTx) {
    Category category =
        categories
            .findActiveByCode(report.categoryCode())
            .orElseThrow(() -> ApiException.invalidField("categoryCode", "validation.category"));
    Optional<ProblemView> earlier =
        problems
            .findByReporterKey(reporter.id(), idempotencyKey)
            .map(p -> view(reporter, p, locale, false));
    if (earlier.isPresent()) {
      return earlier.get();
    }
    limitTextsCausedBy(reporter, source);
    Place place = place(reporter, report);
    GridNode grid = grids.get(place.gridId());
    Account assigneeAccount = assigneeOf(grid);
    Long assignee = assigneeAccount == null ? null : assigneeAccount.id();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    ProblemRepository.NewProblem row =
        new ProblemRepository.NewProblem(
            reporter.id(),
            grid.id(),
            category.code(),
            report.description().trim(),
            place.buildingId(),
            place.unitId(),
            blankToNull(report.locationText()),
            report.lat(),
            report.lng(),
            report.hideReporter(),
            report.wantsPublic() && mayBePublic(source, category),
            assignee,
            source.name(),
            now.plus(Duration.ofHours(category.acceptHours())),
            now.plus(Duration.ofHours(category.resolveHours())));
    ProblemRepository.Saved saved =
        tx.run(
            () -> {
              ProblemRepository.Saved inserted = problems.insertOnce(row, idempotencyKey, now);
              if (inserted.created()) {
                photos.attach(report.photoIds(), reporter, inserted.id());
                alsoInTx.accept(inserted.id());
                problems.insertEvent(
                    inserted.id(),
                    reporter.id(),
                    "REPORT",
                    null,
                    ProblemState.SUBMITTED,
                    null,
                    now);
                notifyAssignee(assigneeAccount, grid, category, row.description());
              }
              return inserted;
            });
    if (!saved.created()) {
      // A retry that raced the first report: that report as it is now.
      return view(reporter, problems.findById(saved.id()).orElseThrow(), locale, true);
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
            created.unitId() == null ? null : grids.unit(created.unitId()).orElse(null),
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
    Around around =
        new Around(
            Map.of(category.code(), category),
            Map.of(created.id(), surroundings),
            Map.of(reporter.id(), reporter.displayName()));
    return view(reporter, created, locale, events, around);
  }

  /**
   * Whether a problem may be public at all: only reports from the app and Open311, and never of a
   * category that is always private (care, medical, disputes). Hotline, text, call and patrol
   * problems are private and stay so.
   */
  static boolean mayBePublic(ProblemSource source, Category category) {
    return (source == ProblemSource.APP || source == ProblemSource.OPEN311)
        && !category.alwaysPrivate();
  }

  static boolean mayBePublic(Problem problem, Category category) {
    return mayBePublic(ProblemSource.valueOf(problem.source()), category);
  }

  /**
   * Makes a problem public or private. Staff who reach it may only make it private, with a reason;
   * only its reporter makes it public, and only where {@link #mayBePublic} allows. The change is an
   * event on the timeline.
   */
  public ProblemView setVisibility(
      Account actor, long id, boolean makePublic, @Nullable String reason, Locale locale) {
    String why = blankToNull(reason);
    Problem updated =
        tx.run(
            () -> {
              Problem problem = problems.lockById(id).orElseThrow(ApiException::notFound);
              requireVisible(actor, problem);
              boolean reporter = actor.id() == problem.reporterId();
              boolean staff = actor.role().isStaff() && !reporter;
              if (!reporter && !staff) {
                throw ApiException.notFound();
              }
              if (problem.isPublic() == makePublic) {
                return problem;
              }
              if (makePublic) {
                if (!reporter) {
                  throw new ApiException(HttpStatus.FORBIDDEN, "problem-public-by-reporter-only");
                }
                Category category = categories.findByCode(problem.categoryCode()).orElseThrow();
                if (!mayBePublic(problem, category)) {
                  throw new ApiException(HttpStatus.CONFLICT, "problem-always-private");
                }
              } else if (staff && why == null) {
                throw ApiException.invalidField("reason", "validation.reason");
              }
              Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
              problems.setPublic(id, makePublic, now);
              problems.insertEvent(
                  id,
                  actor.id(),
                  makePublic ? "MADE_PUBLIC" : "MADE_PRIVATE",
                  problem.state(),
                  problem.state(),
                  why,
                  now);
              return problems.findById(id).orElseThrow();
            });
    return view(actor, updated, locale, true);
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
    return problems.findLatestOpen(reporter.id(), sources.stream().map(Enum::name).toList());
  }

  /** One problem for one viewer, with its timeline; 404 for those who may not see it. */
  public ProblemView get(Account viewer, long id, Locale locale) {
    Problem problem = problems.findById(id).orElseThrow(ApiException::notFound);
    requireVisible(viewer, problem);
    return view(viewer, problem, locale, true);
  }

  public List<ProblemView> mine(Account reporter, @Nullable Long beforeId, Locale locale) {
    return views(reporter, problems.findByReporter(reporter.id(), beforeId, PAGE), locale);
  }

  /** The staff member's inbox: problems in their subtree, newest first, filtered. */
  public List<ProblemView> inbox(Account staff, InboxFilter filter, Locale locale) {
    GridNode node = staffNode(staff);
    return views(
        staff,
        problems.findInSubtree(
            node.path(),
            fewGridsUnder(node),
            filter.state(),
            filter.category(),
            filter.source(),
            filter.overdue(),
            blankToNull(filter.text()),
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
    return problems.countByState(staffNode(staff).path());
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
    return views(
        resident,
        problems.findSimilarOpenPublic(
            home.gridId(), category, buildingId, clock.instant().minus(SIMILAR_WINDOW), 10),
        locale);
  }

  /** "Me too": the resident follows the problem and hears its updates. */
  public ProblemView follow(Account resident, long id, Locale locale) {
    Problem problem = problems.findById(id).orElseThrow(ApiException::notFound);
    requireVisible(resident, problem);
    if (resident.id() != problem.reporterId()) {
      problems.follow(id, resident.id(), clock.instant());
    }
    return view(resident, problem, locale, true);
  }

  /** Where the problem could be handed: the other grids of its community, and the departments. */
  public TransferTargets transferTargets(Account staff, long id, Locale locale) {
    Problem problem = problems.findById(id).orElseThrow(ApiException::notFound);
    requireStaffReach(staff, problem);
    GridNode grid = grids.get(problem.gridId());
    GridNode community =
        grids.pathOf(grid).stream()
            .filter(n -> n.level() == GridLevel.COMMUNITY)
            .findFirst()
            .orElseThrow();
    List<org.onegrid.grid.NodeRef> targets = new ArrayList<>();
    for (GridNode zone : grids.children(community.id())) {
      for (GridNode g : grids.children(zone.id())) {
        if (g.level() == GridLevel.GRID && g.id() != grid.id()) {
          targets.add(org.onegrid.grid.NodeRef.of(g));
        }
      }
    }
    return new TransferTargets(
        targets,
        departments.findActive().stream()
            .map(d -> new TransferTargets.DepartmentRef(d.id(), d.name(locale)))
            .toList());
  }

  /**
   * Hands an open problem on, with a reason. To another grid: it goes to that grid's leader (or
   * community admin) to be accepted anew, and its escalation starts over. To a department: the
   * department is texted on its duty phone, and the problem waits, still the grid's, until staff
   * record the department's fix or take it back.
   */
  public ProblemView transfer(
      Account staff,
      long id,
      @Nullable Long gridId,
      @Nullable Long departmentId,
      String reason,
      Locale locale) {
    String why = blankToNull(reason);
    if (why == null) {
      throw ApiException.invalidField("reason", "validation.reason");
    }
    if ((gridId == null) == (departmentId == null)) {
      throw ApiException.invalidField("gridId", "validation.transfer-target");
    }
    if (departmentId != null) {
      Department department =
          departments
              .findById(departmentId)
              .orElseThrow(
                  () -> ApiException.invalidField("departmentId", "validation.department"));
      return view(staff, toDepartment(staff, id, department, why), locale, true);
    }
    GridNode target =
        grids
            .find(gridId)
            .filter(g -> g.level() == GridLevel.GRID)
            .orElseThrow(() -> ApiException.invalidField("gridId", "validation.not-a-grid"));
    Problem updated =
        tx.run(
            () -> {
              Problem problem = lockOpenInReach(staff, id);
              if (target.id() == problem.gridId()) {
                throw ApiException.invalidField("gridId", "validation.same-grid");
              }
              Category category = categories.findByCode(problem.categoryCode()).orElseThrow();
              Account assigneeAccount = assigneeOf(target);
              Long assignee = assigneeAccount == null ? null : assigneeAccount.id();
              Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
              problems.transfer(
                  id,
                  target.id(),
                  assignee,
                  now.plus(Duration.ofHours(category.acceptHours())),
                  now);
              problems.insertEvent(
                  id,
                  staff.id(),
                  "TRANSFER",
                  problem.state(),
                  ProblemState.SUBMITTED,
                  grids.get(problem.gridId()).name() + " → " + target.name() + "：" + why,
                  now);
              notifyAssignee(assigneeAccount, target, category, problem.description());
              return problems.findById(id).orElseThrow();
            });
    return view(staff, updated, locale, true);
  }

  private Problem toDepartment(Account staff, long id, Department department, String why) {
    return tx.run(
        () -> {
          Problem problem = lockOpenInReach(staff, id);
          if (problem.state() == ProblemState.TRANSFERRED) {
            throw new ApiException(HttpStatus.CONFLICT, "problem-state", problem.state());
          }
          Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          problems.transferToDepartment(id, department.id(), now);
          problems.insertEvent(
              id,
              staff.id(),
              "TRANSFER_DEPARTMENT",
              problem.state(),
              ProblemState.TRANSFERRED,
              department.nameZh() + "：" + why,
              now);
          if (department.phone() != null) {
            Category category = categories.findByCode(problem.categoryCode()).orElseThrow();
            Locale zh = Messages.CHINESE;
            String place = placeText(problem);
            sms.enqueue(
                department.phone(),
                texts.get(
                    zh,
                    "sms.problem-department",
                    grids.get(problem.gridId()).name(),
                    String.valueOf(problem.id()),
                    category.name(zh),
                    (place == null ? "" : place + "，") + excerpt(problem.description()),
                    why,
                    staff.displayName(),
                    phones.dialable(staff.phone())),
                "problem-department");
          }
          return problems.findById(id).orElseThrow();
        });
  }

  /** Locks a problem that is open and within the staff member's reach; call in a transaction. */
  private Problem lockOpenInReach(Account staff, long id) {
    Problem problem = problems.lockById(id).orElseThrow(ApiException::notFound);
    requireStaffReach(staff, problem);
    if (!ProblemState.OPEN.contains(problem.state())) {
      throw new ApiException(HttpStatus.CONFLICT, "problem-state", problem.state());
    }
    return problem;
  }

  /** Sets a department's duty phone, where its transferred problems are texted. */
  public void setDepartmentPhone(String code, String e164) {
    departments.setPhone(code, e164);
  }

  private void requireStaffReach(Account staff, Problem problem) {
    if (!staff.role().isStaff()) {
      throw ApiException.forbidden();
    }
    accounts.requireReach(staff, grids.get(problem.gridId()));
  }

  /**
   * Staff merge a duplicate into another problem of their subtree: the duplicate closes with a note
   * pointing to the other, and its reporter and followers follow the other from now on.
   */
  public ProblemView merge(Account staff, long duplicateId, long intoId, Locale locale) {
    if (!staff.role().isStaff()) {
      throw ApiException.forbidden();
    }
    if (duplicateId == intoId) {
      throw ApiException.invalidField("intoId", "validation.merge-self");
    }
    return tx.run(
        () -> {
          Problem duplicate = problems.lockById(duplicateId).orElseThrow(ApiException::notFound);
          Problem into = problems.lockById(intoId).orElseThrow(ApiException::notFound);
          accounts.requireReach(staff, grids.get(duplicate.gridId()));
          accounts.requireReach(staff, grids.get(into.gridId()));
          if (!ProblemState.OPEN.contains(duplicate.state())) {
            throw new ApiException(HttpStatus.CONFLICT, "problem-state", duplicate.state());
          }
          Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          problems.updateState(duplicateId, ProblemState.CLOSED, now, false);
          problems.insertEvent(
              duplicateId,
              staff.id(),
              "MERGE",
              duplicate.state(),
              ProblemState.CLOSED,
              "#" + intoId,
              now);
          problems.follow(intoId, duplicate.reporterId(), now);
          for (long follower : problems.findFollowers(duplicateId)) {
            problems.follow(intoId, follower, now);
          }
          return view(staff, problems.findById(intoId).orElseThrow(), locale, true);
        });
  }

  /**
   * The photo's bytes for a viewer who may see it: its uploader, or anyone who may see its problem.
   */
  public byte[] photo(Account viewer, long photoId, boolean thumb) {
    var photo = photos.find(photoId);
    if (photo.getShared()) {
      return photos.bytes(photo, thumb);
    }
    if (photo.getGridId() != null) {
      // A staff photo of a grid (a patrol's): for staff who reach the grid.
      if (!viewer.role().isStaff() || !accounts.reaches(viewer, grids.get(photo.getGridId()))) {
        throw ApiException.notFound();
      }
      return photos.bytes(photo, thumb);
    }
    if (photo.getProblemId() == null) {
      if (photo.getOwnerId() != viewer.id()) {
        throw ApiException.notFound();
      }
    } else {
      Problem problem = problems.findById(photo.getProblemId()).orElseThrow();
      requireVisible(viewer, problem);
      boolean staff = viewer.role().isStaff();
      // A thread's photo is for the thread's people; one of an internal note for staff alone.
      if (photo.getInThread()
          && (photo.getInternal() ? !staff : !staff && viewer.id() != problem.reporterId())) {
        throw ApiException.notFound();
      }
    }
    return photos.bytes(photo, thumb);
  }

  /**
   * Moves a problem on: staff within reach act on any of its grid's problems, a reporter on their
   * own.
   */
  public ProblemView act(
      Account actor,
      long id,
      ProblemAction action,
      @Nullable String reason,
      @Nullable Integer rating,
      Locale locale) {
    String why = blankToNull(reason);
    Problem updated =
        tx.run(
            () -> {
              Problem problem = problems.lockById(id).orElseThrow(ApiException::notFound);
              requireVisible(actor, problem);
              if (!mayAct(actor, problem, action)) {
                throw ApiException.forbidden();
              }
              if (!action.allowedFrom(problem.state())) {
                throw new ApiException(HttpStatus.CONFLICT, "problem-state", problem.state());
              }
              if (ProblemAction.NEEDS_REASON.containsKey(action) && why == null) {
                throw ApiException.invalidField("reason", "validation.reason");
              }
              // A resident rates a fix they can read about: staff say what was done.
              if (action == ProblemAction.RESOLVE && why == null) {
                throw ApiException.invalidField("reason", "validation.result");
              }
              if (action == ProblemAction.CONFIRM && (rating == null || rating < 1 || rating > 5)) {
                throw ApiException.invalidField("rating", "validation.rating");
              }
              Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
              if (action == ProblemAction.REOPEN
                  && problem.resolvedAt() != null
                  && now.isAfter(problem.resolvedAt().plus(REOPEN_WINDOW))) {
                throw new ApiException(HttpStatus.CONFLICT, "problem-reopen-too-late");
              }
              problems.updateState(id, action.to(), now, action == ProblemAction.REOPEN);
              if (action == ProblemAction.CONFIRM) {
                problems.setRating(id, rating, why);
              }
              problems.insertEvent(
                  id, actor.id(), action.name(), problem.state(), action.to(), why, now);
              notifyReporter(problem, action, why);
              return problems.findById(id).orElseThrow();
            });
    return view(actor, updated, locale, true);
  }

  private boolean mayAct(Account actor, Problem problem, ProblemAction action) {
    if (action.byStaff()) {
      return actor.role().isStaff() && accounts.reaches(actor, grids.get(problem.gridId()));
    }
    return actor.id() == problem.reporterId();
  }

  private void requireVisible(Account viewer, Problem problem) {
    if (viewer.id() == problem.reporterId()) {
      return;
    }
    if (viewer.role().isStaff()) {
      accounts.requireReach(viewer, grids.get(problem.gridId()));
      return;
    }
    Long homeGrid =
        viewer.householdId() == null
            ? null
            : grids.household(viewer.householdId()).map(Address::gridId).orElse(null);
    if (!problem.isPublic() || homeGrid == null || homeGrid != problem.gridId()) {
      throw ApiException.notFound();
    }
  }

  /**
   * Where the problem is: the grid and, when known, building and unit. A map pin inside a grid
   * decides the grid; the building and unit chosen are kept when they are in that grid (the pin
   * starts at the chosen building), and dropped when the pin was moved to another grid.
   */
  private Place place(Account reporter, NewReport report) {
    Place chosen = chosenPlace(reporter, report);
    if (report.lat() != null && report.lng() != null) {
      Optional<GridNode> located = grids.locate(report.lat(), report.lng());
      if (located.isPresent()) {
        long gridId = located.get().id();
        return chosen != null && chosen.gridId() == gridId ? chosen : new Place(gridId, null, null);
      }
    }
    if (chosen == null) {
      throw new ApiException(HttpStatus.CONFLICT, "needs-home");
    }
    return chosen;
  }

  private @Nullable Place chosenPlace(Account reporter, NewReport report) {
    if (report.gridId() != null) {
      return new Place(report.gridId(), report.buildingId(), report.unitId());
    }
    if (report.unitId() != null) {
      Address unit =
          grids
              .unit(report.unitId())
              .orElseThrow(() -> ApiException.invalidField("unitId", "validation.unit"));
      return new Place(unit.gridId(), unit.buildingId(), unit.unitId());
    }
    if (reporter.householdId() != null) {
      Address home = grids.household(reporter.householdId()).orElseThrow();
      return new Place(home.gridId(), home.buildingId(), home.unitId());
    }
    return null;
  }

  /** The grid's leader, or when it has none the community's admin. */
  /** Who a new problem of the grid goes to: its leader, else its community's admin. */
  private @Nullable Account assigneeOf(GridNode grid) {
    Optional<Account> leader = accounts.currentLeaderOf(grid.id());
    if (leader.isPresent()) {
      return leader.get();
    }
    return grids.pathOf(grid).stream()
        .filter(n -> n.level() == GridLevel.COMMUNITY)
        .findFirst()
        .flatMap(
            community ->
                accounts.staffAt(List.of(community.id())).stream()
                    .filter(a -> a.role() == Role.COMMUNITY_ADMIN)
                    .findFirst())
        .orElse(null);
  }

  private void notifyAssignee(
      @Nullable Account assignee, GridNode grid, Category category, String description) {
    if (assignee == null) {
      return;
    }
    inApp.tell(
        assignee,
        "problem-new",
        "/staff/problems",
        locale ->
            texts.get(
                locale,
                "sms.problem-new",
                grid.name(),
                category.name(locale),
                excerpt(description),
                String.valueOf(category.acceptHours())));
  }

  private void notifyReporter(Problem problem, ProblemAction action, @Nullable String reason) {
    String key =
        switch (action) {
          case ACCEPT -> "sms.problem-accepted";
          case RESOLVE -> "sms.problem-resolved";
          case RETURN -> "sms.problem-returned";
          default -> null;
        };
    if (key == null) {
      return;
    }
    List<Long> audience = new ArrayList<>();
    audience.add(problem.reporterId());
    problems.findFollowers(problem.id()).stream()
        .filter(id -> !audience.contains(id))
        .forEach(audience::add);
    for (Account person : accounts.byIds(audience).values()) {
      inApp.tell(
          person,
          "problem-" + action.name().toLowerCase(Locale.ROOT),
          "/problems/" + problem.id(),
          locale ->
              texts.get(locale, key, String.valueOf(problem.id()), detail(action, reason, locale)));
    }
  }

  /** The reason as it sits in the SMS: after "resolved" in brackets, after "returned" as it is. */
  private static String detail(ProblemAction action, @Nullable String reason, Locale locale) {
    if (reason == null) {
      return "";
    }
    if (action != ProblemAction.RESOLVE) {
      return reason;
    }
    return "en".equals(locale.getLanguage()) ? " (" + reason + ")" : "（" + reason + "）";
  }

  /** A page of problems as the viewer sees them in a list, with their unread counts. */
  private List<ProblemView> views(Account viewer, List<Problem> page, Locale locale) {
    Around around = around(viewer, page, List.of());
    return page.stream().map(p -> view(viewer, p, locale, null, around)).toList();
  }

  private ProblemView view(Account viewer, Problem p, Locale locale, boolean withTimeline) {
    List<ProblemEvent> events = withTimeline ? problems.findEvents(p.id()) : null;
    return view(
        viewer, p, locale, events, around(viewer, List.of(p), events == null ? List.of() : events));
  }

  /**
   * What the views of some problems show besides the problems themselves: their categories
   * (cached), their surroundings for the viewer (one query for the whole page) and, for a timeline,
   * the names of the people who acted that are neither the reporter nor the handler.
   */
  private record Around(
      Map<String, Category> categories,
      Map<Long, AroundRepository.Around> problems,
      Map<Long, String> actorNames) {}

  private Around around(Account viewer, List<Problem> page, List<ProblemEvent> events) {
    Map<Long, AroundRepository.Around> surroundings =
        surroundingsRepo.find(
            viewer.id(), viewer.role().isStaff(), page.stream().map(Problem::id).toList());
    Map<Long, String> actorNames = new HashMap<>();
    Set<Long> unknown = new HashSet<>();
    for (ProblemEvent e : events) {
      if (e.actorId() != null) {
        unknown.add(e.actorId());
      }
    }
    for (Problem p : page) {
      AroundRepository.Around a = surroundings.get(p.id());
      if (a != null) {
        actorNames.put(p.reporterId(), a.reporterName());
        if (p.assigneeId() != null && a.assigneeName() != null) {
          actorNames.put(p.assigneeId(), a.assigneeName());
        }
      }
    }
    unknown.removeAll(actorNames.keySet());
    accounts.byIds(unknown).forEach((id, account) -> actorNames.put(id, account.displayName()));
    Map<String, Category> categoryByCode = new HashMap<>();
    for (Problem p : page) {
      categoryByCode.computeIfAbsent(
          p.categoryCode(), code -> categories.findByCode(code).orElse(null));
    }
    return new Around(categoryByCode, surroundings, actorNames);
  }

  private ProblemView view(
      Account viewer,
      Problem p,
      Locale locale,
      @Nullable List<ProblemEvent> events,
      Around around) {
    boolean withTimeline = events != null;
    Category category = around.categories().get(p.categoryCode());
    if (category == null) {
      throw new IllegalStateException("Problem " + p.id() + " has no category");
    }
    AroundRepository.Around a = around.problems().get(p.id());
    if (a == null) {
      throw new IllegalStateException("Problem " + p.id() + " was not read with its grid");
    }
    Map<Long, String> names = around.actorNames();
    boolean mine = viewer.id() == p.reporterId();
    boolean staffView = viewer.role().isStaff();
    Map<Long, org.onegrid.grid.Address> units =
        a.unit() == null ? Map.of() : Map.of(a.unit().unitId(), a.unit());
    // Unread counts only for those in the thread (the reporter and staff).
    int unread = mine || staffView ? a.unread() : 0;
    // Everyone else (a neighbour reading a public problem) sees no names, a coarse place and
    // masked numbers, as Open311 readers do.
    boolean insider = mine || staffView;
    String reporterName = insider ? a.reporterName() : null;
    List<ProblemAction> allowed = new ArrayList<>();
    for (ProblemAction action : ProblemAction.values()) {
      if (action.allowedFrom(p.state())
          && (action.byStaff() ? staffView : mine)
          && (action.byStaff() || mine)) {
        allowed.add(action);
      }
    }
    List<ProblemView.Event> timeline =
        withTimeline
            ? events.stream()
                .map(
                    e ->
                        new ProblemView.Event(
                            e.action(),
                            e.from(),
                            e.to(),
                            e.actorId() == null || (!insider && e.actorId() == p.reporterId())
                                ? null
                                : names.get(e.actorId()),
                            insider ? e.reason() : Publication.mask(e.reason()),
                            e.at()))
                .collect(Collectors.toList())
            : null;
    return new ProblemView(
        p.id(),
        category.code(),
        category.name(locale),
        category.icon(),
        insider ? p.description() : Publication.mask(p.description()),
        p.state(),
        p.gridId(),
        a.gridName(),
        insider ? placeText(p, units) : publicPlaceText(p, units),
        insider ? lat(p, units) : Publication.coarse(lat(p, units)),
        insider ? lng(p, units) : Publication.coarse(lng(p, units)),
        reporterName,
        mine,
        p.assigneeId() == null ? null : a.assigneeName(),
        p.source(),
        p.departmentId() == null
            ? null
            : departments.findById(p.departmentId()).map(d -> d.name(locale)).orElse(null),
        p.acceptDueAt(),
        p.resolveDueAt(),
        p.overdue(clock.instant()),
        p.redoCount(),
        p.escalationLevel(),
        p.rating(),
        p.createdAt(),
        p.updatedAt(),
        a.photoIds().stream().map(PhotoService.PhotoRef::of).toList(),
        new ProblemView.Followers(a.followers(), a.following()),
        allowed,
        unread,
        withTimeline && insider ? answers(p, locale) : List.of(),
        timeline,
        p.isPublic() ? ProblemView.Visibility.PUBLIC : ProblemView.Visibility.PRIVATE,
        mine && mayBePublic(p, category));
  }

  /** The answers given to the category's questions, as the viewer reads them. */
  private List<ProblemView.Answer> answers(Problem p, Locale locale) {
    List<CategoryQuestion> questions =
        categories.findQuestions().getOrDefault(p.categoryCode(), List.of());
    if (questions.isEmpty()) {
      return List.of();
    }
    Map<String, String> given = problems.findAnswers(p.id());
    if (given.isEmpty()) {
      return List.of();
    }
    List<ProblemView.Answer> answers = new ArrayList<>();
    for (CategoryQuestion q : questions) {
      String value = given.get(q.code());
      if (value != null) {
        String shown =
            q.isList()
                ? java.util.Arrays.stream(value.split(","))
                    .map(k -> q.choice(k).map(c -> c.name(locale)).orElse(k))
                    .collect(Collectors.joining("、"))
                : value;
        answers.add(new ProblemView.Answer(q.text(locale), shown));
      }
    }
    return answers;
  }

  /** The spot reported, or else where its building stands (problems reported without a pin). */
  private static java.math.@Nullable BigDecimal lat(
      Problem p, Map<Long, org.onegrid.grid.Address> units) {
    if (p.lat() != null || p.unitId() == null || !units.containsKey(p.unitId())) {
      return p.lat();
    }
    Double lat = units.get(p.unitId()).buildingLat();
    return lat == null ? null : java.math.BigDecimal.valueOf(lat);
  }

  private static java.math.@Nullable BigDecimal lng(
      Problem p, Map<Long, org.onegrid.grid.Address> units) {
    if (p.lng() != null || p.unitId() == null || !units.containsKey(p.unitId())) {
      return p.lng();
    }
    Double lng = units.get(p.unitId()).buildingLng();
    return lng == null ? null : java.math.BigDecimal.valueOf(lng);
  }

  private String placeText(Problem p) {
    Map<Long, org.onegrid.grid.Address> unit =
        p.unitId() == null
            ? Map.of()
            : grids.unit(p.unitId()).map(u -> Map.of(p.unitId(), u)).orElse(Map.of());
    return placeText(p, unit);
  }

  /**
   * The place as people outside the problem's reach read it: the building, never the unit, and the
   * reporter's own words with numbers masked.
   */
  private static @Nullable String publicPlaceText(
      Problem p, Map<Long, org.onegrid.grid.Address> units) {
    List<String> parts = new ArrayList<>();
    org.onegrid.grid.Address u = p.unitId() == null ? null : units.get(p.unitId());
    if (u != null) {
      parts.add(u.buildingName());
    }
    if (p.locationText() != null) {
      parts.add(Publication.mask(p.locationText()));
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
  }

  private static String placeText(Problem p, Map<Long, org.onegrid.grid.Address> units) {
    List<String> parts = new ArrayList<>();
    if (p.unitId() != null) {
      org.onegrid.grid.Address u = units.get(p.unitId());
      if (u != null) {
        parts.add(u.buildingName());
        parts.add(u.unitName());
      }
    }
    if (p.locationText() != null) {
      parts.add(p.locationText());
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
  }

  private GridNode staffNode(Account staff) {
    accounts.requireStaff(staff);
    return grids.get(staff.nodeId());
  }

  private static String excerpt(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  private static String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** Where a problem can be handed. */
  @io.micronaut.serde.annotation.Serdeable
  public record TransferTargets(
      List<org.onegrid.grid.NodeRef> grids, List<DepartmentRef> departments) {

    /** A department by id and name. */
    @io.micronaut.serde.annotation.Serdeable
    public record DepartmentRef(long id, String name) {}
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
      @Nullable ProblemRepository.Cursor cursor) {}

  private record Place(long gridId, @Nullable Long buildingId, @Nullable Long unitId) {}
}
