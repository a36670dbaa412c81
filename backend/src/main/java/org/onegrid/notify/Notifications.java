package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * In-app notifications for everyone. Features call {@link #add} in the transaction of the change,
 * next to the SMS they queue, so the list and the texts never disagree; notifications go on when
 * SMS are opted out.
 */
@Singleton
public class Notifications {

  private final NotificationRepository notifications;
  private final SmsOutbox sms;
  private final Clock clock;

  Notifications(NotificationRepository notifications, SmsOutbox sms, Clock clock) {
    this.notifications = notifications;
    this.sms = sms;
    this.clock = clock;
  }

  /**
   * Tells a person in the app and by push or SMS (push when a browser of theirs takes it; SMS
   * unless they opted out); call inside the causing transaction.
   */
  public void tell(
      long accountId, String phone, String text, String purpose, @Nullable String link) {
    // Accounts of Open311 apps have no phone to text.
    if (phone.startsWith("+")) {
      sms.deliver(accountId, phone, text, purpose, link);
    }
    add(accountId, text, link);
  }

  public void add(long accountId, String body, @Nullable String link) {
    notifications.insert(accountId, stripBrand(body), link, clock.instant());
  }

  public List<Notification> latest(long accountId, @Nullable Long beforeId) {
    return notifications.findByAccount(accountId, beforeId, 50);
  }

  public int unread(long accountId) {
    return notifications.countUnread(accountId);
  }

  public void markAllRead(long accountId) {
    notifications.markAllRead(accountId, clock.instant());
  }

  /** SMS texts open with the sender's name in brackets; in the app that is noise. */
  private static String stripBrand(String body) {
    return body.replaceFirst("^(【[^】]*】|\\[OneGrid\\] )", "");
  }
}
