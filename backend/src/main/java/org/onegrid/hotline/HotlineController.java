package org.onegrid.hotline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.IdempotencyKeys;
import org.onegrid.platform.Messages;
import org.onegrid.platform.ProblemAnswers;

/**
 * The hotline for residents (number, who is on duty, leave a message) and its roster for admins.
 */
@Controller("/api/v1")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "hotline")
class HotlineController {

  private final HotlineService hotline;
  private final RosterService roster;
  private final AccountService accounts;
  private final Messages messages;

  HotlineController(
      HotlineService hotline, RosterService roster, AccountService accounts, Messages messages) {
    this.hotline = hotline;
    this.roster = roster;
    this.accounts = accounts;
    this.messages = messages;
  }

  @Get("/hotline")
  @Operation(summary = "My community's 24-hour hotline: the number, who is on duty now and next")
  HotlineService.HotlineView mine(Authentication auth) {
    return hotline.hotline(me(auth));
  }

  @Post("/hotline/messages")
  @Operation(
      summary =
          "Leave a message on the hotline: it becomes a request to my grid leader and the person on"
              + " duty is told. Send an Idempotency-Key")
  HttpResponse<HotlineService.Left> leave(
      HttpRequest<?> request,
      Authentication auth,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Body @Valid NewMessage body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(
            hotline.leaveMessage(
                me(auth),
                body.text(),
                IdempotencyKeys.of(idempotencyKey),
                messages.localeOf(request)));
  }

  @Get("/staff/communities/{id}/roster")
  @Operation(
      summary =
          "Admins: the duty roster of a community: rotation, fallbacks, the next week, overrides"
              + " and any time in the next 14 days with nobody on duty")
  RosterService.Roster roster(Authentication auth, @PathVariable long id) {
    return roster.roster(me(auth), id);
  }

  @Put("/staff/communities/{id}/roster/rotation")
  @Operation(summary = "Admins: set the rotation (staff in order, shift length, first handover)")
  RosterService.Roster rotation(
      Authentication auth, @PathVariable long id, @Body @Valid Rotation body) {
    return roster.saveRotation(
        me(auth), id, body.firstStart(), body.shiftHours(), body.memberIds());
  }

  @Post("/staff/communities/{id}/roster/overrides")
  @Operation(summary = "Admins: put someone on duty for a while instead (a swap, cover for leave)")
  RosterService.Roster override(
      Authentication auth, @PathVariable long id, @Body @Valid NewOverride body) {
    return roster.override(me(auth), id, body.from(), body.to(), body.accountId(), body.note());
  }

  @Delete("/staff/communities/{id}/roster/overrides/{shiftId}")
  @Operation(summary = "Admins: remove an override")
  RosterService.Roster removeOverride(
      Authentication auth, @PathVariable long id, @PathVariable long shiftId) {
    return roster.removeOverride(me(auth), id, shiftId);
  }

  @Put("/staff/communities/{id}/roster/fallbacks")
  @Operation(summary = "Admins: who is rung, in order, when the person on duty does not answer")
  RosterService.Roster fallbacks(
      Authentication auth, @PathVariable long id, @Body @Valid Fallbacks body) {
    return roster.saveFallbacks(me(auth), id, body.accountIds());
  }

  @Get("/staff/communities/{id}/hotline-log{?days}")
  @Operation(summary = "Admins: the hotline's calls, texts and messages, newest first")
  HotlineService.Log log(
      Authentication auth,
      @PathVariable long id,
      @Nullable @QueryValue @Min(1) @Max(90) Integer days) {
    return hotline.log(me(auth), id, days == null ? 7 : days);
  }

  @Post("/staff/hotline-contacts/{id}/handled")
  @Operation(summary = "Staff of the community: a missed call, voicemail or text was followed up")
  HttpResponse<Void> handled(Authentication auth, @PathVariable long id) {
    hotline.markHandled(me(auth), id);
    return HttpResponse.noContent();
  }

  @Get("/staff/hotline-contacts/{id}")
  @Operation(summary = "Staff of the community: one hotline contact")
  HotlineService.ContactView contact(Authentication auth, @PathVariable long id) {
    return hotline.contact(me(auth), id);
  }

  @Post("/staff/hotline-contacts/{id}/request")
  @Operation(
      summary =
          "Staff of the community: a taken call not settled on the spot becomes a request of the"
              + " caller to their grid leader")
  HotlineService.ContactView fileRequest(
      HttpRequest<?> request,
      Authentication auth,
      @PathVariable long id,
      @Body @Valid NewMessage body) {
    return hotline.fileRequest(me(auth), id, body.text(), messages.localeOf(request));
  }

  private Account me(Authentication auth) {
    return accounts.signedIn(auth);
  }

  @Serdeable
  record NewMessage(@NotBlank @Size(max = 1000) String text) {}

  @Serdeable
  record Rotation(
      @NotNull Instant firstStart,
      @NotNull Integer shiftHours,
      @NotNull @Size(min = 1, max = 50) List<@NotNull Long> memberIds) {}

  @Serdeable
  record NewOverride(
      @NotNull Instant from,
      @NotNull Instant to,
      @NotNull Long accountId,
      @Nullable @Size(max = 100) String note) {}

  @Serdeable
  record Fallbacks(@NotNull @Size(max = 10) List<@NotNull Long> accountIds) {}
}
