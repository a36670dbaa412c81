package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;

/**
 * Where an SMS leaves OneGrid: Twilio in production, the log and demo inbox when Twilio is not
 * configured.
 */
interface SmsSender {

  /** A short name stored with each message: which provider sent it. */
  String name();

  /**
   * Makes exactly one attempt to hand the message to the provider. Never retries by itself: retries
   * are the dispatcher's, recorded row by row, so a message is not sent twice behind the outbox's
   * back.
   */
  Result send(String toE164, String body);

  /**
   * Makes exactly one attempt to have the provider phone {@code toE164} and say {@code words} (in
   * Mandarin, or English for English words). Same answers and same rules as {@link #send}.
   */
  default Result call(String toE164, String words) {
    return new Refused(name() + " cannot make phone calls", null);
  }

  /**
   * Asks the provider whether it placed a call to {@code toE164} since {@code since}: how a call
   * request whose answer never came is settled.
   */
  default Lookup findCall(String toE164, Instant since) {
    return new CannotAsk(name() + " cannot be asked about past calls");
  }

  /**
   * Asks the provider whether it holds this message (same recipient and words, created since {@code
   * since}): how an attempt whose answer never came is settled without guessing.
   */
  default Lookup find(String toE164, String body, Instant since) {
    return new CannotAsk(name() + " cannot be asked about past messages");
  }

  sealed interface Result {}

  /** The provider accepted the message. */
  record Accepted(String providerId, String providerStatus) implements Result, Lookup {}

  /**
   * The provider did not take the message (unreachable, overloaded, throttled); try again later,
   * not before {@code retryAfter} when it said so.
   */
  record TryAgain(String error, @Nullable Duration retryAfter) implements Result {
    TryAgain(String error) {
      this(error, null);
    }
  }

  /** The provider refused the message for good (bad number, opted out). */
  record Refused(String error, Integer providerCode) implements Result {}

  /**
   * The request may have reached the provider but no answer came (read timeout, connection reset
   * after sending, a gateway timeout): the message may or may not exist there.
   */
  record Unsure(String error) implements Result {}

  /** What the provider says about a message asked for with {@link #find}. */
  sealed interface Lookup {}

  /** The provider does not hold such a message: it may be sent again. */
  record NotFound() implements Lookup {}

  /** The provider could not be asked now; ask again later. */
  record CannotAsk(String error) implements Lookup {}
}
