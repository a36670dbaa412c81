package org.onegrid.association;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.audit.AuditLog;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Ics;
import org.onegrid.platform.Messages;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.platform.Tx;

/**
 * Activities of associations and communities: published by their organisers, once or every week,
 * changed or called off (everyone signed up is texted), listed and read. Signing up is {@link
 * ActivitySignups}; who may see and manage one is {@link ActivityAccess}; the reminder the day
 * before is {@link ActivityReminders}.
 */
@Singleton
public class ActivityService {

  static final int MAX_REPEAT_WEEKS = 26;

  private final ActivityRepository activities;
  private final AssociationRepository associationEvents;
  private final AssociationAccess associations;
  private final ActivityAccess access;
  private final ActivitySignups signups;
  private final AccountService accounts;
  private final GridService grids;
  private final Notifications notify;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;
  private final ZoneId zone;
  private final AuditLog audit;

  ActivityService(
      ActivityRepository activities,
      AssociationRepository associationEvents,
      AssociationAccess associations,
      ActivityAccess access,
      ActivitySignups signups,
      AccountService accounts,
      GridService grids,
      Notifications notify,
      Messages texts,
      Tx tx,
      Clock clock,
      OneGridConfig config,
      AuditLog audit) {
    this.audit = audit;
    this.activities = activities;
    this.associationEvents = associationEvents;
    this.associations = associations;
    this.access = access;
    this.signups = signups;
    this.accounts = accounts;
    this.grids = grids;
    this.notify = notify;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
    this.zone = config.getTimeZone();
  }

  /** The organiser publishes an activity, or a weekly series of them. */
  public List<AssociationViews.ActivityView> publish(
      Account organiser, long associationId, NewActivity a) {
    Association association = associations.find(associationId);
    associations.requireManager(organiser, association);
    return publishIn(organiser, associationId, association.communityId(), a);
  }

  /** The community's admins (and those above) publish an activity of the community itself. */
  public List<AssociationViews.ActivityView> publishForCommunity(
      Account staff, long communityId, NewActivity a) {
    GridNode community = access.community(communityId);
    if (!associations.administers(staff, community)) {
      throw ApiException.forbidden();
    }
    return publishIn(staff, null, communityId, a);
  }

  /** The community's own coming activities, for its residents and the staff over it. */
  public List<AssociationViews.ActivityView> ofCommunity(Account viewer, long communityId) {
    GridNode community = access.community(communityId);
    if (!access.inCommunity(viewer, community)) {
      throw ApiException.notFound();
    }
    return activities.findByCommunity(communityId, clock.instant(), 60).stream()
        .map(a -> access.view(viewer, a))
        .toList();
  }

  private List<AssociationViews.ActivityView> publishIn(
      Account organiser, @Nullable Long associationId, long communityId, NewActivity a) {
    if (!a.endsAt().isAfter(a.startsAt())) {
      throw ApiException.invalidField("endsAt", "validation.ends-after-start");
    }
    if (!a.startsAt().isAfter(clock.instant())) {
      throw ApiException.invalidField("startsAt", "validation.in-future");
    }
    Instant deadline = a.signupDeadline() == null ? a.startsAt() : a.signupDeadline();
    if (deadline.isAfter(a.startsAt())) {
      throw ApiException.invalidField("signupDeadline", "validation.deadline-before-start");
    }
    int weeks = Math.max(1, Math.min(MAX_REPEAT_WEEKS, a.repeatWeeks()));
    List<Long> ids =
        tx.run(
            () -> {
              Instant now = now();
              Long series = null;
              ArrayList<Long> created = new ArrayList<>();
              for (int w = 0; w < weeks; w++) {
                // Weekly in local time, so a series keeps its hour across daylight-saving changes.
                Instant start = plusWeeks(a.startsAt(), w);
                Instant end = plusWeeks(a.endsAt(), w);
                Instant until = plusWeeks(deadline, w);
                long id =
                    activities.insert(
                        associationId,
                        communityId,
                        series,
                        a,
                        start,
                        end,
                        until,
                        organiser.id(),
                        now);
                if (weeks > 1 && series == null) {
                  series = id;
                  activities.setSeries(id, id);
                }
                associationEvents.insertEvent(
                    associationId, id, organiser.id(), "PUBLISH", null, null, now);
                created.add(id);
              }
              return created;
            });
    return ids.stream()
        .map(id -> access.view(organiser, activities.findById(id).orElseThrow()))
        .toList();
  }

  public List<AssociationViews.ActivityView> ofAssociation(Account viewer, long associationId) {
    Association association = associations.find(associationId);
    associations.requireVisible(viewer, association);
    return activities.findByAssociation(associationId, clock.instant(), 60).stream()
        .map(a -> access.view(viewer, a))
        .toList();
  }

  public AssociationViews.ActivityView get(Account viewer, long id) {
    Activity a = access.visible(viewer, id);
    return access.view(viewer, a);
  }

  /** What a person signed up or waits for, soonest first: their calendar. */
  public List<AssociationViews.ActivityView> mine(Account person) {
    return activities
        .findOfPerson(person.id(), clock.instant().minus(Duration.ofHours(12)), 100)
        .stream()
        .map(a -> access.view(person, a))
        .toList();
  }

