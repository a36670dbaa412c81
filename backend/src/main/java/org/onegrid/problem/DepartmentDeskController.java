package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onegrid.account.AccountService;
import org.onegrid.platform.Messages;
import org.onegrid.platform.ProblemAnswers;

/**
 * A department's answer to a problem handed to it, through the signed link in its text (no
 * account); and staff withdrawing such a link.
 */
@Controller("/api/v1")
@ProblemAnswers
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "departments")
class DepartmentDeskController {

  private final DepartmentDesk desk;
  private final AccountService accounts;
  private final Messages messages;

  DepartmentDeskController(DepartmentDesk desk, AccountService accounts, Messages messages) {
    this.desk = desk;
    this.accounts = accounts;
    this.messages = messages;
  }

  @Get("/department-links/{token}")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Operation(
      summary =
          "The problem a department was texted a link to: what, where, the deadline, the"
              + " timeline (the link is the key; 410 once the problem has left the department)")
  DepartmentDesk.Task task(HttpRequest<?> request, @PathVariable @Size(max = 64) String token) {
    return desk.task(token, messages.localeOf(request));
  }

  @Post("/department-links/{token}/steps")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Operation(
      summary =
          "The department accepts the problem, writes progress, records the fix (the reporter is"
              + " told) or sends it back to the grid with a reason")
  DepartmentDesk.Task step(
      HttpRequest<?> request,
      @PathVariable @Size(max = 64) String token,
      @Body @Valid StepBody body) {
    return desk.act(
        token,
        body.step(),
        body.text(),
        body.photoIds() == null ? List.of() : body.photoIds(),
        messages.localeOf(request));
  }

  @Post(uri = "/department-links/{token}/photos", consumes = MediaType.ALL)
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Operation(
      summary =
          "The department sends a photo (JPEG, PNG or WebP) to go with its progress or fix; its"
              + " reference goes in photoIds of the step")
  HttpResponse<PhotoService.PhotoRef> photo(
      @PathVariable @Size(max = 64) String token, @Body byte[] body) {
    return HttpResponse.status(HttpStatus.CREATED).body(desk.photo(token, body));
  }

  @Post("/problems/{id}/department-link/revoke")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  @Operation(summary = "Staff in reach withdraw the link the problem's department was texted")
  HttpResponse<Void> revoke(Authentication auth, @PathVariable long id) {
    desk.revoke(accounts.signedIn(auth), id);
    return HttpResponse.noContent();
  }

  /** One step of the department's, with its words (needed for all but accepting). */
  @Serdeable
  record StepBody(
      @NotNull DepartmentDesk.Step step,
      @Nullable @Size(max = 1000) String text,
      @Nullable @Size(max = 6) List<Long> photoIds) {}
}
