package org.onegrid.platform;

import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.List;

/**
 * A request that cannot be served as asked, told to the caller as problem+json in their language.
 * {@code code} is both the machine-readable problem type and the message key {@code
 * problem.<code>}.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final transient Object[] args;
  private final List<FieldError> fieldErrors;
  private final Duration retryAfter;

  public ApiException(HttpStatus status, String code, Object... args) {
    this(status, code, List.of(), null, args);
  }

  private ApiException(
      HttpStatus status,
      String code,
      List<FieldError> fieldErrors,
      Duration retryAfter,
      Object... args) {
    super(code);
    this.status = status;
    this.code = code;
    this.args = args;
    this.fieldErrors = fieldErrors;
    this.retryAfter = retryAfter;
  }

  /** One field of the input is wrong; {@code messageKey} names the message shown beside it. */
  public static ApiException invalidField(String field, String messageKey, Object... args) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        "validation",
        List.of(new FieldError(field, messageKey, args)),
        null);
  }

  public static ApiException tooManyRequests(String code, Duration retryAfter) {
    return new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        code,
        List.of(),
        retryAfter,
        Math.max(1, retryAfter.toSeconds()));
  }

  /**
   * The server cannot do it right now (the database is unreachable or too busy): nothing was saved,
   * ask again after {@code retryAfter}.
   */
  public static ApiException unavailable(String code, Duration retryAfter) {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, code, List.of(), retryAfter);
  }

  public static ApiException notFound() {
    return new ApiException(HttpStatus.NOT_FOUND, "not-found");
  }

  public static ApiException forbidden() {
    return new ApiException(HttpStatus.FORBIDDEN, "forbidden");
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Object[] args() {
    return args;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** A field's error before it is put into words. */
  public record FieldError(String field, String messageKey, Object[] args) {}
}
