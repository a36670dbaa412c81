package org.onegrid.problem;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.grid.Address;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;

/**
 * Who may see a problem, act on it or see one of its photos: its reporter; staff whose part of the
 * grid tree holds its grid; and, for a public problem, the neighbours of its grid. Anyone else is
 * answered 404, as if it did not exist.
 */
@Singleton
class ProblemAccess {

  private final ProblemRepository problems;
  private final PhotoService photos;
  private final AccountService accounts;
  private final GridService grids;

  ProblemAccess(
      ProblemRepository problems, PhotoService photos, AccountService accounts, GridService grids) {
    this.problems = problems;
    this.photos = photos;
    this.accounts = accounts;
    this.grids = grids;
  }

  /**
   * 404 unless the viewer may read the problem: reporter, staff in reach, or a public neighbour.
   */
  void requireVisible(Account viewer, Problem problem) {
    if (viewer.id() == problem.reporterId()) {
      return;
    }
    if (viewer.role().isStaff()) {
      accounts.requireReach(viewer, grids.get(problem.gridId()));
      return;
    }
    Long homeGrid =
        viewer.householdId() == null
            ? null
            : grids.household(viewer.householdId()).map(Address::gridId).orElse(null);
    if (!problem.isPublic() || homeGrid == null || homeGrid != problem.gridId()) {
      throw ApiException.notFound();
    }
  }

  /** 403 for anyone not staff; 404 for staff whose part of the tree does not hold its grid. */
  void requireStaffReach(Account staff, Problem problem) {
    if (!staff.role().isStaff()) {
      throw ApiException.forbidden();
    }
    accounts.requireReach(staff, grids.get(problem.gridId()));
  }

  /** Locks a problem that is open and within the staff member's reach; call in a transaction. */
  Problem lockOpenInReach(Account staff, long id) {
    Problem problem = problems.lockById(id).orElseThrow(ApiException::notFound);
    requireStaffReach(staff, problem);
    if (!ProblemState.OPEN.contains(problem.state())) {
      throw new ApiException(HttpStatus.CONFLICT, "problem-state", problem.state());
    }
    return problem;
  }

  /** Staff in reach take the staff actions; the reporter alone takes the reporter's. */
  boolean mayAct(Account actor, Problem problem, ProblemAction action) {
    if (action.byStaff()) {
      return actor.role().isStaff() && accounts.reaches(actor, grids.get(problem.gridId()));
    }
    return actor.id() == problem.reporterId();
  }

  /** The node a staff member is placed at; 403 for anyone else. */
  GridNode staffNode(Account staff) {
    accounts.requireStaff(staff);
    return grids.get(staff.nodeId());
  }

  /**
   * The photo's bytes for a viewer who may see it: its uploader, or anyone who may see its problem.
   */
  byte[] photo(Account viewer, long photoId, boolean thumb) {
    var photo = photos.find(photoId);
    if (photo.getShared()) {
      return photos.bytes(photo, thumb);
    }
    if (photo.getGridId() != null) {
      // A staff photo of a grid (a patrol's): for staff who reach the grid.
      if (!viewer.role().isStaff() || !accounts.reaches(viewer, grids.get(photo.getGridId()))) {
        throw ApiException.notFound();
      }
      return photos.bytes(photo, thumb);
    }
    if (photo.getProblemId() == null) {
      // Not attached yet: its uploader's alone (one sent through a department's link has none).
      if (photo.getOwnerId() == null || photo.getOwnerId() != viewer.id()) {
        throw ApiException.notFound();
      }
    } else {
      Problem problem = problems.findById(photo.getProblemId()).orElseThrow();
      requireVisible(viewer, problem);
      boolean staff = viewer.role().isStaff();
      // A thread's photo is for the thread's people; one of an internal note for staff alone.
      if (photo.getInThread()
          && (photo.getInternal() ? !staff : !staff && viewer.id() != problem.reporterId())) {
        throw ApiException.notFound();
      }
    }
    return photos.bytes(photo, thumb);
  }
}
