package org.onegrid.notify;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * The demo inbox: every SMS the log provider "sent", readable in the browser. It exists only while
 * no Twilio account is configured, so a real deployment has no such page.
 */
@Controller("/api/v1/demo/inbox")
@Requires(missingProperty = TwilioSmsSender.ACCOUNT_SID)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "demo")
final class DemoInboxController {

  private final SmsOutbox outbox;

  DemoInboxController(SmsOutbox outbox) {
    this.outbox = outbox;
  }

  @Get
  @Operation(
      summary = "Newest SMS sent by the log provider (demo only; absent when Twilio is configured)")
  List<OutboxMessage> latest() {
    return outbox.latest(50, null);
  }
}
