package org.onegrid.problem;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.grid.GridService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Digests;
import org.onegrid.platform.Messages;
import org.onegrid.platform.RateLimiter;
import org.onegrid.platform.Strings;
import org.onegrid.platform.Tx;

/**
 * A department's duty officer answering a problem handed to them, through the signed link in the
 * text and without an account: they accept it, write progress, record the fix (the reporter is
 * told, as when staff fix it) or send it back to the grid with a reason (its staff are told). Each
 * is an event on the timeline; the problem keeps its deadlines and escalation meanwhile. A link
 * names one problem, is kept only as its SHA-256, works while the problem is with that department,
 * for at most 30 days, until staff revoke it, and at most 60 times an hour.
 */
@Singleton
public class DepartmentDesk {

  static final Duration LINK_LIFE = Duration.ofDays(30);
  static final int USES_PER_HOUR = 60;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the officer may do. */
  public enum Step {
    ACCEPT,
    PROGRESS,
    RESOLVE,
    SEND_BACK
  }

  private final DepartmentLinkRepository links;
  private final ProblemRepository problems;
  private final ProblemLog log;
  private final PhotoService photos;
  private final DepartmentRepository departments;
  private final CategoryRepository categories;
  private final ProblemViews views;
  private final ProblemAccess access;
  private final GridService grids;
  private final AccountService accounts;
  private final Notifications inApp;
  private final Messages texts;
  private final RateLimiter limiter;
  private final Tx tx;
  private final Clock clock;
  private final String publicUrl;

  DepartmentDesk(
      DepartmentLinkRepository links,
      ProblemRepository problems,
      ProblemLog log,
      PhotoService photos,
      DepartmentRepository departments,
      CategoryRepository categories,
      ProblemViews views,
      ProblemAccess access,
      GridService grids,
      AccountService accounts,
      Notifications inApp,
      Messages texts,
      RateLimiter limiter,
      Tx tx,
      Clock clock,
      @Nullable @Value("${onegrid.public-url:}") String publicUrl) {
    this.links = links;
    this.problems = problems;
    this.log = log;
    this.photos = photos;
    this.departments = departments;
    this.categories = categories;
    this.views = views;
    this.access = access;
    this.grids = grids;
    this.accounts = accounts;
    this.inApp = inApp;
    this.texts = texts;
    this.limiter = limiter;
    this.tx = tx;
    this.clock = clock;
    this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
  }

  /**
   * A new link for a problem just handed to a department (call in that transaction): the links it
   * had before end. The address to text; absolute when onegrid.public-url is set.
   */
  String issue(long problemId, long departmentId, Instant now) {
    links.revokeAll(problemId, now);
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    links.insert(problemId, departmentId, hash(token), now, now.plus(LINK_LIFE));
    return publicUrl + "/d/" + token;
  }

  /** Staff who reach the problem end its department's link (a text sent to the wrong phone). */
  public void revoke(Account staff, long problemId) {
    Problem problem = problems.findById(problemId).orElseThrow(ApiException::notFound);
    access.requireStaffReach(staff, problem);
    links.revokeAll(problemId, clock.instant());
  }

  /** The problem as the department reads it through the link. */
  public Task task(String token, Locale locale) {
    Live live = live(token);
    return task(live.problem(), live.department(), locale);
  }

  /** A photo the officer sends, to go with their next step (progress or the fix). */
  public PhotoService.PhotoRef photo(String token, byte[] bytes) {
    return photos.uploadForDepartment(live(token).linkId(), bytes);
  }

  /**
   * One step of the officer's, with the photos they sent for it (none to accept); the problem as it
   * is after it.
   */
  public Task act(
      String token, Step step, @Nullable String text, List<Long> photoIds, Locale locale) {
    String words = Strings.blankToNull(text);
    if (words == null && step != Step.ACCEPT) {
      throw ApiException.invalidField(
          "text", step == Step.RESOLVE ? "validation.result" : "validation.reason");
    }
    if (words != null && words.length() > 1000) {
      throw ApiException.invalidField("text", "validation.Size", 1, 1000);
    }
    Live live = live(token);
    Department department = live.department();
    Problem after =
        tx.run(
            () -> {
              Problem problem = problems.lockById(live.problem().id()).orElseThrow();
              requireWithDepartment(problem, department.id());
              if (step != Step.ACCEPT) {
                photos.attachFromDepartment(photoIds, live.linkId(), problem.id());
              }
              Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
              String who = department.nameZh();
              switch (step) {
                case ACCEPT, PROGRESS ->
                    log.record(
                        problem.id(),
                        null,
                        step == Step.ACCEPT ? "DEPARTMENT_ACCEPT" : "DEPARTMENT_PROGRESS",
                        problem.state(),
                        problem.state(),
                        words == null ? who : who + "：" + words,
                        now);
                case RESOLVE -> {
                  problems.updateState(problem.id(), ProblemState.RESOLVED, now, false);
                  log.record(
                      problem.id(),
                      null,
                      ProblemAction.RESOLVE.name(),
                      problem.state(),
                      ProblemState.RESOLVED,
                      who + "：" + words,
                      now);
                  tellReporter(problem, words);
                }
                case SEND_BACK -> {
                  problems.updateState(problem.id(), ProblemState.IN_PROGRESS, now, false);
                  log.record(
                      problem.id(),
                      null,
                      ProblemAction.TAKE_BACK.name(),
                      problem.state(),
                      ProblemState.IN_PROGRESS,
                      who + "：" + words,
                      now);
                  tellGrid(problem, department, words);
                }
              }
              return problems.findById(problem.id()).orElseThrow();
            });
    return task(after, department, locale);
  }

