package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.onegrid.platform.Messages;

/**
 * In-app notifications for everyone. Features call {@link #add} in the transaction of the change,
 * next to the SMS they queue, so the list and the texts never disagree; notifications go on when
 * SMS are opted out.
 */
@Singleton
public class Notifications {

  private final NotificationRepository notifications;
  private final SmsOutbox sms;
  private final Messages texts;
  private final Clock clock;

  Notifications(NotificationRepository notifications, SmsOutbox sms, Messages texts, Clock clock) {
    this.notifications = notifications;
    this.sms = sms;
    this.texts = texts;
    this.clock = clock;
  }

  /**
   * Tells a person, in their language, in the app and by push or SMS (push when a browser of theirs
   * takes it; SMS unless they opted out, and never to an Open311 app's account); call inside the
   * causing transaction. {@code text} writes the message in the language it is given.
   */
  public void tell(
      Recipient who, String purpose, @Nullable String link, Function<Locale, String> text) {
    String body = text.apply(texts.localeOf(who.locale()));
    if (who.textable()) {
      sms.deliver(who.id(), who.phone(), body, purpose, link);
    }
    add(who.id(), body, link);
  }

  /** Tells a person in the app only, in their language. */
  public void add(Recipient who, @Nullable String link, Function<Locale, String> text) {
    add(who.id(), text.apply(texts.localeOf(who.locale())), link);
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
