package org.onegrid.onboarding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.audit.AuditLog;
import org.onegrid.platform.Messages;
import org.onegrid.platform.ProblemAnswers;

/**
 * Admins load their city from files: the grid tree (GeoJSON or CSV), buildings, staff and residents
 * (CSV), each within their own subtree. A dry run first; then the same file applied.
 */
@Controller("/api/v1/admin")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
class ImportController {

  private final Imports imports;
  private final AccountService accounts;
  private final AuditLog audit;
  private final Messages messages;

  ImportController(Imports imports, AccountService accounts, AuditLog audit, Messages messages) {
    this.imports = imports;
    this.accounts = accounts;
    this.audit = audit;
    this.messages = messages;
  }

  @Post(uri = "/imports/{kind}/dry-run{?name}", consumes = MediaType.ALL)
  @Operation(
      summary =
          "Admins: what a file (the raw bytes as the body; UTF-8 or GB18030) would create, change or"
              + " refuse in my subtree, row by row in my language; nothing is written")
  ImportViews.Report dryRun(
      HttpRequest<?> request,
      Authentication auth,
      @PathVariable ImportKind kind,
      @Nullable @QueryValue @Size(max = 200) String name,
      @Body byte[] body) {
    return imports.dryRun(
        admin(auth), kind, name == null ? "" : name, body, messages.localeOf(request));
  }

  @Post(uri = "/imports/{kind}{?name}", consumes = MediaType.ALL)
  @Operation(
      summary =
          "Admins: apply a file with no refused rows, in the background (202 with the run to follow;"
              + " 422 when a row is refused, 409 while another import runs)")
  HttpResponse<ImportViews.Run> apply(
      HttpRequest<?> request,
      Authentication auth,
      @PathVariable ImportKind kind,
      @Nullable @QueryValue @Size(max = 200) String name,
      @Body byte[] body) {
    return HttpResponse.status(HttpStatus.ACCEPTED)
        .body(
            imports.start(
                admin(auth), kind, name == null ? "" : name, body, messages.localeOf(request)));
  }

  @Get("/imports/{id}")
  @Operation(summary = "Admins: an import of my subtree and how far it has got")
  ImportViews.Run run(Authentication auth, @PathVariable long id) {
    return imports.run(admin(auth), id);
  }

  @Get("/imports{?before}")
  @Operation(summary = "Admins: imports by admins of my subtree, newest first")
  List<ImportViews.Run> history(Authentication auth, @Nullable @QueryValue Long before) {
    return imports.history(admin(auth), before);
  }

  @Get("/audit{?before}")
  @Operation(
      summary = "Admins: changes made by admins to my node and below it, newest first (50 a page)")
  List<AuditLog.Entry> auditLog(Authentication auth, @Nullable @QueryValue Long before) {
    return audit.readableBy(admin(auth), before);
  }

  private Account admin(Authentication auth) {
    return accounts.signedIn(auth);
  }
}
