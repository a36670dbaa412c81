package org.onegrid.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.AdminChangeLog;
import org.onegrid.account.Names;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;

/**
 * Every change an admin makes to the city's setup (imports, clinic services, …): who, when, what,
 * and the before and after as JSON. Written in the same transaction as the change; read by the
 * admins of the node and of every level above it.
 */
@Singleton
public class AuditLog implements AdminChangeLog {

  private final AuditRepository entries;
  private final AccountService accounts;
  private final GridService grids;
  private final JsonMapper json;
  private final Clock clock;

  AuditLog(
      AuditRepository entries,
      AccountService accounts,
      GridService grids,
      JsonMapper json,
      Clock clock) {
    this.entries = entries;
    this.accounts = accounts;
    this.grids = grids;
    this.json = json;
    this.clock = clock;
  }

  /** Records a change to something under {@code node}; call inside the change's transaction. */
  @Override
  public void record(
      Account actor,
      GridNode node,
      String action,
      String subject,
      @Nullable Object before,
      @Nullable Object after) {
    entries.insert(
        actor.id(), node.path(), action, subject, write(before), write(after), clock.instant());
  }

  /** Entries about the admin's node and everything below it, newest first. */
  public List<Entry> readableBy(Account admin, @Nullable Long before) {
    if (!admin.role().isAdmin()) {
      throw ApiException.forbidden();
    }
    GridNode reach = grids.get(admin.nodeId());
    var rows = entries.findUnder(reach.path(), before, 50);
    Names actors = accounts.names(rows.stream().map(r -> r.getActorId()).toList());
    return rows.stream()
        .map(
            r ->
                new Entry(
                    r.getId(),
                    actors.of(r.getActorId()),
                    r.getAction(),
                    r.getSubject(),
                    r.getBeforeJson(),
                    r.getAfterJson(),
                    r.getAt()))
        .toList();
  }

  private String write(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One change, as the admins above read it. */
  @Serdeable
  public record Entry(
      long id,
      String actor,
      String action,
      String subject,
      @Nullable String before,
      @Nullable String after,
      Instant at) {}
}
