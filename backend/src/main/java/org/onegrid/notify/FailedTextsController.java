package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.onegrid.platform.ProblemAnswers;

/**
 * Texts that did not go out, for the city's admins: to whom (masked), what, why, and a way to send
 * one again on purpose. Sign-in codes and temporary passwords are never resent (the person asks for
 * a new one) and their words are not shown.
 */
@Controller("/api/v1/admin/sms")
@ProblemAnswers
@Secured({"COMMUNITY_ADMIN", "STREET_ADMIN", "DISTRICT_ADMIN", "CITY_ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
final class FailedTextsController {

  private final FailedTexts texts;
  private final TextReach reach;

  FailedTextsController(FailedTexts texts, TextReach reach) {
    this.texts = texts;
    this.reach = reach;
  }

  @Get("/failed{?before}")
  @Operation(
      summary =
          "Admins: texts to people in their area (the city: all) that failed or may not have gone out, newest first")
  List<FailedText> failed(Authentication auth, @Nullable @QueryValue Long before) {
    return texts.notSent(reach.phonesOf(auth), before);
  }

  @Post("/{id}/resend")
  @Operation(
      summary =
          "Admins: queue a failed text to someone in their area again, on purpose (never a sign-in code or password)")
  HttpResponse<Void> resend(Authentication auth, @PathVariable long id) {
    texts.resend(reach.phonesOf(auth), id);
    return HttpResponse.accepted();
  }
}
