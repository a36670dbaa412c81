package org.onegrid.association;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;

/**
 * Activities of associations: published by their organisers, once or every week; members and
 * neighbours sign up until the deadline, never beyond capacity (sign-ups of one activity queue on
 * its row); a cancellation moves the first on the waiting list up and texts them; the day before,
 * everyone signed up is reminded; the organiser checks people in.
 */
@Singleton
public class ActivityService {

  static final int MAX_REPEAT_WEEKS = 26;

  private final ActivityRepository activities;
  private final AssociationRepository associationEvents;
  private final AssociationAccess associations;
  private final AccountService accounts;
  private final org.onegrid.grid.GridService grids;
  private final Notifications notify;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;
  private final ZoneId zone;
  private final org.onegrid.audit.AuditLog audit;

  ActivityService(
      ActivityRepository activities,
      AssociationRepository associationEvents,
      AssociationAccess associations,
      AccountService accounts,
      org.onegrid.grid.GridService grids,
      Notifications notify,
      Messages texts,
      Tx tx,
      Clock clock,
      OneGridConfig config,
      org.onegrid.audit.AuditLog audit) {
    this.audit = audit;
    this.activities = activities;
    this.associationEvents = associationEvents;
    this.associations = associations;
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
    GridNode community = community(communityId);
    if (!associations.administers(staff, community)) {
      throw ApiException.forbidden();
    }
    return publishIn(staff, null, communityId, a);
  }

  /** The community's own coming activities, for its residents and the staff over it. */
  public List<AssociationViews.ActivityView> ofCommunity(Account viewer, long communityId) {
    GridNode community = community(communityId);
    if (!inCommunity(viewer, community)) {
      throw ApiException.notFound();
    }
    return activities.findByCommunity(communityId, clock.instant(), 60).stream()
        .map(a -> view(viewer, a))
        .toList();
  }

  private GridNode community(long id) {
    GridNode community = grids.find(id).orElseThrow(ApiException::notFound);
    if (community.level() != GridLevel.COMMUNITY) {
      throw ApiException.notFound();
    }
    return community;
  }

  private boolean inCommunity(Account viewer, GridNode community) {
    return associations.supervises(viewer, community)
        || associations.communityOf(viewer).map(c -> c.id() == community.id()).orElse(false);
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
              java.util.ArrayList<Long> created = new java.util.ArrayList<>();
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
    return ids.stream().map(id -> view(organiser, activities.findById(id).orElseThrow())).toList();
  }

  public List<AssociationViews.ActivityView> ofAssociation(Account viewer, long associationId) {
    Association association = associations.find(associationId);
    associations.requireVisible(viewer, association);
    return activities.findByAssociation(associationId, clock.instant(), 60).stream()
        .map(a -> view(viewer, a))
        .toList();
  }

  public AssociationViews.ActivityView get(Account viewer, long id) {
    Activity a = visible(viewer, id);
    return view(viewer, a);
  }

  /** What a person signed up or waits for, soonest first: their calendar. */
  public List<AssociationViews.ActivityView> mine(Account person) {
    return activities
        .findOfPerson(person.id(), clock.instant().minus(Duration.ofHours(12)), 100)
        .stream()
        .map(a -> view(person, a))
        .toList();
  }

  /**
   * Signs up while there are places, else puts the person on the waiting list. Signing up twice
   * changes nothing.
   */
  public AssociationViews.ActivityView signUp(Account person, long id) {
    Activity updated =
        tx.run(
            () -> {
              Activity a = activities.lock(id).orElseThrow(ApiException::notFound);
              requireVisible(person, a);
              if (a.cancelledAt() != null) {
                throw new ApiException(HttpStatus.CONFLICT, "activity-cancelled");
              }
              Instant now = now();
              if (now.isAfter(a.signupDeadline())) {
                throw new ApiException(HttpStatus.CONFLICT, "activity-signup-closed");
              }
              Optional<Activity.SignupStatus> was = activities.findStatus(id, person.id());
              if (was.isPresent() && was.get() != Activity.SignupStatus.CANCELLED) {
                return a;
              }
              Activity.SignupStatus next =
                  places(a).free()
                      ? Activity.SignupStatus.SIGNED_UP
                      : Activity.SignupStatus.WAITING;
              activities.setStatus(id, person.id(), next, now);
              activities.requeue(id, person.id(), now);
              associationEvents.insertEvent(
                  a.associationId(), id, person.id(), "SIGN_UP_" + next, person.id(), null, now);
              return a;
            });
    return view(person, updated);
  }