  /**
   * The organiser calls the activity off with a reason; everyone signed up or waiting is texted.
   */
  public AssociationViews.ActivityView callOff(Account organiser, long id, String reason) {
    String why = reason == null ? "" : reason.trim();
    if (why.isEmpty()) {
      throw ApiException.invalidField("reason", "validation.reason");
    }
    Activity activity =
        tx.run(
            () -> {
              Activity a = activities.lock(id).orElseThrow(ApiException::notFound);
              access.requireManager(organiser, a);
              Instant now = now();
              if (activities.callOff(id, now)) {
                associationEvents.insertEvent(
                    a.associationId(), id, organiser.id(), "CALL_OFF", null, why, now);
                for (ActivityRepository.Signup s : activities.findSignups(id)) {
                  Account person = accounts.get(s.accountId());
                  notify.tell(
                      person,
                      "activity-called-off",
                      "/activities/" + id,
                      locale ->
                          texts.get(
                              locale, "sms.activity-called-off", a.title(), when(a, locale), why));
                }
              }
              return activities.findById(id).orElseThrow();
            });
    return access.view(organiser, activity);
  }

  /**
   * The organiser changes a published activity. A new time or place is texted to everyone signed up
   * or waiting (and the reminder goes again before the new time); more places move the first
   * waiting up; fewer places than people already signed up are refused, so nobody loses a place.
   */
  public AssociationViews.ActivityView change(Account organiser, long id, NewActivity c) {
    if (!c.endsAt().isAfter(c.startsAt())) {
      throw ApiException.invalidField("endsAt", "validation.ends-after-start");
    }
    Instant deadline = c.signupDeadline() == null ? c.startsAt() : c.signupDeadline();
    if (deadline.isAfter(c.startsAt())) {
      throw ApiException.invalidField("signupDeadline", "validation.deadline-before-start");
    }
    Activity activity =
        tx.run(
            () -> {
              Activity a = activities.lock(id).orElseThrow(ApiException::notFound);
              access.requireManager(organiser, a);
              Instant now = now();
              if (a.cancelledAt() != null || !a.endsAt().isAfter(now)) {
                throw new ApiException(HttpStatus.CONFLICT, "activity-closed");
              }
              boolean newTime =
                  !a.startsAt().equals(c.startsAt()) || !a.endsAt().equals(c.endsAt());
              if (newTime && !c.startsAt().isAfter(now)) {
                throw ApiException.invalidField("startsAt", "validation.in-future");
              }
              int signed = activities.countSignedUp(id);
              if (c.capacity() < signed) {
                throw new ApiException(HttpStatus.CONFLICT, "capacity-below-signups", signed);
              }
              boolean newPlace = !a.place().equals(c.place().trim());
              activities.update(
                  id,
                  c.title().trim(),
                  c.description() == null ? "" : c.description().trim(),
                  c.place().trim(),
                  c.startsAt(),
                  c.endsAt(),
                  deadline,
                  c.capacity(),
                  newTime);
              associationEvents.insertEvent(
                  a.associationId(), id, organiser.id(), "CHANGE", null, null, now);
              Activity changed = activities.findById(id).orElseThrow();
              audit.record(
                  organiser,
                  grids.get(a.communityId()),
                  "activity.change",
                  changed.title(),
                  Map.of(
                      "startsAt", a.startsAt().toString(),
                      "place", a.place(),
                      "capacity", a.capacity()),
                  Map.of(
                      "startsAt", changed.startsAt().toString(),
                      "place", changed.place(),
                      "capacity", changed.capacity()));
              if (newTime || newPlace) {
                for (ActivityRepository.Signup s : activities.findSignups(id)) {
                  Account person = accounts.get(s.accountId());
                  notify.tell(
                      person,
                      "activity-changed",
                      "/activities/" + id,
                      locale ->
                          texts.get(
                              locale,
                              "sms.activity-changed",
                              changed.title(),
                              when(changed, locale),
                              changed.place()));
                }
              }
              if (now.isBefore(changed.startsAt())) {
                signups
                    .places(changed)
                    .moveUp(next -> signups.moveUp(changed, next, "sms.activity-more-places", now));
              }
              return changed;
            });
    return access.view(organiser, activity);
  }

  /** The activity as an iCalendar file, for the phone's calendar. */
  public String ics(Account viewer, long id) {
    Activity a = access.visible(viewer, id);
    return Ics.event(
        "activity-" + a.id(),
        clock.instant(),
        a.startsAt(),
        a.endsAt(),
        a.title(),
        a.place(),
        a.description());
  }

  private String when(Activity a, Locale locale) {
    return texts.when(a.startsAt(), locale);
  }

  private Instant plusWeeks(Instant at, int weeks) {
    return at.atZone(zone).plusWeeks(weeks).toInstant();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** What an organiser publishes. */
  public record NewActivity(
      String title,
      String description,
      String place,
      Instant startsAt,
      Instant endsAt,
      @Nullable Instant signupDeadline,
      int capacity,
      int repeatWeeks) {}
}
