package org.onegrid.platform;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

/** Builds problem+json responses in the caller's language. */
@Singleton
public class ProblemResponses {

  private final Messages messages;

  ProblemResponses(Messages messages) {
    this.messages = messages;
  }

  public MutableHttpResponse<ProblemDetails> of(HttpRequest<?> request, ApiException e) {
    Locale locale = messages.localeOf(request);
    List<ProblemDetails.InvalidParam> errors =
        e.fieldErrors().stream()
            .map(
                f ->
                    new ProblemDetails.InvalidParam(
                        f.field(), messages.get(locale, f.messageKey(), f.args())))
            .toList();
    Long retryAfter = e.retryAfter() == null ? null : Math.max(1, e.retryAfter().toSeconds());
    ProblemDetails problem =
        new ProblemDetails(
            ProblemDetails.typeOf(e.code()),
            messages.get(locale, "status." + e.status().getCode()),
            e.status().getCode(),
            messages.get(locale, "problem." + e.code(), e.args()),
            e.code(),
            errors.isEmpty() ? null : errors,
            retryAfter);
    MutableHttpResponse<ProblemDetails> response =
        HttpResponse.<ProblemDetails>status(e.status())
            .body(problem)
            .contentType(ProblemDetails.MEDIA_TYPE);
    if (retryAfter != null) {
      response.header("Retry-After", String.valueOf(retryAfter));
    }
    return response;
  }

  public MutableHttpResponse<ProblemDetails> of(
      HttpRequest<?> request,
      HttpStatus status,
      String code,
      List<ProblemDetails.InvalidParam> errors) {
    Locale locale = messages.localeOf(request);
    ProblemDetails problem =
        new ProblemDetails(
            ProblemDetails.typeOf(code),
            messages.get(locale, "status." + status.getCode()),
            status.getCode(),
            messages.get(locale, "problem." + code),
            code,
            errors.isEmpty() ? null : errors,
            null);
    return HttpResponse.<ProblemDetails>status(status)
        .body(problem)
        .contentType(ProblemDetails.MEDIA_TYPE);
  }

  public Messages messages() {
    return messages;
  }
}
