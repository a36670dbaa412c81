package org.onegrid.hotline;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.onegrid.notify.TwilioSignatures;
import org.onegrid.platform.ProblemAnswers;

/**
 * Twilio's voice webhooks for the communities' hotline numbers. Every request must carry a valid
 * X-Twilio-Signature for the public URL it was sent to (query included); anything else is 403 and
 * changes nothing.
 */
@Controller(VoiceService.BASE)
@ProblemAnswers
@Requires(property = "onegrid.twilio.account-sid")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "webhooks")
final class VoiceController {

  private final VoiceService voice;
  private final TwilioSignatures signatures;

  VoiceController(VoiceService voice, TwilioSignatures signatures) {
    this.voice = voice;
    this.signatures = signatures;
  }

  @Post(uri = "/incoming", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "A call to a hotline number: greeting, then ring the person on duty")
  HttpResponse<String> incoming(HttpRequest<?> request, @Body Map<String, String> form) {
    signatures.verify(request, form);
    return twiml(
        voice.incoming(
            form.getOrDefault("CallSid", ""),
            form.getOrDefault("From", ""),
            form.getOrDefault("To", "")));
  }

  @Post(uri = "/screen", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Played to the person rung before connecting: press 1 to take the call")
  HttpResponse<String> screen(
      HttpRequest<?> request,
      @Body Map<String, String> form,
      @QueryValue long contact,
      @QueryValue int step) {
    signatures.verify(request, form);
    return twiml(voice.screen(contact, step));
  }

  @Post(uri = "/screened", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "The key the person rung pressed")
  HttpResponse<String> screened(
      HttpRequest<?> request,
      @Body Map<String, String> form,
      @QueryValue long contact,
      @QueryValue int step) {
    signatures.verify(request, form);
    return twiml(voice.screened(contact, step, form.get("Digits")));
  }

  @Post(uri = "/dialed", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "A ring of the chain ended: done if taken, else ring the next")
  HttpResponse<String> dialed(
      HttpRequest<?> request,
      @Body Map<String, String> form,
      @QueryValue long contact,
      @QueryValue int step) {
    signatures.verify(request, form);
    return twiml(voice.dialed(contact, step));
  }

  @Post(uri = "/recorded", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "The caller's voicemail")
  HttpResponse<String> recorded(
      HttpRequest<?> request, @Body Map<String, String> form, @QueryValue long contact) {
    signatures.verify(request, form);
    return twiml(
        voice.recorded(contact, form.get("RecordingUrl"), seconds(form.get("RecordingDuration"))));
  }

  @Post(uri = "/status", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(
      summary = "The call's status callback: a call ended untaken and without voicemail is missed")
  HttpResponse<?> status(HttpRequest<?> request, @Body Map<String, String> form) {
    signatures.verify(request, form);
    if ("completed".equals(form.get("CallStatus")) && form.get("CallSid") != null) {
      voice.ended(form.get("CallSid"));
    }
    return HttpResponse.noContent();
  }

  private static int seconds(@Nullable String value) {
    try {
      return value == null ? 0 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static HttpResponse<String> twiml(String xml) {
    return HttpResponse.ok(xml).contentType(MediaType.TEXT_XML_TYPE);
  }
}
