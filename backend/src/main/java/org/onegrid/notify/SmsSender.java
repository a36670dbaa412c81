package org.onegrid.notify;

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

  sealed interface Result {}

  /** The provider accepted the message. */
  record Accepted(String providerId, String providerStatus) implements Result {}

  /** The provider could not be reached or was overloaded; try again later. */
  record TryAgain(String error) implements Result {}

  /** The provider refused the message for good (bad number, opted out). */
  record Refused(String error, Integer providerCode) implements Result {}
}
