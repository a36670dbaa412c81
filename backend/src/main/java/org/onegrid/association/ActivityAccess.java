package org.onegrid.association;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.onegrid.account.Account;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;

/**
 * Who may see and who may manage an activity, and the activity as its viewer sees it. An
 * association's activity follows the association's rules; a community's own activity is seen by the
 * community's residents and staff above it, and managed by its administrators.
 */
@Singleton
class ActivityAccess {

  private final ActivityRepository activities;
  private final AssociationAccess associations;
  private final GridService grids;

  ActivityAccess(ActivityRepository activities, AssociationAccess associations, GridService grids) {
    this.activities = activities;
    this.associations = associations;
    this.grids = grids;
  }

  GridNode community(long id) {
    GridNode community = grids.find(id).orElseThrow(ApiException::notFound);
    if (community.level() != GridLevel.COMMUNITY) {
      throw ApiException.notFound();
    }
    return community;
  }

  boolean inCommunity(Account viewer, GridNode community) {
    return associations.supervises(viewer, community)
        || associations.communityOf(viewer).map(c -> c.id() == community.id()).orElse(false);
  }

  /** The activity, if the viewer may see it; else 404. */
  Activity visible(Account viewer, long id) {
    Activity a = activities.findById(id).orElseThrow(ApiException::notFound);
    requireVisible(viewer, a);
    return a;
  }

  void requireVisible(Account viewer, Activity a) {
    if (a.associationId() != null) {
      associations.requireVisible(viewer, associations.find(a.associationId()));
    } else if (!inCommunity(viewer, grids.get(a.communityId()))) {
      throw ApiException.notFound();
    }
  }

  void requireManager(Account viewer, Activity a) {
    if (a.associationId() != null) {
      associations.requireManager(viewer, associations.find(a.associationId()));
    } else if (!associations.administers(viewer, grids.get(a.communityId()))) {
      requireVisible(viewer, a);
      throw ApiException.forbidden();
    }
  }

  private boolean manages(Account viewer, Activity a, @Nullable Association association) {
    return association != null
        ? associations.manages(viewer, association)
        : associations.administers(viewer, grids.get(a.communityId()));
  }

  AssociationViews.ActivityView view(Account viewer, Activity a) {
    Association association =
        a.associationId() == null ? null : associations.find(a.associationId());
    return new AssociationViews.ActivityView(
        a.id(),
        a.associationId(),
        association == null ? null : association.name(),
        grids.get(a.communityId()).name(),
        a.title(),
        a.description(),
        a.place(),
        a.startsAt(),
        a.endsAt(),
        a.signupDeadline(),
        a.capacity(),
        activities.countSignedUp(a.id()),
        a.seriesId() != null,
        activities.findStatus(a.id(), viewer.id()).orElse(null),
        manages(viewer, a, association),
        a.cancelledAt() != null);
  }
}
