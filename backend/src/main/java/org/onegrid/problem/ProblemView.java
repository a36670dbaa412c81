package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A problem as one person may see it: reporters' names are left out where they asked to be hidden.
 */
@Serdeable
public record ProblemView(
    long id,
    String categoryCode,
    String categoryName,
    String categoryIcon,
    String description,
    ProblemState state,
    long gridId,
    String gridName,
    @Nullable String place,
    @Nullable BigDecimal lat,
    @Nullable BigDecimal lng,
    @Nullable String reporterName,
    boolean mine,
    @Nullable String assigneeName,
    String source,
    @Nullable String departmentName,
    Instant acceptDueAt,
    Instant resolveDueAt,
    boolean overdue,
    int redoCount,
    int escalationLevel,
    @Nullable Integer rating,
    Instant createdAt,
    Instant updatedAt,
    List<PhotoService.PhotoRef> photos,
    Followers followers,
    List<ProblemAction> allowedActions,
    int unread,
    List<Answer> answers,
    @Nullable List<Event> timeline,
    Visibility visibility,
    boolean canBePublic) {

  /**
   * Public: people of the grid and Open311 readers may see it (without names, with a coarse place);
   * private: only the reporter and the staff who reach it.
   */
  @Serdeable
  public enum Visibility {
    PUBLIC,
    PRIVATE
  }

  /** How many said "me too", and whether the viewer is one of them. */
  @Serdeable
  public record Followers(int count, boolean following) {}

  /** An answer to one of the category's extra questions. */
  @Serdeable
  public record Answer(String question, String answer) {}

  /** One entry of the timeline. */
  @Serdeable
  public record Event(
      String action,
      @Nullable ProblemState from,
      ProblemState to,
      @Nullable String actorName,
      @Nullable String reason,
      Instant at) {}
}
