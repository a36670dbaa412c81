package org.onegrid.association;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;

/**
 * Who may see and who may manage an association (and so its activities): its organiser and the
 * admins over its community manage it; its community's residents and staff, and its street's
 * residents when it welcomes neighbours, see it.
 */
@Singleton
class AssociationAccess {

  private final AssociationRepository associations;
  private final AccountService accounts;
  private final GridService grids;

  AssociationAccess(
      AssociationRepository associations, AccountService accounts, GridService grids) {
    this.associations = associations;
    this.accounts = accounts;
    this.grids = grids;
  }

  Association find(long id) {
    return associations.findById(id).orElseThrow(ApiException::notFound);
  }

  /**
   * The organiser and the admins of the community and above manage an association; grid leaders and
   * workers of the community read it but do not manage it.
   */
  boolean manages(Account account, Association a) {
    if (account.id() == a.organiserId()) {
      return true;
    }
    return administers(account, grids.get(a.communityId()));
  }

  void requireManager(Account account, Association a) {
    if (!manages(account, a)) {
      if (!canSee(account, a)) {
        throw ApiException.notFound();
      }
      throw ApiException.forbidden();
    }
  }

  void requireVisible(Account account, Association a) {
    if (!canSee(account, a)) {
      throw ApiException.notFound();
    }
  }

  boolean canSee(Account account, Association a) {
    if (manages(account, a)) {
      return true;
    }
    if (account.role().isStaff()) {
      return supervises(account, grids.get(a.communityId()));
    }
    Optional<GridNode> community = communityOf(account);
    if (community.isEmpty()) {
      return false;
    }
    if (community.get().id() == a.communityId()) {
      return true;
    }
    return a.openToNeighbours()
        && grids.get(a.communityId()).parentId() != null
        && grids.get(a.communityId()).parentId().equals(community.get().parentId());
  }

  /** The community a resident lives in, or a grid's staff member works in. */
  Optional<GridNode> communityOf(Account account) {
    return accounts.communityOf(account);
  }

  /** Admins whose subtree holds the community (its own admins, the street's and above). */
  boolean administers(Account staff, GridNode community) {
    return staff.role().isAdmin() && accounts.reaches(staff, community);
  }

  /** Staff supervise a community when it is in their subtree or their grid is in it. */
  boolean supervises(Account staff, GridNode community) {
    if (!staff.role().isStaff() || staff.nodeId() == null) {
      return false;
    }
    if (accounts.reaches(staff, community)) {
      return true;
    }
    return communityOf(staff).map(c -> c.id() == community.id()).orElse(false);
  }

  /** The association as this viewer sees it. */
  AssociationViews.AssociationView view(Account viewer, Association a) {
    Account organiser = accounts.get(a.organiserId());
    return new AssociationViews.AssociationView(
        a.id(),
        a.communityId(),
        grids.get(a.communityId()).name(),
        a.name(),
        a.kind(),
        a.description(),
        a.coverPhotoId() == null ? null : "/api/v1/photos/" + a.coverPhotoId(),
        organiser.displayName(),
        a.meetingTime(),
        a.meetingPlace(),
        a.memberLimit(),
        associations.countMembers(a.id()),
        a.joinPolicy(),
        a.openToNeighbours(),
        associations.findStatus(a.id(), viewer.id()).orElse(null),
        manages(viewer, a));
  }
}
