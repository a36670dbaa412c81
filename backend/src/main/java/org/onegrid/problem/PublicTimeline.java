package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.onegrid.platform.Messages;

/**
 * What happened to problems as anyone may follow it (the Open311 updates feed): each change of
 * state with the reason given to the reporter, and each staff reply to the reporter, with numbers
 * masked and no names; of public problems, and of an Open311 app's own.
 */
@Singleton
public class PublicTimeline {

  /**
   * One thing that happened: "e" and the event's id for a change of state, "m" and the message's id
   * for a reply; the state the problem was in after it; whether it was closed as a duplicate.
   */
  public record Update(
      String id, long problemId, ProblemState state, boolean duplicate, String text, Instant at) {}

  private final TimelineRepository timeline;
  private final Messages texts;

  PublicTimeline(TimelineRepository timeline, Messages texts) {
    this.timeline = timeline;
    this.texts = texts;
  }

  /**
   * What happened in [from, to), oldest first, at most {@code limit} (the oldest): of public
   * problems, and of those reported by {@code alsoReporterId} (an app's, or null).
   */
  public List<Update> between(
      Instant from, Instant to, @Nullable Long alsoReporterId, int limit, Locale locale) {
    List<Update> updates = new ArrayList<>();
    for (TimelineRepository.StateChange c :
        timeline.stateChanges(from, to, alsoReporterId, limit)) {
      boolean duplicate = "MERGE".equals(c.action());
      String text =
          duplicate
              ? texts.get(locale, "open311.update.duplicate", String.valueOf(c.reason()))
              : c.reason() != null && !c.reason().isBlank()
                  ? Publication.mask(c.reason())
                  : texts.get(locale, "open311.update." + c.to().name());
      updates.add(new Update("e" + c.id(), c.problemId(), c.to(), duplicate, text, c.at()));
    }
    List<TimelineRepository.StaffReply> replies =
        timeline.staffReplies(from, to, alsoReporterId, limit);
    Map<Long, List<TimelineRepository.StateAt>> states = new HashMap<>();
    for (TimelineRepository.StateAt s :
        timeline.statesBefore(
            replies.stream().map(TimelineRepository.StaffReply::problemId).distinct().toList(),
            to)) {
      states.computeIfAbsent(s.problemId(), k -> new ArrayList<>()).add(s);
    }
    for (TimelineRepository.StaffReply r : replies) {
      ProblemState state = ProblemState.SUBMITTED;
      for (TimelineRepository.StateAt s : states.getOrDefault(r.problemId(), List.of())) {
        if (s.at().isAfter(r.at())) {
          break;
        }
        state = s.state();
      }
      updates.add(
          new Update(
              "m" + r.id(), r.problemId(), state, false, Publication.mask(r.body()), r.at()));
    }
    updates.sort(Comparator.comparing(Update::at).thenComparing(Update::id));
    return updates.size() > limit ? updates.subList(0, limit) : updates;
  }
}
