package org.onegrid.notice;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.IdempotencyKeys;
import org.onegrid.platform.ProblemAnswers;

/** Notices to grids and subtrees: posted by staff, read by residents on their home page. */
@Controller("/api/v1")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "notices")
class NoticeController {

  private final NoticeService notices;
  private final AccountService accounts;

  NoticeController(NoticeService notices, AccountService accounts) {
    this.notices = notices;
    this.accounts = accounts;
  }

  @Get("/notices")
  @Operation(summary = "Notices to my grid and the nodes above it, last 30 days, newest first")
  List<NoticeService.NoticeView> mine(Authentication auth) {
    return notices.forResident(me(auth));
  }

  @Post("/staff/notices")
  @Operation(
      summary =
          "Post a notice to a node of my reach, optionally texted to every resident under it (at"
              + " most once an hour per node). Send an Idempotency-Key")
  HttpResponse<NoticeService.NoticeView> post(
      Authentication auth,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Body @Valid NewNotice body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(
            notices.post(
                me(auth),
                body.nodeId(),
                body.kind(),
                body.title(),
                body.body(),
                body.bySms() != null && body.bySms(),
                IdempotencyKeys.of(idempotencyKey)));
  }

  @Get("/staff/notices{?before}")
  @Operation(summary = "Notices to a node of my reach or under it, newest first, 30 a page")
  List<NoticeService.NoticeView> posted(
      Authentication auth, @QueryValue long nodeId, @Nullable @QueryValue Long before) {
    return notices.forStaff(me(auth), nodeId, before);
  }

  private Account me(Authentication auth) {
    return accounts.signedIn(auth);
  }

  @Serdeable
  record NewNotice(
      @NotNull Long nodeId,
      @NotBlank String kind,
      @NotBlank @Size(max = 100) String title,
      @NotBlank @Size(max = 2000) String body,
      @Nullable Boolean bySms) {}
}
