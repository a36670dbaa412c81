package org.onegrid.dashboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Optional;
import org.onegrid.account.AccountService;
import org.onegrid.db.tables.records.EngagementStatsRecord;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ProblemAnswers;

/**
 * Whom a message to a node reaches, for the confirmation before it is sent ("将给 3,842 位居民发送短信"):
 * its grids in service, counted now, and its residents as the engagement figures last counted them
 * (a city's million are not counted again on every click; null before the first count).
 */
@Controller("/api/v1/staff/nodes/{id}/audience")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "dashboard")
class AudienceController {

  private final AccountService accounts;
  private final GridService grids;
  private final EngagementRepository engagement;

  AudienceController(AccountService accounts, GridService grids, EngagementRepository engagement) {
    this.accounts = accounts;
    this.grids = grids;
    this.engagement = engagement;
  }

  @Get
  @Operation(
      summary =
          "Whom a notice or warning to a node of my reach goes to: its grids, and its residents as"
              + " last counted (null before the first count)")
  Audience audience(Authentication auth, @PathVariable long id) {
    GridNode node = accounts.requireReach(accounts.signedIn(auth), grids.get(id));
    Optional<EngagementStatsRecord> counted = engagement.find(node.id());
    return new Audience(
        node.id(),
        node.name(),
        grids.countGridsUnder(node),
        counted.map(EngagementStatsRecord::getResidents).orElse(null),
        counted.map(EngagementStatsRecord::getRefreshedAt).orElse(null));
  }

  /** A node's grids now and its residents when last counted. */
  @Serdeable
  record Audience(
      long nodeId,
      String nodeName,
      int grids,
      @Nullable Integer residents,
      @Nullable Instant residentsCountedAt) {}
}
