package org.onegrid.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onegrid.account.AccountService;
import org.onegrid.platform.ProblemAnswers;

/** City admins register the systems that follow events under a node, and watch their deliveries. */
@Controller("/api/v1/admin/webhooks")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "staff")
class WebhookController {

  private final Subscribers subscribers;
  private final AccountService accounts;

  WebhookController(Subscribers subscribers, AccountService accounts) {
    this.subscribers = subscribers;
    this.accounts = accounts;
  }

  @Get
  @Operation(summary = "City admin: the webhook subscribers, with pending and failed deliveries")
  List<Subscriber> listWebhooks(Authentication auth) {
    return subscribers.list(accounts.signedIn(auth));
  }

  @Post
  @Operation(
      summary =
          "City admin: register a subscriber for events under a node; the signing secret is in"
              + " this answer only")
  HttpResponse<Subscribers.Registered> registerWebhook(
      Authentication auth, @Body @Valid NewSubscriber body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(
            subscribers.register(
                accounts.signedIn(auth), body.name(), body.url(), body.nodeId(), body.events()));
  }

  @Delete("/{id}")
  @Operation(summary = "City admin: disable a subscriber; nothing more is sent to it")
  Subscriber disableWebhook(Authentication auth, @PathVariable long id) {
    return subscribers.disable(accounts.signedIn(auth), id);
  }

  @Post("/{id}/ping")
  @Operation(summary = "City admin: queue a signed ping event to a subscriber")
  HttpResponse<WebhookEvent> pingWebhook(Authentication auth, @PathVariable long id) {
    return HttpResponse.status(HttpStatus.ACCEPTED)
        .body(subscribers.ping(accounts.signedIn(auth), id));
  }

  @Get("/{id}/deliveries")
  @Operation(
      summary =
          "City admin: a subscriber's deliveries, newest first, with each event as sent and the"
              + " last answer")
  Subscribers.DeliveryPage webhookDeliveries(
      Authentication auth,
      @PathVariable long id,
      @Nullable @QueryValue String status,
      @Nullable @QueryValue Long before,
      @Nullable @QueryValue Integer limit) {
    return subscribers.deliveries(
        accounts.signedIn(auth), id, status, before, limit == null ? 50 : limit);
  }

  @Post("/{id}/deliveries/{deliveryId}/retry")
  @Operation(summary = "City admin: send a delivery that was given up on again")
  Delivery retryWebhookDelivery(
      Authentication auth, @PathVariable long id, @PathVariable long deliveryId) {
    return subscribers.retry(accounts.signedIn(auth), id, deliveryId);
  }

  @Serdeable
  record NewSubscriber(
      @NotBlank @Size(max = 80) String name,
      @NotBlank @Size(max = 500) String url,
      @NotNull Long nodeId,
      @NotNull @Size(max = 10) List<String> events) {}
}
