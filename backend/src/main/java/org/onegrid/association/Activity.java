package org.onegrid.association;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** An activity of an association or of a community, as stored. */
record Activity(
    long id,
    @Nullable Long associationId,
    long communityId,
    @Nullable Long seriesId,
    String title,
    String description,
    String place,
    Instant startsAt,
    Instant endsAt,
    Instant signupDeadline,
    int capacity,
    long createdBy,
    @Nullable Instant cancelledAt) {

  /** Where a person stands with an activity. */
  @Serdeable
  public enum SignupStatus {
    SIGNED_UP,
    WAITING,
    CANCELLED
  }
}
