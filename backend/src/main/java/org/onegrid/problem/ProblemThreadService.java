package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Names;
import org.onegrid.db.tables.records.ProblemMessagesRecord;
import org.onegrid.grid.GridService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Tx;

/**
 * The thread of one problem: its reporter and the staff who reach its grid write there; internal
 * notes stay among staff. A staff reply texts the reporter, at most once per problem in ten
 * minutes.
 */
@Singleton
public class ProblemThreadService {

  static final Duration REPLY_SMS_GAP = Duration.ofMinutes(10);

  private final ProblemRepository problems;
  private final ProblemMessageRepository messages;
  private final PhotoService photos;
  private final AccountService accounts;
  private final GridService grids;
  private final Notifications inApp;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;

  ProblemThreadService(
      ProblemRepository problems,
      ProblemMessageRepository messages,
      PhotoService photos,
      AccountService accounts,
      GridService grids,
      Notifications inApp,
      Messages texts,
      Tx tx,
      Clock clock) {
    this.problems = problems;
    this.messages = messages;
    this.photos = photos;
    this.accounts = accounts;
    this.grids = grids;
    this.inApp = inApp;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
  }

  /** Reads the thread, which marks it read for the viewer. */
  public List<ProblemMessageView> thread(Account viewer, long problemId) {
    Problem problem = participantOf(viewer, problemId);
    List<ProblemMessagesRecord> rows =
        messages.findByProblem(problem.id(), viewer.role().isStaff());
    if (!rows.isEmpty()) {
      messages.markRead(problem.id(), viewer.id(), rows.get(rows.size() - 1).getId());
    }
    return views(rows);
  }

  /** Writes in the thread: words, a photo the author uploaded, or both. */
  public ProblemMessageView post(
      Account author,
      long problemId,
      @Nullable String text,
      @Nullable Long photoId,
      String clientKey,
      boolean internal) {
    Problem problem = participantOf(author, problemId);
    boolean staff = author.role().isStaff();
    if (internal && !staff) {
      throw ApiException.forbidden();
    }
    String body = text == null ? "" : text.trim();
    if (body.isEmpty() && photoId == null) {
      throw ApiException.invalidField("body", "validation.NotBlank");
    }
    return tx.run(
        () -> {
          // A retry of a message already stored returns it; the same key on another problem is a
          // mistake of the client's, said plainly rather than dropping the new message.
          Optional<ProblemMessagesRecord> earlier =
              messages.findByAuthorKey(author.id(), clientKey);
          if (earlier.isPresent()) {
            requireSameProblem(earlier.get(), problem);
            return views(List.of(earlier.get())).get(0);
          }
          if (photoId != null) {
            photos.attachToThread(photoId, author, problem.id(), internal);
          }
          Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          ProblemMessageRepository.Stored stored =
              messages.insertOnce(
                  problem.id(), author.id(), staff, internal, body, photoId, clientKey, now);
          requireSameProblem(stored.row(), problem);
          if (stored.created() && staff && !internal) {
            boolean quiet =
                messages
                    .findPreviousPublicStaffMessage(problem.id(), stored.row().getId())
                    .map(previous -> previous.isBefore(now.minus(REPLY_SMS_GAP)))
                    .orElse(true);
            if (quiet) {
              Account reporter =
                  accounts.byIds(List.of(problem.reporterId())).get(problem.reporterId());
              inApp.tell(
                  reporter,
                  "problem-reply",
                  "/problems/" + problem.id(),
                  locale ->
                      texts.get(
                          locale,
                          "sms.problem-reply",
                          String.valueOf(problem.id()),
                          author.displayName(),
                          excerpt(body, locale)));
            }
          }
          return views(List.of(stored.row())).get(0);
        });
  }

  private static void requireSameProblem(ProblemMessagesRecord message, Problem problem) {
    if (message.getProblemId() != problem.id()) {
      throw new ApiException(HttpStatus.CONFLICT, "client-key-reused");
    }
  }

  /** The reporter, or staff whose subtree holds the problem's grid; 404 for anyone else. */
  private Problem participantOf(Account account, long problemId) {
    Problem problem = problems.findById(problemId).orElseThrow(ApiException::notFound);
    if (account.id() == problem.reporterId()) {
      return problem;
    }
    if (account.role().isStaff()) {
      accounts.requireReach(account, grids.get(problem.gridId()));
      return problem;
    }
    throw ApiException.notFound();
  }

  private List<ProblemMessageView> views(List<ProblemMessagesRecord> rows) {
    Names authors = accounts.names(rows.stream().map(ProblemMessagesRecord::getAuthorId).toList());
    return rows.stream()
        .map(
            r ->
                new ProblemMessageView(
                    r.getId(),
                    r.getFromStaff(),
                    authors.of(r.getAuthorId()),
                    r.getBody(),
                    r.getCreatedAt(),
                    null,
                    r.getInternal(),
                    r.getPhotoId() == null ? null : PhotoService.PhotoRef.of(r.getPhotoId())))
        .toList();
  }

  /** The reply as a text quotes it: its first 50 characters, or "a photo". */
  private String excerpt(String body, Locale locale) {
    return (body.isEmpty()
            ? texts.get(locale, "chat.photo")
            : body.length() > 50 ? body.substring(0, 50) + "…" : body)
        .trim();
  }
}
