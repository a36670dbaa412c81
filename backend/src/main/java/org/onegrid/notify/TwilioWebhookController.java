package org.onegrid.notify;

import com.twilio.security.RequestValidator;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.onegrid.platform.ApiException;

/**
 * What Twilio tells OneGrid: delivery status of sent messages, and replies to them (STOP/退订 to opt
 * out, START/订阅 to opt back in). Every request must carry a valid X-Twilio-Signature for the public
 * URL it was sent to; anything else is refused with 403 and changes nothing.
 */
@Controller("/api/v1/webhooks/twilio")
@Requires(property = TwilioSmsSender.ACCOUNT_SID)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "webhooks")
final class TwilioWebhookController {

  private static final Set<String> STOP =
      Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "退订", "TD");
  private static final Set<String> START = Set.of("START", "UNSTOP", "YES", "订阅");

  private final RequestValidator validator;
  private final String publicUrl;
  private final OutboxRepository outbox;
  private final SmsOutbox sms;

  TwilioWebhookController(
      @Value("${onegrid.twilio.auth-token}") String authToken,
      @Nullable @Value("${onegrid.public-url:}") String publicUrl,
      OutboxRepository outbox,
      SmsOutbox sms) {
    this.validator = new RequestValidator(authToken);
    this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    this.outbox = outbox;
    this.sms = sms;
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
      summary = "Replies texted to OneGrid's number: STOP/退订 and START/订阅 (signature-checked)")
  HttpResponse<String> inbound(HttpRequest<?> request, @Body Map<String, String> form) {
    verify(request, form);
    String from = form.get("From");
    String word = form.getOrDefault("Body", "").trim().toUpperCase(Locale.ROOT);
    if (from != null && STOP.contains(word)) {
      sms.optOut(from, "reply");
    } else if (from != null && START.contains(word)) {
      sms.optIn(from);
    }
    return HttpResponse.ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>")
        .contentType(MediaType.TEXT_XML_TYPE);
  }

  private void verify(HttpRequest<?> request, Map<String, String> form) {
    String signature = request.getHeaders().get("X-Twilio-Signature");
    String url = publicUrl + request.getPath();
    Map<String, String> params =
        form.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    if (signature == null || publicUrl.isEmpty() || !validator.validate(url, params, signature)) {
      throw new ApiException(HttpStatus.FORBIDDEN, "twilio-signature");
    }
  }
}
