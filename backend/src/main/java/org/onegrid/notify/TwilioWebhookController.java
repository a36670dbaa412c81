package org.onegrid.notify;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.onegrid.platform.ProblemAnswers;

/**
 * What Twilio tells OneGrid: delivery status of sent messages, and replies to them (STOP/退订 to opt
 * out, START/订阅 to opt back in). Every request must carry a valid X-Twilio-Signature for the public
 * URL it was sent to; anything else is refused with 403 and changes nothing.
 */
@Controller("/api/v1/webhooks/twilio")
@ProblemAnswers
@Requires(property = TwilioSmsSender.ACCOUNT_SID)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "webhooks")
final class TwilioWebhookController {

  private static final Set<String> STOP =
      Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "退订", "TD");
  private static final Set<String> START = Set.of("START", "UNSTOP", "YES", "订阅");

  private final TwilioSignatures signatures;
  private final OutboxRepository outbox;
  private final SmsOutbox sms;
  private final List<InboundSms> handlers;

  TwilioWebhookController(
      TwilioSignatures signatures,
      OutboxRepository outbox,
      SmsOutbox sms,
      List<InboundSms> handlers) {
    this.signatures = signatures;
    this.outbox = outbox;
    this.sms = sms;
    this.handlers = handlers;
  }

  @Post(uri = "/sms-status", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Twilio delivery status callback (signature-checked)")
  HttpResponse<?> status(HttpRequest<?> request, @Body Map<String, String> form) {
    verify(request, form);
    String sid = form.get("MessageSid");
    String status = form.getOrDefault("MessageStatus", form.get("SmsStatus"));
    if (sid != null && status != null) {
      String error = form.get("ErrorCode");
      outbox.updateProviderStatus(sid, status, error == null ? null : "twilio error " + error);
      if (String.valueOf(SmsDispatcher.TWILIO_OPTED_OUT).equals(error) && form.get("To") != null) {
        sms.optOut(form.get("To"), "twilio-21610");
      }
    }
    return HttpResponse.noContent();
  }

  @Post(
      uri = "/sms-inbound",
      consumes = MediaType.APPLICATION_FORM_URLENCODED,
      produces = MediaType.TEXT_XML)
  @Operation(
      summary =
          "Texts to OneGrid's numbers: STOP/退订 and START/订阅, and texts to a community's hotline"
              + " (signature-checked)")
  HttpResponse<String> inbound(HttpRequest<?> request, @Body Map<String, String> form) {
    verify(request, form);
    String from = form.get("From");
    String body = form.getOrDefault("Body", "").trim();
    String word = body.toUpperCase(Locale.ROOT);
    String reply = null;
    if (from != null && STOP.contains(word)) {
      sms.optOut(from, "reply");
    } else if (from != null && START.contains(word)) {
      sms.optIn(from);
    } else if (from != null && form.get("To") != null && form.get("MessageSid") != null) {
      for (InboundSms handler : handlers) {
        var handled = handler.handle(form.get("MessageSid"), from, form.get("To"), body);
        if (handled.isPresent()) {
          reply = handled.get().text();
          break;
        }
      }
    }
    var twiml = new com.twilio.twiml.MessagingResponse.Builder();
    if (reply != null) {
      twiml.message(
          new com.twilio.twiml.messaging.Message.Builder()
              .body(new com.twilio.twiml.messaging.Body.Builder(reply).build())
              .build());
    }
    return HttpResponse.ok(twiml.build().toXml()).contentType(MediaType.TEXT_XML_TYPE);
  }

  private void verify(HttpRequest<?> request, Map<String, String> form) {
    signatures.verify(
        request,
        form.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))));
  }
}
