package org.onegrid.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** An RFC 9457 problem document, with per-field errors for validation. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemDetails(
    String type,
    String title,
    int status,
    String detail,
    String code,
    @Nullable List<InvalidParam> errors,
    @Nullable Long retryAfterSeconds) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * One invalid field: its path in the request and what is wrong with it, in the caller's language.
   */
  @Serdeable
  public record InvalidParam(String field, String message) {}

  static String typeOf(String code) {
    return "urn:onegrid:problem:" + code;
  }
}
