package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Web Push, a free channel beside SMS (implemented by the push feature). A message for someone
 * whose browser allowed notifications goes by push instead of text; the outbox sends it, with the
 * same retries and health, and turns it back into a text when no browser takes it any more.
 */
public interface PushChannel {

  /**
   * Whether this person has a browser that takes push messages, as a condition the outbox asks in
   * the same query as its own (whether the phone opted out of texts): one round trip, not two.
   */
  Condition reaches(long accountId);

  /**
   * Makes one attempt to deliver to every browser of the person with this phone. {@code messageId}
   * names the message to the push service (its Topic) and the phone (its tag), so an attempt
   * repeated after a lost answer replaces, rather than adds to, the first.
   */
  Delivery deliver(String toE164, String body, @Nullable String link, long messageId);

  sealed interface Delivery {}

  /** At least one browser's push service took it. */
  record Delivered(int browsers) implements Delivery {}

  /** No browser takes push any more (unsubscribed, uninstalled): send it as a text. */
  record NoBrowser() implements Delivery {}

  /** The push service is unreachable or busy; try again, not before {@code retryAfter}. */
  record TryAgain(String error, @Nullable Duration retryAfter) implements Delivery {}

  /** The push service refused it for good. */
  record Refused(String error) implements Delivery {}

  /** No push at all: every message is a text. */
  PushChannel NONE =
      new PushChannel() {
        @Override
        public Condition reaches(long accountId) {
          return DSL.falseCondition();
        }

        @Override
        public Delivery deliver(String toE164, String body, @Nullable String link, long id) {
          return new NoBrowser();
        }
      };
}
