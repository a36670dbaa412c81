package org.onegrid.clinic;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.account.StaffImports;
import org.onegrid.audit.AuditLog;
import org.onegrid.db.tables.records.ClinicProvidersRecord;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.grid.NodeRef;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;

/**
 * Who works for a clinic provider (clinicians: a new one is invited with a texted temporary
 * password, like any member of staff) and which grids an area doctor (片医) serves. Set up by the
 * community's admins and above; every change is in the audit log.
 */
@Singleton
class ClinicTeam {

  private final ClinicRepository clinics;
  private final ClinicReach reach;
  private final AccountService accounts;
  private final StaffImports people;
  private final GridService grids;
  private final AuditLog audit;
  private final Phones phones;
  private final Tx tx;

  ClinicTeam(
      ClinicRepository clinics,
      ClinicReach reach,
      AccountService accounts,
      StaffImports people,
      GridService grids,
      AuditLog audit,
      Phones phones,
      Tx tx) {
    this.clinics = clinics;
    this.reach = reach;
    this.accounts = accounts;
    this.people = people;
    this.grids = grids;
    this.audit = audit;
    this.phones = phones;
    this.tx = tx;
  }

  /** The staff and served grids of several providers, read in a few statements. */
  record Teams(
      Map<Long, List<Long>> staffIds,
      Map<Long, Set<Long>> gridIds,
      Map<Long, Account> people,
      Map<Long, GridNode> nodes) {

    List<ClinicSetupViews.Clinician> staff(long providerId) {
      return staffIds.getOrDefault(providerId, List.of()).stream()
          .map(people::get)
          .filter(a -> a != null && a.deactivatedAt() == null)
          .map(
              a ->
                  new ClinicSetupViews.Clinician(
                      a.id(), a.displayName(), a.phone(), a.passwordHash() == null))
          .toList();
    }

    List<NodeRef> grids(long providerId) {
      return gridIds.getOrDefault(providerId, Set.of()).stream()
          .map(nodes::get)
          .filter(n -> n != null && !n.retired())
          .map(NodeRef::of)
          .sorted(Comparator.comparing(NodeRef::name))
          .toList();
    }
  }

  Teams of(Collection<Long> providerIds) {
    Map<Long, List<Long>> staff = clinics.findStaffIdsOf(providerIds);
    Map<Long, Set<Long>> served = clinics.findAreaGrids(providerIds);
    Set<Long> accountIds = new LinkedHashSet<>();
    staff.values().forEach(accountIds::addAll);
    Set<Long> gridIds = new LinkedHashSet<>();
    served.values().forEach(gridIds::addAll);
    return new Teams(
        staff,
        served,
        accountIds.isEmpty() ? Map.of() : accounts.byIds(accountIds),
        gridIds.isEmpty() ? Map.of() : grids.byIds(gridIds));
  }

  /**
   * Adds a clinician to a provider: an existing clinician by phone, or a new one, who is texted a
   * temporary password. A phone that belongs to anyone else is refused (409).
   */
  void addClinician(Account admin, long providerId, ClinicSetupViews.NewClinician body) {
    ClinicProvidersRecord provider = reach.provider(admin, providerId);
    GridNode community = reach.community(admin, provider.getCommunityId());
    String phone = phones.toE164(body.phone(), "phone");
    tx.run(
        () -> {
          Account existing = accounts.findByPhone(phone).orElse(null);
          long id;
          if (existing == null) {
            id =
                people.invite(
                    phone, body.name().trim(), Role.CLINICIAN, community.id(), admin.id());
          } else if (existing.role() == Role.CLINICIAN && existing.deactivatedAt() == null) {
            id = existing.id();
          } else {
            throw new ApiException(HttpStatus.CONFLICT, "phone-taken");
          }
          clinics.insertStaff(providerId, id);
          audit.record(
              admin,
              community,
              "clinic.staff.add",
              provider.getName(),
              null,
              Map.of("name", body.name().trim(), "phone", Phones.mask(phone)));
        });
  }

  /** Takes a clinician off a provider (their account stays, for their other providers). */
  void removeClinician(Account admin, long providerId, long accountId) {
    ClinicProvidersRecord provider = reach.provider(admin, providerId);
    GridNode community = reach.community(admin, provider.getCommunityId());
    tx.run(
        () -> {
          if (!clinics.deleteStaff(providerId, accountId)) {
            throw ApiException.notFound();
          }
          audit.record(
              admin,
              community,
              "clinic.staff.remove",
              provider.getName(),
              Map.of("accountId", accountId),
              null);
        });
  }

  /** Sets the grids a provider serves: grids of its community, in use. */
  void serveGrids(Account admin, long providerId, ClinicSetupViews.ServedGrids body) {
    ClinicProvidersRecord provider = reach.provider(admin, providerId);
    GridNode community = reach.community(admin, provider.getCommunityId());
    Set<Long> ids = new LinkedHashSet<>(body.gridIds());
    Map<Long, GridNode> found = ids.isEmpty() ? Map.of() : grids.byIds(ids);
    for (long id : ids) {
      GridNode g = found.get(id);
      if (g == null || g.level() != GridLevel.GRID || g.retired() || !community.contains(g)) {
        throw ApiException.invalidField("gridIds", "validation.grid-of-community");
      }
    }
    tx.run(
        () -> {
          Set<Long> before =
              clinics.findAreaGrids(List.of(providerId)).getOrDefault(providerId, Set.of());
          clinics.replaceAreaGrids(providerId, ids);
          audit.record(
              admin,
              community,
              "clinic.grids",
              provider.getName(),
              Map.of("grids", before.size()),
              Map.of("grids", ids.stream().map(found::get).map(GridNode::name).toList()));
        });
  }
}
