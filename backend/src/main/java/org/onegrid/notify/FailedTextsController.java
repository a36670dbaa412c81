package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.ProblemAnswers;
import org.onegrid.platform.Tx;

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

  private final OutboxRepository outbox;
  private final SmsOutbox sms;
  private final Tx tx;

  private final TextReach reach;

  FailedTextsController(OutboxRepository outbox, SmsOutbox sms, Tx tx, TextReach reach) {
    this.outbox = outbox;
    this.sms = sms;
    this.tx = tx;
    this.reach = reach;
  }

  @Get("/failed{?before}")
  @Operation(
      summary =
          "Admins: texts to people in their area (the city: all) that failed or may not have gone out, newest first")
  List<OutboxRepository.FailedText> failed(
      io.micronaut.security.authentication.Authentication auth, @Nullable @QueryValue Long before) {
    return outbox.findNotSent(before == null ? Long.MAX_VALUE : before, 50, reach.phonesOf(auth));
  }

  @Post("/{id}/resend")
  @Operation(
      summary =
          "Admins: queue a failed text to someone in their area again, on purpose (never a sign-in code or password)")
  HttpResponse<Void> resend(
      io.micronaut.security.authentication.Authentication auth, @PathVariable long id) {
    var phones = reach.phonesOf(auth);
    tx.run(
        () -> {
          if (!outbox.isTo(id, phones)) {
            throw ApiException.notFound();
          }
          var row = outbox.findById(id).orElseThrow(ApiException::notFound);
          if (SmsOutbox.SECRET_PURPOSES.contains(row.getPurpose())) {
            throw new ApiException(HttpStatus.CONFLICT, "sms-secret-not-resent");
          }
          // Marked first, under the row's lock: a dispatcher settling it meanwhile wins.
          if (!outbox.markResent(id)) {
            throw new ApiException(HttpStatus.CONFLICT, "sms-not-failed");
          }
          sms.enqueue(row.getToE164(), row.getBody(), row.getPurpose());
        });
    return HttpResponse.accepted();
  }
}
