package org.onegrid.association;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;

/**
 * Signing up for activities: a place while there are places, else the waiting list (sign-ups of one
 * activity queue on its row); a cancellation moves the first waiting up and texts them; the
 * organiser sees who came and checks them in.
 */
@Singleton
class ActivitySignups {

  private final ActivityRepository activities;
  private final AssociationRepository associationEvents;
  private final ActivityAccess access;
  private final AccountService accounts;
  private final Notifications notify;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;

  ActivitySignups(
      ActivityRepository activities,
      AssociationRepository associationEvents,
      ActivityAccess access,
      AccountService accounts,
      Notifications notify,
      Messages texts,
      Tx tx,
      Clock clock) {
    this.activities = activities;
    this.associationEvents = associationEvents;
    this.access = access;
    this.accounts = accounts;
    this.notify = notify;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Signs up while there are places, else puts the person on the waiting list. Signing up twice
   * changes nothing.
   */
  AssociationViews.ActivityView signUp(Account person, long id) {
    Activity updated =
        tx.run(
            () -> {
              Activity a = activities.lock(id).orElseThrow(ApiException::notFound);
              access.requireVisible(person, a);
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
    return access.view(person, updated);
  }

  /** Cancels a sign-up; the first on the waiting list moves up and is texted. */
  AssociationViews.ActivityView cancel(Account person, long id) {
    Activity updated =
        tx.run(
            () -> {
              Activity a = activities.lock(id).orElseThrow(ApiException::notFound);
              Optional<Activity.SignupStatus> was = activities.findStatus(id, person.id());
              if (was.isEmpty()) {
                // Never on it: nothing to cancel, and nothing to learn about an activity not
                // theirs.
                access.requireVisible(person, a);
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
    return access.view(person, updated);
  }

  Places places(Activity a) {
    return new Places(
        a.capacity(),
        () -> activities.countSignedUp(a.id()),
        () -> activities.findFirstWaiting(a.id()));
  }

  /** The first on the waiting list gets a place and is told why ({@code textKey}). */
  void moveUp(Activity a, long next, String textKey, Instant now) {
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
  List<AssociationViews.SignupView> signups(Account organiser, long id) {
    Activity a = activities.findById(id).orElseThrow(ApiException::notFound);
    access.requireManager(organiser, a);
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
  List<AssociationViews.SignupView> checkIn(Account organiser, long id, long accountId) {
    Activity a = activities.findById(id).orElseThrow(ApiException::notFound);
    access.requireManager(organiser, a);
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

  private String when(Activity a, Locale locale) {
    return texts.when(a.startsAt(), locale);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
