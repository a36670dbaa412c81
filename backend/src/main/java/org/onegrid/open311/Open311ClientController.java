package org.onegrid.open311;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.ProblemAnswers;

/** City admins issue Open311 api_keys to named apps and revoke them. */
@Controller("/api/v1/admin/open311-clients")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "staff")
class Open311ClientController {

  private final Open311Keys open311;
  private final AccountService accounts;

  Open311ClientController(Open311Keys open311, AccountService accounts) {
    this.open311 = open311;
    this.accounts = accounts;
  }

  @Get
  @Operation(
      summary = "City admin: the apps holding Open311 keys, with how many requests each filed")
  List<Open311Client> list(Authentication auth) {
    return open311.clients(me(auth));
  }

  @Post
  @Operation(summary = "City admin: issue a key to a named app; the key is in this answer only")
  HttpResponse<Open311Keys.IssuedKey> issue(Authentication auth, @Body @Valid NewClient body) {
    return HttpResponse.status(HttpStatus.CREATED).body(open311.issue(me(auth), body.name()));
  }

  @Delete("/{id}")
  @Operation(summary = "City admin: revoke an app's key; its requests stay")
  Open311Client revoke(Authentication auth, @PathVariable long id) {
    return open311.revoke(me(auth), id);
  }

  private Account me(Authentication auth) {
    return accounts.signedIn(auth);
  }

  @Serdeable
  record NewClient(@NotBlank @Size(max = 80) String name) {}
}
