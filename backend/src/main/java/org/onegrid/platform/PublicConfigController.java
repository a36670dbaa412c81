package org.onegrid.platform;

import io.micronaut.context.env.Environment;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What the front end needs to know about this deployment before anyone signs in. */
@Controller("/api/v1/config")
@ProblemAnswers
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "platform")
final class PublicConfigController {

  private final boolean demoInbox;
  private final String timeZone;

  PublicConfigController(Environment environment, OneGridConfig config) {
    this.demoInbox = DemoMode.inbox(environment);
    this.timeZone = config.getTimeZone().getId();
  }

  @Get
  @Operation(
      summary =
          "Deployment facts for the front end: the demo SMS inbox, the zone times are shown in")
  PublicConfig config() {
    return new PublicConfig(demoInbox, timeZone);
  }

  @Serdeable
  record PublicConfig(boolean demoInbox, String timeZone) {}
}
