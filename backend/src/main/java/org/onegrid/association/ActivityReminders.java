package org.onegrid.association;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Tx;

/** The day-before reminder of an activity, to everyone signed up for it. */
@Singleton
class ActivityReminders {

  private final ActivityRepository activities;
  private final AccountService accounts;
  private final Notifications notify;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;

  ActivityReminders(
      ActivityRepository activities,
      AccountService accounts,
      Notifications notify,
      Messages texts,
      Tx tx,
      Clock clock) {
    this.activities = activities;
    this.accounts = accounts;
    this.notify = notify;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
  }

  /** Reminds everyone signed up, the day before; of several instances one sends each reminder. */
  @Scheduled(
      fixedDelay = "${onegrid.activities.reminder-interval:10m}",
      initialDelay = "${onegrid.activities.reminder-first-delay:30s}")
  void remind() {
    Instant now = clock.instant();
    for (long id : activities.findDueForReminder(now, now.plus(Duration.ofHours(24)), 200)) {
      tx.run(
          () -> {
            if (!activities.claimReminder(id, now)) {
              return null;
            }
            Activity a = activities.findById(id).orElseThrow();
            for (ActivityRepository.Signup s : activities.findSignups(id)) {
              if (s.status() != Activity.SignupStatus.SIGNED_UP) {
                continue;
              }
              Account person = accounts.get(s.accountId());
              notify.tell(
                  person,
                  "activity-reminder",
                  "/activities/" + id,
                  locale ->
                      texts.get(
                          locale,
                          "sms.activity-reminder",
                          a.title(),
                          texts.when(a.startsAt(), locale),
                          a.place()));
            }
            return null;
          });
    }
  }
}
