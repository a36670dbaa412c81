package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
import java.util.List;
import org.onegrid.platform.ProblemAnswers;

@Controller("/api/v1/me/notifications")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "me")
class NotificationController {

  private final Notifications notifications;

  NotificationController(Notifications notifications) {
    this.notifications = notifications;
  }

  @Get("{?before}")
  @Operation(summary = "My notifications, newest first, and how many are unread")
  Page list(Authentication auth, @Nullable @QueryValue Long before) {
    long me = Long.parseLong(auth.getName());
    return new Page(notifications.latest(me, before), notifications.unread(me));
  }

  @Post("/read")
  @Operation(summary = "Mark all my notifications read")
  HttpResponse<Void> readAll(Authentication auth) {
    notifications.markAllRead(Long.parseLong(auth.getName()));
    return HttpResponse.noContent();
  }

  @Serdeable
  record Page(List<Notification> items, int unread) {}
}
