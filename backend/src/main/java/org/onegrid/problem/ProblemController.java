package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.IdempotencyKeys;
import org.onegrid.platform.Messages;
import org.onegrid.platform.ProblemAnswers;

/** Reporting problems, following them, and handling them. */
@Controller("/api/v1")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "problems")
class ProblemController {

  private final ProblemService problems;
  private final ProblemWorkflow workflow;
  private final Transfers transfers;
  private final ProblemAccess access;
  private final PhotoService photos;
  private final ProblemThreadService threads;
  private final AccountService accounts;
  private final Messages messages;
  private final Answers answers;

  ProblemController(
      ProblemService problems,
      ProblemWorkflow workflow,
      Transfers transfers,
      ProblemAccess access,
      PhotoService photos,
      ProblemThreadService threads,
      AccountService accounts,
      Messages messages,
      Answers answers) {
    this.problems = problems;
    this.workflow = workflow;
    this.transfers = transfers;
    this.access = access;
    this.photos = photos;
    this.threads = threads;
    this.accounts = accounts;
    this.messages = messages;
    this.answers = answers;
  }

  @Get("/problem-categories")
  @Operation(summary = "What can be reported, with icons and time limits, in the caller's language")
  List<CategoryView> categories(HttpRequest<?> request) {
    Locale locale = messages.localeOf(request);
    return problems.categories().stream()
        .map(
            c ->
                new CategoryView(
                    c.code(),
                    c.name(locale),
                    c.icon(),
                    c.acceptHours(),
                    c.resolveHours(),
                    c.alwaysPrivate(),
                    answers.of(c.code()).stream()
                        .map(
                            q ->
                                new QuestionView(
                                    q.code(),
                                    q.text(locale),
                                    q.datatype(),
                                    q.required(),
                                    q.choices().stream()
                                        .map(ch -> new ChoiceView(ch.key(), ch.name(locale)))
                                        .toList()))
                        .toList()))
        .toList();
  }

  @Post("/problems")
  @Operation(
      summary =
          "Report a problem. Send an Idempotency-Key header: a retry with the same key returns the first report")
  HttpResponse<ProblemView> report(
      HttpRequest<?> request,
      Authentication auth,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Body @Valid ReportRequest body) {
    String key = IdempotencyKeys.of(idempotencyKey);
    Locale locale = messages.localeOf(request);
    // The form sends the answers it asked for; a client that sends none (an older app) is not
    // refused for questions it never showed.
    Map<String, String> given =
        body.answers() == null
            ? Map.of()
            : answers.check(
                body.categoryCode(),
                body.answers(),
                r ->
                    ApiException.invalidField(
                        "answers", "validation.answer-" + r.reason(), r.text(locale)));
    ProblemView view =
        problems.report(
            me(auth),
            new ProblemService.NewReport(
                body.categoryCode(),
                body.description(),
                body.unitId(),
                body.locationText(),
                body.lat(),
                body.lng(),
                Boolean.TRUE.equals(body.hideReporter()),
                body.photoIds() == null ? List.of() : body.photoIds(),
                null,
                null,
                body.visibility() == ProblemView.Visibility.PUBLIC),
            key,
            locale,
            ProblemSource.APP,
            id -> problems.saveAnswers(id, given));
    return HttpResponse.status(HttpStatus.CREATED).body(view);
  }

  @Post(uri = "/photos", consumes = MediaType.ALL)
  @Operation(
      summary =
          "Upload one photo (the raw JPEG, PNG or WebP bytes as the body); attach it to a report by id."
              + " It is checked by content and re-encoded without metadata")
  HttpResponse<PhotoService.PhotoRef> upload(Authentication auth, @Body byte[] body) {
    return HttpResponse.status(HttpStatus.CREATED).body(photos.upload(me(auth), body));
  }

  @Get("/photos/{id}{?size}")
  @Operation(summary = "A photo (size=thumb for the thumbnail), for those who may see its problem")
  HttpResponse<byte[]> photo(
      Authentication auth, @PathVariable long id, @Nullable @QueryValue String size) {
    return HttpResponse.ok(access.photo(me(auth), id, "thumb".equals(size)))
        .contentType(MediaType.of(MediaType.IMAGE_JPEG))
        .header("Cache-Control", "private, max-age=86400");
  }

