package org.onegrid.reply;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.Messages;
import org.onegrid.platform.ProblemAnswers;

/** Staff's ready replies. */
@Controller("/api/v1/staff/reply-templates")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "staff")
class ReplyTemplateController {

  private final ReplyTemplateService templates;
  private final AccountService accounts;
  private final Messages messages;

  ReplyTemplateController(
      ReplyTemplateService templates, AccountService accounts, Messages messages) {
    this.templates = templates;
    this.accounts = accounts;
    this.messages = messages;
  }

  @Get
  @Operation(summary = "The built-in replies in my language, then those I saved")
  List<ReplyTemplate> list(HttpRequest<?> request, Authentication auth) {
    return templates.list(me(auth), messages.localeOf(request));
  }

  @Post
  @Operation(summary = "Save a reply (the same text twice is kept once)")
  HttpResponse<ReplyTemplate> add(Authentication auth, @Body @Valid NewTemplate body) {
    return HttpResponse.status(HttpStatus.CREATED).body(templates.add(me(auth), body.body()));
  }

  @Delete("/{id}")
  @Operation(summary = "Delete a reply I saved")
  HttpResponse<Void> remove(Authentication auth, @PathVariable long id) {
    templates.remove(me(auth), id);
    return HttpResponse.noContent();
  }

  private Account me(Authentication auth) {
    return accounts.signedIn(auth);
  }

  @Serdeable
  record NewTemplate(@NotBlank @Size(max = 500) String body) {}
}