  /** Cancels a sign-up; the first on the waiting list moves up and is texted. */
  public AssociationViews.ActivityView cancel(Account person, long id) {
    Activity updated =
        tx.run(
            () -> {
              Activity a = activities.lock(id).orElseThrow(ApiException::notFound);
              Optional<Activity.SignupStatus> was = activities.findStatus(id, person.id());
              if (was.isEmpty()) {
                // Never on it: nothing to cancel, and nothing to learn about an activity not
                // theirs.
                requireVisible(person, a);
                return a;
              }
              if (was.get() == Activity.SignupStatus.CANCELLED) {
                return a;
              }
              Instant now = now();
              activities.setStatus(id, person.id(), Activity.SignupStatus.CANCELLED, now);
              associationEvents.insertEvent(
                  a.associationId(), id, person.id(), "CANCEL", person.id(), null, now);
              if (was.get() == Activity.SignupStatus.SIGNED_UP && now.isBefore(a.startsAt())) {
                places(a).moveUp(next -> moveUp(a, next, "sms.activity-moved-up", now));
              }
              return a;
            });
    return view(person, updated);
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
              requireManager(organiser, a);
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
    return view(organiser, activity);
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
              requireManager(organiser, a);
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
                  java.util.Map.of(
                      "startsAt", a.startsAt().toString(),
                      "place", a.place(),
                      "capacity", a.capacity()),
                  java.util.Map.of(
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
                places(changed)
                    .moveUp(next -> moveUp(changed, next, "sms.activity-more-places", now));
              }
              return changed;
            });
    return view(organiser, activity);
  }

  private Places places(Activity a) {
    return new Places(
        a.capacity(),
        () -> activities.countSignedUp(a.id()),
        () -> activities.findFirstWaiting(a.id()));
  }

  /** The first on the waiting list gets a place and is told why ({@code textKey}). */
  private void moveUp(Activity a, long next, String textKey, Instant now) {
    activities.setStatus(a.id(), next, Activity.SignupStatus.SIGNED_UP, now);
    associationEvents.insertEvent(a.associationId(), a.id(), null, "MOVE_UP", next, null, now);
    Account lucky = accounts.get(next);
    notify.tell(
        lucky,
        "activity-moved-up",
        "/activities/" + a.id(),
        locale -> texts.get(locale, textKey, a.title(), when(a, locale)));
  }

  /** Who signed up and who waits, with check-ins, for the organiser. */
  public List<AssociationViews.SignupView> signups(Account organiser, long id) {
    Activity a = activities.findById(id).orElseThrow(ApiException::notFound);
    requireManager(organiser, a);
    List<ActivityRepository.Signup> all = activities.findSignups(id);
    Map<Long, Account> people =
        accounts.byIds(all.stream().map(ActivityRepository.Signup::accountId).toList());
    return all.stream()
        .map(
            s ->
                new AssociationViews.SignupView(
                    s.accountId(),
                    people.get(s.accountId()).displayName(),
                    Phones.mask(people.get(s.accountId()).phone()),
                    s.status(),
                    s.signedUpAt(),
                    s.checkedInAt()))
        .toList();
  }

  /** The organiser checks a signed-up person in; checking in twice changes nothing. */
  public List<AssociationViews.SignupView> checkIn(Account organiser, long id, long accountId) {
    Activity a = activities.findById(id).orElseThrow(ApiException::notFound);
    requireManager(organiser, a);
    if (activities.findStatus(id, accountId).orElse(null) != Activity.SignupStatus.SIGNED_UP) {
      throw new ApiException(HttpStatus.CONFLICT, "activity-not-signed-up");
    }
    tx.run(
        () -> {
          Instant now = now();
          if (activities.checkIn(id, accountId, now)) {
            associationEvents.insertEvent(
                a.associationId(), id, organiser.id(), "CHECK_IN", accountId, null, now);
          }
          return null;
        });
    return signups(organiser, id);
  }

  /** The activity as an iCalendar file, for the phone's calendar. */
  public String ics(Account viewer, long id) {
    Activity a = visible(viewer, id);
    return org.onegrid.platform.Ics.event(
        "activity-" + a.id(),
        clock.instant(),
        a.startsAt(),
        a.endsAt(),
        a.title(),
        a.place(),
        a.description());
  }

  private Activity visible(Account viewer, long id) {
    Activity a = activities.findById(id).orElseThrow(ApiException::notFound);
    requireVisible(viewer, a);
    return a;
  }

  private void requireVisible(Account viewer, Activity a) {
    if (a.associationId() != null) {
      associations.requireVisible(viewer, associations.find(a.associationId()));
    } else if (!inCommunity(viewer, grids.get(a.communityId()))) {
      throw ApiException.notFound();
    }
  }

  private void requireManager(Account viewer, Activity a) {
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

  private AssociationViews.ActivityView view(Account viewer, Activity a) {
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