  @Get("/me/problems{?before}")
  @Operation(summary = "Problems I reported, newest first (pass the last id as before for more)")
  List<ProblemView> mine(
      HttpRequest<?> request, Authentication auth, @Nullable @QueryValue Long before) {
    return problems.mine(me(auth), before, messages.localeOf(request));
  }

  @Get("/problems/{id}")
  @Operation(summary = "One problem with its timeline")
  ProblemView get(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
    return problems.get(me(auth), id, messages.localeOf(request));
  }

  @Post("/problems/{id}/actions")
  @Operation(
      summary =
          "Accept, start, resolve or return (staff); reopen when not satisfied, or confirm with a 1-5 rating"
              + " (the reporter)")
  ProblemView act(
      HttpRequest<?> request,
      Authentication auth,
      @PathVariable long id,
      @Body @Valid ActionRequest body) {
    return workflow.act(
        me(auth), id, body.action(), body.reason(), body.rating(), messages.localeOf(request));
  }

  @Get("/problems/similar")
  @Operation(
      summary =
          "Open problems like the one being written (same category; same building, else grid; last 30 days)")
  List<ProblemView> similar(
      HttpRequest<?> request,
      Authentication auth,
      @QueryValue @NotBlank String category,
      @Nullable @QueryValue Long unitId) {
    return problems.similar(me(auth), category, unitId, messages.localeOf(request));
  }

  @Put("/problems/{id}/visibility")
  @Operation(
      summary =
          "Make a problem public (its reporter only) or private (the reporter, or staff who reach it"
              + " with a reason); an event on its timeline")
  ProblemView visibility(
      HttpRequest<?> request,
      Authentication auth,
      @PathVariable long id,
      @Body @Valid VisibilityRequest body) {
    return workflow.setVisibility(
        me(auth),
        id,
        body.visibility() == ProblemView.Visibility.PUBLIC,
        body.reason(),
        messages.localeOf(request));
  }

  @Post("/problems/{id}/follow")
  @Operation(summary = "Me too: follow a problem of my grid and get its updates")
  ProblemView follow(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
    return workflow.follow(me(auth), id, messages.localeOf(request));
  }

  @Get("/problems/{id}/transfer-targets")
  @Operation(
      summary =
          "Staff: the grids of the problem's community and the departments it can be handed to")
  Transfers.TransferTargets transferTargets(
      HttpRequest<?> request, Authentication auth, @PathVariable long id) {
    return transfers.transferTargets(me(auth), id, messages.localeOf(request));
  }

  @Post("/problems/{id}/transfer")
  @Operation(
      summary =
          "Staff: hand an open problem to another grid (gridId) or a department (departmentId), with a"
              + " reason")
  ProblemView transfer(
      HttpRequest<?> request,
      Authentication auth,
      @PathVariable long id,
      @Body @Valid TransferRequest body) {
    return transfers.transfer(
        me(auth),
        id,
        body.gridId(),
        body.departmentId(),
        body.reason(),
        messages.localeOf(request));
  }

  @Post("/problems/{id}/merge")
  @Operation(summary = "Staff: close a duplicate into another problem; its people follow the other")
  ProblemView merge(
      HttpRequest<?> request,
      Authentication auth,
      @PathVariable long id,
      @Body @Valid MergeRequest body) {
    return transfers.merge(me(auth), id, body.intoId(), messages.localeOf(request));
  }

  @Get("/problems/{id}/messages")
  @Operation(summary = "A problem's thread (internal notes only for staff)")
  List<ProblemMessageView> thread(Authentication auth, @PathVariable long id) {
    return threads.thread(me(auth), id);
  }

