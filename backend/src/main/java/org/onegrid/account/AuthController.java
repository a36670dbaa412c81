package org.onegrid.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.onegrid.platform.ClientAddress;
import org.onegrid.platform.Messages;
import org.onegrid.platform.ProblemAnswers;
import org.onegrid.platform.SessionTokens;

@Controller("/api/v1/auth")
@ProblemAnswers
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
class AuthController {

  private final AuthService auth;
  private final AccountService accounts;
  private final SessionTokens sessions;
  private final Sessions sessionRows;
  private final ClientAddress clientAddress;
  private final Messages messages;

  AuthController(
      AuthService auth,
      AccountService accounts,
      SessionTokens sessions,
      Sessions sessionRows,
      ClientAddress clientAddress,
      Messages messages) {
    this.auth = auth;
    this.accounts = accounts;
    this.sessions = sessions;
    this.sessionRows = sessionRows;
    this.clientAddress = clientAddress;
    this.messages = messages;
  }

  @Post("/otp")
  @Operation(
      summary =
          "Text a 6-digit sign-in code to a phone, or (channel voice) phone it and say the code")
  HttpResponse<AuthService.CodeSent> requestCode(
      HttpRequest<?> request, @Body @Valid PhoneRequest body) {
    return HttpResponse.status(HttpStatus.ACCEPTED)
        .body(
            auth.requestCode(
                body.phone(),
                "voice".equals(body.channel()),
                clientAddress.of(request),
                messages.localeOf(request)));
  }

  @Post("/otp/verify")
  @Operation(
      summary =
          "Sign in with a phone and the code texted to it; a new phone becomes a new resident")
  MutableHttpResponse<MeView> verify(HttpRequest<?> request, @Body @Valid CodeRequest body) {
    return signedIn(request, auth.verifyCode(body.phone(), body.code(), clientAddress.of(request)));
  }

  @Post("/login")
  @Operation(summary = "Staff sign-in with phone and password")
  MutableHttpResponse<MeView> login(HttpRequest<?> request, @Body @Valid PasswordRequest body) {
    return signedIn(
        request, auth.passwordLogin(body.phone(), body.password(), clientAddress.of(request)));
  }

  @Get("/csrf")
  @Operation(summary = "Does nothing but hand out the CSRF cookie to a page that has none yet")
  HttpResponse<Void> csrf() {
    return HttpResponse.noContent();
  }

  @Post("/logout")
  @Operation(
      summary =
          "Sign out: this session ends on every instance (a copy of the cookie stops working) and the"
              + " cookie is cleared")
  MutableHttpResponse<Void> logout(HttpRequest<?> request, @Nullable Authentication auth) {
    sessionRows.end(auth);
    return sessions.signOut(request, HttpResponse.noContent());
  }

  private MutableHttpResponse<MeView> signedIn(HttpRequest<?> request, Account account) {
    Sessions.Opened session =
        sessionRows.open(account, request.getHeaders().get(HttpHeaders.USER_AGENT));
    return sessions.signIn(
        request,
        HttpResponse.ok(accounts.me(account.id())),
        account.id(),
        List.of(account.role().name()),
        Map.of(Sessions.CLAIM, session.id()),
        session.lifetime());
  }

  @Serdeable
  record PhoneRequest(
      @NotBlank @Size(max = 40) String phone,
      /* "sms" (the default) or "voice": a phone call that says the code. */
      @Nullable @Pattern(regexp = "^(sms|voice)$") String channel) {}

  @Serdeable
  record CodeRequest(
      @NotBlank @Size(max = 40) String phone, @NotBlank @Size(max = 12) String code) {}

  @Serdeable
  record PasswordRequest(
      @NotBlank @Size(max = 40) String phone, @NotBlank @Size(max = 200) String password) {}
}
