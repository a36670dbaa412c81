package org.onegrid.open311;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.problem.ProblemAction;
import org.onegrid.problem.ProblemService;
import org.onegrid.problem.ProblemState;
import org.onegrid.problem.ProblemThreadService;
import org.onegrid.problem.ProblemWorkflow;
import org.onegrid.problem.PublicTimeline;

/**
 * The service request updates of mySociety's Open311 extension, as FixMyStreet and open311-adapter
 * use them. GET lists what happened to requests in a window (changes of status and the handlers'
 * replies to the reporter; never internal notes or names) of public problems and, with a key, of
 * that app's own. POST, from an app's key, adds its user's comment to the thread of a request that
 * app filed, reopening it when its status says so and it was fixed within the reopening window; the
 * same update id from the same app is taken once.
 */
@Singleton
public class Open311Updates {

  /** Without start_date and end_date, the last day. */
  static final Duration DEFAULT_WINDOW = Duration.ofDays(1);

  /** The extension's upper-case statuses a POST may carry. */
  static final Set<String> POSTED_STATUSES =
      Set.of(
          "OPEN",
          "CLOSED",
          "FIXED",
          "IN_PROGRESS",
          "ACTION_SCHEDULED",
          "INVESTIGATING",
          "DUPLICATE",
          "NOT_COUNCILS_RESPONSIBILITY",
          "NO_FURTHER_ACTION",
          "INTERNAL_REFERRAL",
          "REOPEN",
          "FOR_TRIAGE");

  private final PublicTimeline timeline;
  private final ProblemService problems;
  private final ProblemThreadService threads;
  private final ProblemWorkflow workflow;
  private final Open311Keys keys;
  private final AccountService accounts;
  private final ZoneId zone;

  Open311Updates(
      PublicTimeline timeline,
      ProblemService problems,
      ProblemThreadService threads,
      ProblemWorkflow workflow,
      Open311Keys keys,
      AccountService accounts,
      OneGridConfig config) {
    this.timeline = timeline;
    this.problems = problems;
    this.threads = threads;
    this.workflow = workflow;
    this.keys = keys;
    this.accounts = accounts;
    this.zone = config.getTimeZone();
  }

  /**
   * GET servicerequestupdates: oldest first, at most 1,000 (ask again from the last one's time).
   */
  List<Open311Documents.RequestUpdate> list(
      Map<String, List<String>> query, Locale locale, Instant now) {
    Open311Params.Window window =
        Open311Params.window(query, now, DEFAULT_WINDOW, Open311Service.MAX_SPAN);
    return timeline
        .between(
            window.start(),
            window.end(),
            keys.appAccountOf(query),
            Open311Service.MAX_REQUESTS,
            locale)
        .stream()
        .map(
            u ->
                new Open311Documents.RequestUpdate(
                    u.id(),
                    String.valueOf(u.problemId()),
                    status(u.state(), u.duplicate()),
                    Open311Params.w3(u.at(), zone),
                    u.text(),
                    ""))
        .toList();
  }

  /** POST servicerequestupdates from an app's key. */
  List<Open311Documents.UpdateReceipt> post(Map<String, List<String>> form, Locale locale) {
    Open311Client client = keys.posting(Open311Params.one(form, "api_key"));
    String requestId = Open311Params.one(form, "service_request_id");
    if (requestId == null) {
      throw new Open311Exception(400, "service_request_id was not provided");
    }
    long id = Open311Params.parseId(requestId);
    String updateId = Open311Params.one(form, "update_id_ext");
    if (updateId == null) {
      updateId = Open311Params.one(form, "update_id");
    }
    if (updateId == null) {
      throw new Open311Exception(400, "update_id_ext (or update_id) was not provided");
    }
    if (updateId.length() > 56) {
      throw new Open311Exception(400, "update_id_ext is limited to 56 characters");
    }
    String status = Open311Params.one(form, "status");
    if (status == null || !POSTED_STATUSES.contains(status.toUpperCase(Locale.ROOT))) {
      throw new Open311Exception(
          400,
          "status must be one of " + String.join(", ", POSTED_STATUSES.stream().sorted().toList()));
    }
    Open311Params.date(form, "updated_datetime");
    String description = Open311Params.one(form, "description");
    String mediaUrl = Open311Params.one(form, "media_url");
    if (description == null && mediaUrl == null) {
      throw new Open311Exception(400, "description was not provided");
    }
    if (description != null && description.length() > 2000) {
      throw new Open311Exception(400, "description is limited to 2000 characters here");
    }
    if (mediaUrl != null && (!mediaUrl.matches("(?i)https?://\\S+") || mediaUrl.length() > 500)) {
      throw new Open311Exception(400, "media_url must be an http(s) URL of at most 500 characters");
    }
    if (!keys.filedBy(form).test(id)) {
      throw new Open311Exception(
          404, "service_request_id " + id + " was not found among this api_key's requests");
    }
    Account app = accounts.get(client.accountId());
    String body = body(form, description, mediaUrl);
    long messageId;
    try {
      messageId = threads.post(app, id, body, null, "open311u:" + updateId, false).id();
    } catch (ApiException e) {
      if ("client-key-reused".equals(e.code())) {
        throw new Open311Exception(
            409, "update_id_ext " + updateId + " was already sent for another request");
      }
      throw e;
    }
    String upper = status.toUpperCase(Locale.ROOT);
    if (("REOPEN".equals(upper) || "OPEN".equals(upper))
        && problems.get(app, id, locale).state() == ProblemState.RESOLVED) {
      try {
        workflow.act(app, id, ProblemAction.REOPEN, body, null, locale);
      } catch (ApiException tooLate) {
        // Past the reopening window: the comment stands, and staff read it in the thread.
      }
    }
    return List.of(
        new Open311Documents.UpdateReceipt("m" + messageId, Open311Params.one(form, "account_id")));
  }

  /** The comment as staff read it in the thread: the words, the photo's address, who wrote it. */
  private static String body(
      Map<String, List<String>> form, @Nullable String description, @Nullable String mediaUrl) {
    StringBuilder body = new StringBuilder(description == null ? "" : description);
    if (mediaUrl != null) {
      body.append(body.isEmpty() ? "" : "\n").append(mediaUrl);
    }
    String name =
        String.join(
                " ",
                Stream.of(
                        Open311Params.one(form, "first_name"), Open311Params.one(form, "last_name"))
                    .filter(Objects::nonNull)
                    .toList())
            .trim();
    if (!name.isEmpty()) {
      body.append("（").append(Open311Params.cut(name, 60)).append("）");
    }
    return body.toString();
  }

  /** A OneGrid state in the extension's lower-case statuses. */
  static String status(ProblemState state, boolean duplicate) {
    if (duplicate) {
      return "duplicate";
    }
    return switch (state) {
      case SUBMITTED -> "open";
      case ACCEPTED -> "investigating";
      case IN_PROGRESS -> "in_progress";
      case RESOLVED -> "fixed";
      case CLOSED -> "closed";
      case RETURNED -> "no_further_action";
      case REOPENED -> "reopen";
      case TRANSFERRED -> "internal_referral";
    };
  }
}
