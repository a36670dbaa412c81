package org.onegrid.open311;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.DatabaseTrouble;
import org.onegrid.platform.Messages;
import org.onegrid.platform.ProblemAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Open311 GeoReport v2 endpoints under /open311/v2, each in XML ({@code .xml}) and JSON ({@code
 * .json}); errors in the specification's errors format. Reading is open to anyone; posting needs an
 * api_key.
 */
@Controller("/open311/v2")
@ProblemAnswers
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
class Open311Controller {

  private static final Logger LOG = LoggerFactory.getLogger(Open311Controller.class);

  private final Open311Service open311;
  private final Open311Updates updates;
  private final Messages messages;
  private final JsonMapper json;
  private final Clock clock;

  Open311Controller(
      Open311Service open311,
      Open311Updates updates,
      Messages messages,
      JsonMapper json,
      Clock clock) {
    this.open311 = open311;
    this.updates = updates;
    this.messages = messages;
    this.json = json;
    this.clock = clock;
  }

  @Get("/discovery.{format}")
  HttpResponse<String> discovery(HttpRequest<?> request, @PathVariable String format) {
    String base =
        request.getHeaders().get("Host") == null
            ? ""
            : (request.isSecure() ? "https://" : "http://") + request.getHeaders().get("Host");
    return answer(format, "discovery", open311.discovery(base));
  }

  @Get("/services.{format}")
  HttpResponse<String> services(HttpRequest<?> request, @PathVariable String format) {
    return answer(
        format, "services", new Open311Format.ListOf("service", open311.services(locale(request))));
  }

  @Get("/services/{file}")
  HttpResponse<String> definition(HttpRequest<?> request, @PathVariable String file) {
    Named named = Named.of(file);
    return answer(
        named.format(), "service_definition", open311.definition(named.name(), locale(request)));
  }

  @Post("/requests.{format}")
  @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
  HttpResponse<String> create(
      HttpRequest<?> request,
      @PathVariable String format,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Nullable @Body Map<String, Object> form) {
    requireFormat(format);
    List<Open311Documents.Receipt> created =
        open311.create(params(form), idempotencyKey, locale(request));
    return answer(format, "service_requests", new Open311Format.ListOf("request", created))
        .status(HttpStatus.CREATED);
  }

  @Get("/requests.{format}")
  HttpResponse<String> list(HttpRequest<?> request, @PathVariable String format) {
    requireFormat(format);
    Map<String, List<String>> query = new LinkedHashMap<>();
    request.getParameters().asMap().forEach((k, v) -> query.put(k, List.copyOf(v)));
    return answer(
        format,
        "service_requests",
        new Open311Format.ListOf("request", open311.list(query, locale(request), clock.instant())));
  }

  @Get("/requests/{file}")
  HttpResponse<String> one(HttpRequest<?> request, @PathVariable String file) {
    Named named = Named.of(file);
    long id;
    try {
      id = Long.parseLong(named.name());
    } catch (NumberFormatException e) {
      throw new Open311Exception(404, "service_request_id " + named.name() + " was not found");
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    request.getParameters().asMap().forEach((k, v) -> query.put(k, List.copyOf(v)));
    return answer(
        named.format(),
        "service_requests",
        new Open311Format.ListOf("request", open311.one(id, query, locale(request))));
  }

  @Get("/servicerequestupdates.{format}")
  HttpResponse<String> updates(HttpRequest<?> request, @PathVariable String format) {
    requireFormat(format);
    Map<String, List<String>> query = new LinkedHashMap<>();
    request.getParameters().asMap().forEach((k, v) -> query.put(k, List.copyOf(v)));
    return answer(
        format,
        "service_request_updates",
        new Open311Format.ListOf(
            "request_update", updates.list(query, locale(request), clock.instant())));
  }

  @Post("/servicerequestupdates.{format}")
  @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
  HttpResponse<String> update(
      HttpRequest<?> request,
      @PathVariable String format,
      @Nullable @Body Map<String, Object> form) {
    requireFormat(format);
    return answer(
        format,
        "service_request_updates",
        new Open311Format.ListOf("request_update", updates.post(params(form), locale(request))));
  }

  @Get("/tokens/{file}")
  HttpResponse<String> token(@PathVariable String file) {
    Named named = Named.of(file);
    return answer(
        named.format(),
        "service_requests",
        new Open311Format.ListOf("request", open311.token(named.name())));
  }

  @Error(exception = Open311Exception.class)
  HttpResponse<String> refused(HttpRequest<?> request, Open311Exception e) {
    return errors(request, e.status(), e.getMessage());
  }

  @Error(exception = ApiException.class)
  HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
    return errors(
        request,
        e.status().getCode() == 429 ? 429 : 400,
        messages.get(Locale.ENGLISH, "problem." + e.code(), e.args()));
  }

  @Error(exception = RuntimeException.class)
  HttpResponse<String> failed(HttpRequest<?> request, RuntimeException e) {
    DatabaseTrouble trouble = DatabaseTrouble.of(e);
    if (trouble != null) {
      LOG.warn("Open311 request {} answered 503: {}", request.getPath(), trouble.code());
      return ((MutableHttpResponse<String>)
              errors(
                  request,
                  503,
                  "Service temporarily unavailable; nothing was saved. Please try again later"))
          .header("Retry-After", String.valueOf(trouble.retryAfter().toSeconds()));
    }
    LOG.error("Open311 request failed: {}", request.getPath(), e);
    return errors(request, 400, "General service error; please try again later");
  }

  private HttpResponse<String> errors(HttpRequest<?> request, int status, String description) {
    String format = request.getPath().endsWith(".json") ? "json" : "xml";
    return answer(
            format,
            "errors",
            new Open311Format.ListOf("error", Open311Format.errors(status, description)))
        .status(HttpStatus.valueOf(status));
  }

  private MutableHttpResponse<String> answer(String format, String root, Object body) {
    requireFormat(format);
    return "json".equals(format)
        ? HttpResponse.ok(Open311Format.json(json, body)).contentType(Open311Format.JSON)
        : HttpResponse.ok(Open311Format.xml(root, body)).contentType(Open311Format.XML);
  }

  private static void requireFormat(String format) {
    if (!"xml".equals(format) && !"json".equals(format)) {
      throw new Open311Exception(400, "Unknown format ." + format + ": use .xml or .json");
    }
  }

  private Locale locale(HttpRequest<?> request) {
    return messages.localeOf(request);
  }

  /** Form fields as lists of values (attribute[CODE][] may repeat). */
  private static Map<String, List<String>> params(@Nullable Map<String, Object> form) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (form == null) {
      return params;
    }
    form.forEach(
        (k, v) -> {
          List<String> values = new ArrayList<>();
          if (v instanceof Iterable<?> many) {
            many.forEach(x -> values.add(String.valueOf(x)));
          } else if (v != null) {
            values.add(String.valueOf(v));
          }
          params.put(k, values);
        });
    return params;
  }

  /** "water_supply.json" → name and format. */
  private record Named(String name, String format) {
    static Named of(String file) {
      int dot = file.lastIndexOf('.');
      if (dot <= 0) {
        throw new Open311Exception(400, "Add the format to the URL: .xml or .json");
      }
      return new Named(file.substring(0, dot), file.substring(dot + 1));
    }
  }
}