  private record Live(long linkId, Problem problem, Department department) {}

  /** The link's problem while the link works: 404 unknown, 410 ended, 429 used too often. */
  private Live live(String token) {
    if (token.length() > 64) {
      throw ApiException.notFound();
    }
    DepartmentLinkRepository.Link link =
        links.findByHash(hash(token)).orElseThrow(ApiException::notFound);
    limiter.hit(
        "department-link:" + link.id(), USES_PER_HOUR, Duration.ofHours(1), "too-many-requests");
    Problem problem = problems.findById(link.problemId()).orElseThrow(ApiException::notFound);
    if (link.revokedAt() != null || !clock.instant().isBefore(link.expiresAt())) {
      throw new ApiException(HttpStatus.GONE, "department-link-ended");
    }
    requireWithDepartment(problem, link.departmentId());
    return new Live(link.id(), problem, departments.findById(link.departmentId()).orElseThrow());
  }

  private static void requireWithDepartment(Problem problem, long departmentId) {
    if (problem.state() != ProblemState.TRANSFERRED
        || problem.departmentId() == null
        || problem.departmentId() != departmentId) {
      throw new ApiException(HttpStatus.GONE, "department-link-ended");
    }
  }

  private void tellReporter(Problem problem, String result) {
    accounts
        .byIds(List.of(problem.reporterId()))
        .values()
        .forEach(
            reporter ->
                inApp.tell(
                    reporter,
                    "problem-resolve",
                    "/problems/" + problem.id(),
                    locale ->
                        texts.get(
                            locale,
                            "sms.problem-resolved",
                            String.valueOf(problem.id()),
                            "en".equals(locale.getLanguage())
                                ? " (" + result + ")"
                                : "（" + result + "）")));
  }

  private void tellGrid(Problem problem, Department department, String why) {
    if (problem.assigneeId() == null) {
      return;
    }
    accounts
        .byIds(List.of(problem.assigneeId()))
        .values()
        .forEach(
            staff ->
                inApp.tell(
                    staff,
                    "problem-department-back",
                    "/problems/" + problem.id(),
                    locale ->
                        texts.get(
                            locale,
                            "sms.problem-department-back",
                            String.valueOf(problem.id()),
                            department.name(locale),
                            why)));
  }

  private Task task(Problem p, Department department, Locale locale) {
    Category category = categories.findByCode(p.categoryCode()).orElseThrow();
    List<Task.Event> timeline =
        problems.findEvents(p.id()).stream()
            .map(e -> new Task.Event(e.action(), e.to(), Publication.mask(e.reason()), e.at()))
            .toList();
    return new Task(
        p.id(),
        category.name(locale),
        Publication.mask(p.description()),
        views.placeText(p),
        grids.get(p.gridId()).name(),
        department.name(locale),
        p.state(),
        p.resolveDueAt(),
        p.state() == ProblemState.TRANSFERRED,
        timeline);
  }

  private static String hash(String token) {
    return Digests.sha256Hex(token);
  }

  /**
   * A problem as its department reads it: what and where (the building and unit, as staff read
   * them), the grid that handed it on, the fix deadline and the timeline (phone and ID numbers
   * masked, no names: whom to call is in their text); whether it is still theirs to answer.
   */
  @Serdeable
  public record Task(
      long id,
      String category,
      String description,
      @Nullable String place,
      String gridName,
      String department,
      ProblemState state,
      Instant resolveDueAt,
      boolean open,
      List<Event> timeline) {

    /** One event of the timeline. */
    @Serdeable
    public record Event(String action, ProblemState to, @Nullable String note, Instant at) {}
  }
}
