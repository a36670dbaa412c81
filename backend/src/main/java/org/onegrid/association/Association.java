package org.onegrid.association;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** An association of a community, as stored. */
public record Association(
    long id,
    long communityId,
    boolean openToNeighbours,
    String name,
    Kind kind,
    String description,
    @Nullable Long coverPhotoId,
    long organiserId,
    @Nullable String meetingTime,
    @Nullable String meetingPlace,
    @Nullable Integer memberLimit,
    JoinPolicy joinPolicy,
    Instant createdAt) {

  /** What kind of association it is. */
  @Serdeable
  public enum Kind {
    CLUB,
    VOLUNTEER,
    MUTUAL_AID
  }

  /** Whether joining needs the organiser's approval. */
  @Serdeable
  public enum JoinPolicy {
    OPEN,
    APPROVAL
  }

  /** Where a person stands with an association. */
  @Serdeable
  public enum MemberStatus {
    PENDING,
    MEMBER,
    WAITING,
    DECLINED,
    LEFT
  }
}
