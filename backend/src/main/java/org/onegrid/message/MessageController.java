package org.onegrid.message;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.ProblemAnswers;

/** Residents writing to their grid leader, and the grid's staff answering. */
@Controller("/api/v1")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "messages")
class MessageController {

  private final MessageService messages;
  private final AccountService accounts;

  MessageController(MessageService messages, AccountService accounts) {
    this.messages = messages;
    this.accounts = accounts;
  }

  @Get("/me/messages{?before}")
  @Operation(
      summary =
          "My conversation with my grid's staff, oldest first (pass the first id as before for older)")
  Thread mine(Authentication auth, @Nullable @QueryValue Long before) {
    Account me = me(auth);
    return new Thread(messages.residentThread(me.id(), before));
  }

  @Get("/me/messages/unread")
  @Operation(summary = "How many staff messages I have not read")
  Unread myUnread(Authentication auth) {
    return new Unread(messages.residentUnread(me(auth).id()));
  }

  @Post("/me/messages")
  @Operation(
      summary = "Write to my grid leader; a retry with the same clientKey stores one message")
  HttpResponse<MessageView> send(Authentication auth, @Body @Valid NewMessage body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(messages.residentSend(me(auth), body.body(), body.clientKey()));
  }

  @Get("/staff/conversations")
  @Operation(summary = "Residents who wrote to my grid, latest first, with unread counts")
  List<MessageService.Conversation> conversations(Authentication auth) {
    return messages.conversations(me(auth));
  }

  @Get("/staff/conversations/{residentId}{?before}")
  @Operation(summary = "One resident's conversation with my grid")
  Thread conversation(
      Authentication auth, @PathVariable long residentId, @Nullable @QueryValue Long before) {
    return new Thread(messages.staffThread(me(auth), residentId, before));
  }

  @Post("/staff/conversations/{residentId}")
  @Operation(
      summary =
          "Answer a resident; they also get an SMS unless staff wrote to them in the last 10 minutes")
  HttpResponse<MessageView> reply(
      Authentication auth, @PathVariable long residentId, @Body @Valid NewMessage body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(messages.staffReply(me(auth), residentId, body.body(), body.clientKey()));
  }

  private Account me(Authentication auth) {
    return accounts.signedIn(auth);
  }

  @Serdeable
  record NewMessage(
      @NotBlank @Size(max = 1000) String body,
      @NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9_-]+$") String clientKey) {}

  @Serdeable
  record Thread(List<MessageView> items) {}

  @Serdeable
  record Unread(int count) {}
}
