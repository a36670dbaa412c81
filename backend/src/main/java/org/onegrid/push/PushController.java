package org.onegrid.push;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
import org.onegrid.platform.ProblemAnswers;

/** Push notifications on this browser: the key to subscribe with, subscribing and stopping. */
@Controller("/api/v1/me/push")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "me")
class PushController {

  private final PushService push;

  PushController(PushService push) {
    this.push = push;
  }

  @Get
  @Operation(
      summary =
          "The server's VAPID public key to subscribe with, and how many of my browsers take push")
  Status status(Authentication auth) {
    return new Status(push.publicKey(), push.browsers(me(auth)));
  }

  @Put
  @Operation(
      summary =
          "This browser takes my notifications by push (its PushSubscription); fewer texts are sent")
  HttpResponse<Void> subscribe(Authentication auth, @Valid @Body Subscription body) {
    push.subscribe(me(auth), body.endpoint(), body.p256dh(), body.auth());
    return HttpResponse.noContent();
  }

  @Post("/unsubscribe")
  @Operation(summary = "This browser takes no more push messages; notifications go by text again")
  HttpResponse<Void> unsubscribe(Authentication auth, @Valid @Body Endpoint body) {
    push.unsubscribe(me(auth), body.endpoint());
    return HttpResponse.noContent();
  }

  private static long me(Authentication auth) {
    return Long.parseLong(auth.getName());
  }

  @Serdeable
  record Status(String publicKey, int browsers) {}

  @Serdeable
  record Subscription(
      @NotBlank @Size(max = 1000) String endpoint,
      @NotBlank @Size(max = 100) String p256dh,
      @NotBlank @Size(max = 40) String auth) {}

  @Serdeable
  record Endpoint(@NotBlank @Size(max = 1000) String endpoint) {}
}
