package org.onegrid.account;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jooq.Record1;
import org.jooq.Select;
import org.onegrid.grid.GridService;
import org.onegrid.notify.TextReach;
import org.onegrid.platform.ApiException;

/** An admin's reach over texts: everyone placed or living under their node; the city: all. */
@Singleton
final class AdminTextReach implements TextReach {

  private final AccountService accounts;
  private final AccountRepository repository;
  private final GridService grids;

  AdminTextReach(AccountService accounts, AccountRepository repository, GridService grids) {
    this.accounts = accounts;
    this.repository = repository;
    this.grids = grids;
  }

  @Override
  public Optional<Select<? extends Record1<String>>> phonesOf(Authentication caller) {
    Account admin = accounts.signedIn(caller);
    if (!admin.role().isAdmin() || admin.nodeId() == null) {
      throw ApiException.forbidden();
    }
    if (admin.role() == Role.CITY_ADMIN) {
      return Optional.empty();
    }
    return Optional.of(repository.phonesUnder(grids.get(admin.nodeId()).path()));
  }
}
