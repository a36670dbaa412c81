package org.onegrid.onboarding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
import org.onegrid.account.AccountService;
import org.onegrid.grid.GeoPolygon;
import org.onegrid.grid.GridLevel;
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
  private final TreeChanges changes;
  private final AccountService accounts;

  TreeAdminController(TreeAdmin tree, TreeChanges changes, AccountService accounts) {
    this.tree = tree;
    this.changes = changes;
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

  @Get("/nodes/{id}/parent-choices{?q}")
  @Operation(
      summary =
          "Admins: where a node below mine may move: nodes of its parent's level in my subtree (20"
              + " at most; q finds a name or code)")
  List<NodeRef> parentChoices(
      Authentication auth, @PathVariable long id, @Nullable @QueryValue @Size(max = 40) String q) {
    return changes.parentChoices(accounts.signedIn(auth), id, q);
  }

  @Put("/nodes/{id}/boundary")
  @Operation(
      summary =
          "Admins: redraw a node's boundary below mine (a GeoJSON Polygon of [lng, lat] in WGS-84;"
              + " refused when invalid or overlapping another node of its level)")
  NodeRef reshape(Authentication auth, @PathVariable long id, @Body GeoPolygon body) {
    return tree.reshape(accounts.signedIn(auth), id, body);
  }

  @Get("/node-search{?level,q}")
  @Operation(
      summary =
          "Admins: nodes of a level (grids when not given) in my subtree whose name or code matches"
              + " q, 20 at most")
  List<NodeRef> search(
      Authentication auth,
      @Nullable @QueryValue GridLevel level,
      @Nullable @QueryValue @Size(max = 40) String q) {
    return changes.search(accounts.signedIn(auth), level, q);
  }

  @Post("/nodes/{id}/move")
  @Operation(
      summary =
          "Admins: put a node below mine (and its subtree) under another parent of the same level")
  TreeChanges.Outcome move(
      Authentication auth, @PathVariable long id, @Body TreeChanges.MoveTo body) {
    return changes.move(accounts.signedIn(auth), id, body);
  }

  @Post("/grids/{id}/buildings/move")
  @Operation(
      summary =
          "Admins: move some of a grid's buildings to another grid; households, open problems and"
              + " the care list follow")
  TreeChanges.Outcome moveBuildings(
      Authentication auth, @PathVariable long id, @Body TreeChanges.BuildingMove body) {
    return changes.moveBuildings(accounts.signedIn(auth), id, body);
  }

  @Post("/grids/{id}/merge")
  @Operation(
      summary =
          "Admins: merge a grid into another: buildings, open problems, care list, area doctors and"
              + " staff follow; the grid is retired")
  TreeChanges.Outcome merge(
      Authentication auth, @PathVariable long id, @Body TreeChanges.MergeInto body) {
    return changes.merge(accounts.signedIn(auth), id, body);
  }

  @Post("/nodes/{id}/retire")
  @Operation(
      summary =
          "Admins: retire an empty node below mine (no children, buildings, staff or open"
              + " problems left; 409 says what is)")
  TreeChanges.Outcome retire(Authentication auth, @PathVariable long id) {
    return changes.retire(accounts.signedIn(auth), id);
  }
}
