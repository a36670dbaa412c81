package org.onegrid.clinic;

import jakarta.inject.Singleton;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.db.tables.records.ClinicProvidersRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;

/**
 * Which community's clinic an admin may set up: their own and those below it. A community, provider
 * or service outside answers 404, as everywhere else.
 */
@Singleton
class ClinicReach {

  private final ClinicRepository clinics;
  private final AccountService accounts;
  private final GridService grids;

  ClinicReach(ClinicRepository clinics, AccountService accounts, GridService grids) {
    this.clinics = clinics;
    this.accounts = accounts;
    this.grids = grids;
  }

  GridNode community(Account admin, long communityId) {
    if (!admin.role().isAdmin()) {
      throw ApiException.forbidden();
    }
    GridNode community = grids.find(communityId).orElseThrow(ApiException::notFound);
    accounts.requireReach(admin, community);
    if (community.level() != GridLevel.COMMUNITY) {
      throw ApiException.notFound();
    }
    return community;
  }

  ClinicProvidersRecord provider(Account admin, long providerId) {
    ClinicProvidersRecord provider =
        clinics.findProvider(providerId).orElseThrow(ApiException::notFound);
    community(admin, provider.getCommunityId());
    return provider;
  }

  ClinicServicesRecord service(Account admin, long serviceId) {
    ClinicServicesRecord service =
        clinics.findService(serviceId).orElseThrow(ApiException::notFound);
    provider(admin, service.getProviderId());
    return service;
  }
}
