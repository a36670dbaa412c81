package org.onegrid.platform;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error leaves the server as problem+json in the caller's language; none as a bare 500 with a
 * stack.
 */
final class ErrorHandlers {

  private ErrorHandlers() {}

  @Singleton
  @Produces(ProblemDetails.MEDIA_TYPE)
  static final class ApiExceptionHandler
      implements ExceptionHandler<ApiException, HttpResponse<?>> {
    private final ProblemResponses problems;

    ApiExceptionHandler(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiException exception) {
      return problems.of(request, exception);
    }
  }

  /** Bean Validation failures become one 400 with an entry per field. */
  @Singleton
  @Produces(ProblemDetails.MEDIA_TYPE)
  @Replaces(ConstraintExceptionHandler.class)
  static final class ConstraintViolationHandler
      implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {
    private final ProblemResponses problems;

    ConstraintViolationHandler(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
      Locale locale = problems.messages().localeOf(request);
      List<ProblemDetails.InvalidParam> errors = new ArrayList<>();
      for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
        String constraint =
            violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        Object[] args =
            violation.getConstraintDescriptor().getAttributes().entrySet().stream()
                .filter(
                    e ->
                        e.getKey().equals("min")
                            || e.getKey().equals("max")
                            || e.getKey().equals("value"))
                .sorted(Map.Entry.comparingByKey(Comparator.reverseOrder()))
                .map(Map.Entry::getValue)
                .toArray();
        errors.add(
            new ProblemDetails.InvalidParam(
                fieldOf(violation.getPropertyPath()),
                problems.messages().get(locale, "validation." + constraint, args)));
      }
      return problems.of(request, HttpStatus.BAD_REQUEST, "validation", errors);
    }

    /**
     * The path without the method and parameter names Micronaut puts in front: "body.phone" →
     * "phone".
     */
    private static String fieldOf(Path path) {
      List<String> names = new ArrayList<>();
      Iterator<Path.Node> nodes = path.iterator();
      while (nodes.hasNext()) {
        Path.Node node = nodes.next();
        if (node.getKind() == ElementKind.PROPERTY
            || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
          names.add(node.getName());
        }
      }
      if (names.isEmpty()) {
        String all = path.toString();
        return all.substring(all.lastIndexOf('.') + 1);
      }
      return String.join(".", names);
    }
  }

  /** Anything unexpected: logged with its stack here, a plain 500 problem there. */
  @Singleton
  @Produces(ProblemDetails.MEDIA_TYPE)
  static final class UnexpectedHandler
      implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedHandler.class);
    private final ProblemResponses problems;

    UnexpectedHandler(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
      DatabaseTrouble trouble = DatabaseTrouble.of(exception);
      if (trouble != null) {
        // Not a bug: the database is down or too busy. One line, an honest 503, no stack.
        LOG.warn(
            "{} {} answered 503: {} ({})",
            request.getMethod(),
            request.getPath(),
            trouble.code(),
            rootMessage(exception));
        return problems.of(request, ApiException.unavailable(trouble.code(), trouble.retryAfter()));
      }
      LOG.error(
          "Unexpected error serving {} {}", request.getMethod(), request.getPath(), exception);
      return problems.of(request, HttpStatus.INTERNAL_SERVER_ERROR, "internal", List.of());
    }

    private static String rootMessage(Throwable e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
  }

  /**
   * Micronaut's own errors (no route, wrong method, unreadable body, missing parameter) in the same
   * problem format.
   */
  @Singleton
  @Requires(classes = ErrorResponseProcessor.class)
  @Replaces(ErrorResponseProcessor.class)
  static final class ProblemErrorResponseProcessor
      implements ErrorResponseProcessor<ProblemDetails> {
    private final ProblemResponses problems;

    ProblemErrorResponseProcessor(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    @NonNull
    public MutableHttpResponse<ProblemDetails> processResponse(
        @NonNull ErrorContext context, @NonNull MutableHttpResponse<?> baseResponse) {
      HttpStatus status = baseResponse.getStatus();
      String code =
          switch (status.getCode()) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "too-large";
            case 415 -> "unsupported-media-type";
            default -> status.getCode() >= 500 ? "internal" : "bad-request";
          };
      Locale locale = problems.messages().localeOf(context.getRequest());
      List<ProblemDetails.InvalidParam> errors = new ArrayList<>();
      if (status.getCode() == 400) {
        context
            .getErrors()
            .forEach(
                error ->
                    error
                        .getPath()
                        .ifPresent(
                            path ->
                                errors.add(
                                    new ProblemDetails.InvalidParam(
                                        path,
                                        problems
                                            .messages()
                                            .get(locale, "validation.unreadable")))));
      }
      MutableHttpResponse<ProblemDetails> built =
          problems.of(context.getRequest(), status, code, errors);
      return baseResponse.body(built.body()).contentType(ProblemDetails.MEDIA_TYPE);
    }
  }
}
