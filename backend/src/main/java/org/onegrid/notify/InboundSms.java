package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * Something that takes texts sent to one of OneGrid's numbers (a community's hotline). The first
 * handler that accepts a text answers it; STOP and START are handled before any of them.
 */
public interface InboundSms {

  /**
   * Handles a text; returns the reply to text back (null for none), or empty when the number is not
   * this handler's.
   */
  Optional<Reply> handle(String messageSid, String from, String to, String body);

  /** What to text back, if anything. */
  record Reply(@Nullable String text) {}
}
