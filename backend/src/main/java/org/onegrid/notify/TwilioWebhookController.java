package org.onegrid.notify;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Message;
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
import java.util.Map;
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

  private final TwilioSignatures signatures;
  private final TwilioReplies replies;

  TwilioWebhookController(TwilioSignatures signatures, TwilioReplies replies) {
    this.signatures = signatures;
    this.replies = replies;
  }

  @Post(uri = "/sms-status", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Twilio delivery status callback (signature-checked)")
  HttpResponse<?> status(HttpRequest<?> request, @Body Map<String, String> form) {
    verify(request, form);
    replies.status(form);
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
    String reply = replies.inbound(form).orElse(null);
    var twiml = new MessagingResponse.Builder();
    if (reply != null) {
      twiml.message(
          new Message.Builder()
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
