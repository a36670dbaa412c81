package org.onegrid.notify;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What OneGrid does with what Twilio reports (its signature already checked): a delivery status
 * settles the text it is about, and a number Twilio says has opted out is not texted again; a reply
 * of STOP/退订 opts its sender out, START/订阅 back in, and any other text goes to the first {@link
 * InboundSms} handler that takes it (a community's hotline), whose answer is the reply.
 */
@Singleton
class TwilioReplies {

  static final Set<String> STOP =
      Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "退订", "TD");
  static final Set<String> START = Set.of("START", "UNSTOP", "YES", "订阅");

  private final OutboxRepository outbox;
  private final SmsOutbox sms;
  private final List<InboundSms> handlers;

  TwilioReplies(OutboxRepository outbox, SmsOutbox sms, List<InboundSms> handlers) {
    this.outbox = outbox;
    this.sms = sms;
    this.handlers = handlers;
  }

  /** A status callback's fields: MessageSid, MessageStatus (or SmsStatus), ErrorCode, To. */
  void status(Map<String, String> form) {
    String sid = form.get("MessageSid");
    String status = form.getOrDefault("MessageStatus", form.get("SmsStatus"));
    if (sid == null || status == null) {
      return;
    }
    String error = form.get("ErrorCode");
    outbox.updateProviderStatus(sid, status, error == null ? null : "twilio error " + error);
    if (String.valueOf(SmsDispatcher.TWILIO_OPTED_OUT).equals(error) && form.get("To") != null) {
      sms.optOut(form.get("To"), "twilio-21610");
    }
  }

  /** An inbound text's fields (From, To, Body, MessageSid); the reply to text back, if any. */
  Optional<String> inbound(Map<String, String> form) {
    String from = form.get("From");
    if (from == null) {
      return Optional.empty();
    }
    String body = form.getOrDefault("Body", "").trim();
    String word = body.toUpperCase(Locale.ROOT);
    if (STOP.contains(word)) {
      sms.optOut(from, "reply");
      return Optional.empty();
    }
    if (START.contains(word)) {
      sms.optIn(from);
      return Optional.empty();
    }
    if (form.get("To") == null || form.get("MessageSid") == null) {
      return Optional.empty();
    }
    for (InboundSms handler : handlers) {
      var handled = handler.handle(form.get("MessageSid"), from, form.get("To"), body);
      if (handled.isPresent()) {
        // Handled with nothing to say (a replayed text, an empty one): no reply, and no next
        // handler.
        return Optional.ofNullable(handled.get().text());
      }
    }
    return Optional.empty();
  }
}
