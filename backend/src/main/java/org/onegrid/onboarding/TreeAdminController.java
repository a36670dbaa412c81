package org.onegrid.onboarding;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.onegrid.account.AccountService;
import org.onegrid.grid.NodeRef;
import org.onegrid.platform.ProblemAnswers;

/** Admins: add and rename nodes of their subtree one at a time. */
@Controller("/api/v1/admin")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
class TreeAdminController {

  private final TreeAdmin tree;
  private final AccountService accounts;

  TreeAdminController(TreeAdmin tree, AccountService accounts) {
    this.tree = tree;
    this.accounts = accounts;
  }

  @Post("/nodes/{id}/children")
  @Operation(
      summary = "Admins: add a node one level below a node of my subtree (code, name, hotline)")
  HttpResponse<NodeRef> addChild(
      Authentication auth, @PathVariable long id, @Body TreeAdmin.NodeSettings body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(tree.addChild(accounts.signedIn(auth), id, body));
  }

  @Put("/nodes/{id}")
  @Operation(summary = "Admins: rename a node below mine, or set a community's hotline number")
  NodeRef rename(Authentication auth, @PathVariable long id, @Body TreeAdmin.NodeSettings body) {
    return tree.rename(accounts.signedIn(auth), id, body);
  }
}