  @Post("/problems/{id}/messages")
  @Operation(
      summary =
          "Write in a problem's thread (words, an uploaded photo's id, or both); staff may write internal"
              + " notes. A retry with the same clientKey stores one message")
  HttpResponse<ProblemMessageView> post(
      Authentication auth, @PathVariable long id, @Body @Valid ThreadMessage body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(
            threads.post(
                me(auth),
                id,
                body.body(),
                body.photoId(),
                body.clientKey(),
                Boolean.TRUE.equals(body.internal())));
  }

  @Get("/staff/problems{?state,category,source,overdue,q,sort,before,after,afterDue}")
  @Operation(
      summary =
          "Problems of my subtree by state, category, source, overdue or text (q); newest first, or"
              + " sort=deadline"
              + " (soonest due first). Next page: before=<last id> (newest), after=<last id>&afterDue=<its"
              + " deadline> (deadline)")
  List<ProblemView> inbox(
      HttpRequest<?> request,
      Authentication auth,
      @Nullable @QueryValue ProblemState state,
      @Nullable @QueryValue String category,
      @Nullable @QueryValue ProblemSource source,
      @Nullable @QueryValue Boolean overdue,
      @Nullable @QueryValue @Size(max = 50) String q,
      @Nullable @QueryValue String sort,
      @Nullable @QueryValue Long before,
      @Nullable @QueryValue Long after,
      @Nullable @QueryValue Instant afterDue) {
    boolean byDeadline = "deadline".equals(sort);
    ProblemQueries.Cursor cursor =
        byDeadline
            ? (after == null || afterDue == null
                ? null
                : new ProblemQueries.Cursor(after, afterDue))
            : (before == null ? null : new ProblemQueries.Cursor(before, null));
    return problems.inbox(
        me(auth),
        new ProblemService.InboxFilter(
            state, category, source, Boolean.TRUE.equals(overdue), q, byDeadline, cursor),
        messages.localeOf(request));
  }

  @Get("/staff/problems/counts")
  @Operation(summary = "How many problems of my subtree are in each state")
  Map<String, Integer> counts(Authentication auth) {
    return problems.counts(me(auth));
  }

  private Account me(Authentication auth) {
    return accounts.signedIn(auth);
  }

  @Serdeable
  record CategoryView(
      String code,
      String name,
      String icon,
      int acceptHours,
      int resolveHours,
      boolean alwaysPrivate,
      List<QuestionView> questions) {}

  /** An extra question of a category, in the caller's language. */
  @Serdeable
  record QuestionView(
      String code, String text, String datatype, boolean required, List<ChoiceView> choices) {}

  @Serdeable
  record ChoiceView(String key, String name) {}

  @Serdeable
  record ReportRequest(
      @NotBlank @Size(max = 32) String categoryCode,
      @NotBlank @Size(max = 2000) String description,
      @Nullable Long unitId,
      @Nullable @Size(max = 200) String locationText,
      @Nullable @DecimalMin("-90") @DecimalMax("90") Double lat,
      @Nullable @DecimalMin("-180") @DecimalMax("180") Double lng,
      @Nullable Boolean hideReporter,
      @Nullable @Size(max = 6) List<@NotNull Long> photoIds,
      @Nullable ProblemView.Visibility visibility,
      @Nullable @Size(max = 10)
          Map<String, @NotNull @Size(max = 20) List<@Size(max = 500) String>> answers) {}

  @Serdeable
  record VisibilityRequest(
      @NotNull ProblemView.Visibility visibility, @Nullable @Size(max = 400) String reason) {}

  @Serdeable
  record TransferRequest(
      @Nullable Long gridId,
      @Nullable Long departmentId,
      @NotBlank @Size(max = 400) String reason) {}

  @Serdeable
  record MergeRequest(@NotNull Long intoId) {}

  @Serdeable
  record ThreadMessage(
      @Nullable @Size(max = 2000) String body,
      @Nullable Long photoId,
      @NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9_-]+$") String clientKey,
      @Nullable Boolean internal) {}

  @Serdeable
  record ActionRequest(
      @NotNull ProblemAction action,
      @Nullable @Size(max = 500) String reason,
      @Nullable @Min(1) @Max(5) Integer rating) {}
}
