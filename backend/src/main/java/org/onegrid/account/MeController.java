package org.onegrid.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onegrid.notify.OutboxMessage;
import org.onegrid.notify.SmsOutbox;
import org.onegrid.platform.ProblemAnswers;
import org.onegrid.platform.SessionTokens;

@Controller("/api/v1/me")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "me")
class MeController {

  private final AccountService accounts;
  private final AuthService auth;
  private final Sessions sessions;
  private final SessionTokens cookies;
  private final SmsOutbox sms;
  private final Households households;

  MeController(
      AccountService accounts,
      Households households,
      AuthService auth,
      Sessions sessions,
      SessionTokens cookies,
      SmsOutbox sms) {
    this.accounts = accounts;
    this.auth = auth;
    this.sessions = sessions;
    this.cookies = cookies;
    this.sms = sms;
    this.households = households;
  }

  @Post("/sessions/end-all")
  @Operation(
      summary =
          "Sign out on all devices: every session of mine ends on every instance, this one too")
  MutableHttpResponse<Void> endAllSessions(HttpRequest<?> request, Authentication auth) {
    sessions.endAll(idOf(auth), null);
    return cookies.signOut(request, HttpResponse.noContent());
  }

  @Put("/password")
  @Operation(
      summary =
          "Staff and clinicians: change my password, giving the current one; my other sessions end")
  HttpResponse<Void> changePassword(Authentication session, @Body @Valid PasswordChange body) {
    auth.changePassword(
        accounts.get(idOf(session)), body.currentPassword(), body.newPassword(), session);
    return HttpResponse.noContent();
  }

  @Get
  @Operation(
      summary = "Who I am, my household and grid (with its path up the tree), and my grid leader")
  MeView me(Authentication auth) {
    return accounts.me(idOf(auth));
  }

  @Patch
  @Operation(summary = "Change my name or language")
  MeView update(Authentication auth, @Body @Valid ProfileRequest body) {
    accounts.updateProfile(idOf(auth), body.name(), body.locale());
    return accounts.me(idOf(auth));
  }

  @Put("/home")
  @Operation(
      summary =
          "Set where I live: unit and room (my grid follows from it). The first in an empty room"
              + " becomes its first member; joining a household with members waits for one of them"
              + " (or grid staff) to accept")
  MeView setHome(Authentication auth, @Body @Valid HomeRequest body) {
    households.moveIn(idOf(auth), body.unitId(), body.room(), body.name());
    return accounts.me(idOf(auth));
  }

  @Get("/sms")
  @Operation(summary = "The text messages OneGrid sent to my phone, newest first")
  HttpResponse<List<OutboxMessage>> mySms(Authentication auth) {
    return HttpResponse.ok(
        sms.sentTo(accounts.get(idOf(auth)).phone(), 50).stream()
            .map(m -> SmsOutbox.SECRET_PURPOSES.contains(m.purpose()) ? m.withoutBody() : m)
            .toList());
  }

  static long idOf(Authentication auth) {
    return Long.parseLong(auth.getName());
  }

  @Serdeable
  record ProfileRequest(
      @Nullable @Size(max = 60) String name,
      @Nullable @Pattern(regexp = "^(zh-CN|en)$") String locale) {}

  @Serdeable
  record PasswordChange(
      @NotBlank @Size(max = 200) String currentPassword,
      @NotBlank @Size(max = 200) String newPassword) {}

  @Serdeable
  record HomeRequest(
      @NotNull Long unitId,
      @NotBlank @Size(max = 20) String room,
      @Nullable @Size(max = 60) String name) {}
}
