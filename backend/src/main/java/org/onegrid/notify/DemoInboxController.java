package org.onegrid.notify;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.onegrid.platform.DemoMode;
import org.onegrid.platform.ProblemAnswers;

/**
 * The demo inbox: every SMS the log provider "sent", readable in the browser. It exists only in
 * demo mode without Twilio (see {@link DemoMode}), so a deployment on its own database never shows
 * anyone's sign-in code.
 */
@Controller("/api/v1/demo/inbox")
@ProblemAnswers
@Requires(condition = DemoInboxController.On.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "demo")
final class DemoInboxController {

  private final SmsOutbox outbox;

  DemoInboxController(SmsOutbox outbox) {
    this.outbox = outbox;
  }

  /** The condition this page exists on. */
  static final class On implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
      return DemoMode.inbox(context);
    }
  }

  @Get
  @Operation(
      summary = "Newest SMS sent by the log provider (demo only; absent when Twilio is configured)")
  List<OutboxMessage> latest() {
    return outbox.latest(50, null);
  }
}
