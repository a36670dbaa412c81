package org.onegrid.association;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** Associations and activities as one person may see them. */
public final class AssociationViews {

  private AssociationViews() {}

  /** An association, with the viewer's standing and whether they manage it. */
  @Serdeable
  public record AssociationView(
      long id,
      long communityId,
      String communityName,
      String name,
      Association.Kind kind,
      String description,
      @Nullable String coverUrl,
      String organiserName,
      @Nullable String meetingTime,
      @Nullable String meetingPlace,
      @Nullable Integer memberLimit,
      int members,
      Association.JoinPolicy joinPolicy,
      boolean openToNeighbours,
      @Nullable Association.MemberStatus myStatus,
      boolean manages) {}

  /** Someone on an association's lists, as its organiser sees them (the phone masked). */
  @Serdeable
  public record MemberView(
      long accountId,
      String name,
      String phoneMasked,
      Association.MemberStatus status,
      @Nullable String reason,
      Instant since) {}

  /** An activity, with how full it is and the viewer's standing. */
  @Serdeable
  public record ActivityView(
      long id,
      @Nullable Long associationId,
      @Nullable String associationName,
      String communityName,
      String title,
      String description,
      String place,
      Instant startsAt,
      Instant endsAt,
      Instant signupDeadline,
      int capacity,
      int signedUp,
      boolean recurring,
      @Nullable Activity.SignupStatus myStatus,
      boolean manages,
      boolean cancelled) {}

  /** How an association of the subtree is taken up (activities held in the window). */
  @Serdeable
  public record AssociationFigures(
      long id,
      String name,
      String communityName,
      int members,
      int activities,
      int signedUp,
      int attended) {}

  /** How a grid's residents take part. */
  @Serdeable
  public record GridFigures(long gridId, String gridName, int members, int attended) {}

  /** Participation in a staff member's subtree over the last {@code days} days. */
  @Serdeable
  public record Participation(
      int days, List<AssociationFigures> associations, List<GridFigures> grids) {}

  /** Something the organiser told all members. */
  @Serdeable
  public record Announcement(long id, String body, boolean bySms, Instant at) {}

  /** Someone signed up for an activity, as its organiser sees them. */
  @Serdeable
  public record SignupView(
      long accountId,
      String name,
      String phoneMasked,
      Activity.SignupStatus status,
      Instant signedUpAt,
      @Nullable Instant checkedInAt) {}
}
