package org.onegrid.support;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Talks to the running app as one browser would: keeps its cookies, echoes the CSRF cookie in the
 * header on writes, and comes from an address of its own (X-Forwarded-For, trusted in tests only).
 */
public final class Browser {

  private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final JsonMapper json;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final String address;
  private String language = "zh-CN";
  private boolean sendCsrf = true;

  public Browser(String base, JsonMapper json) {
    this.base = base;
    this.json = json;
    int n = NEXT_ADDRESS.getAndIncrement();
    this.address = "10.77." + (n / 250) + "." + (n % 250 + 1);
  }

  /** The address of the instance this browser talks to. */
  public String base() {
    return base;
  }

  public Browser language(String tag) {
    this.language = tag;
    return this;
  }

  public Browser withoutCsrfHeader() {
    this.sendCsrf = false;
    return this;
  }

  public Map<String, String> cookies() {
    return cookies;
  }

  public Reply get(String path) {
    return send("GET", path, null);
  }

  public Reply post(String path, Object body) {
    return send("POST", path, body);
  }

  public Reply put(String path, Object body) {
    return send("PUT", path, body);
  }

  public Reply patch(String path, Object body) {
    return send("PATCH", path, body);
  }

  public Reply send(String method, String path, Object body) {
    return send(method, path, body, Map.of());
  }

  public Reply send(String method, String path, Object body, Map<String, String> headers) {
    if (!method.equals("GET") && !cookies.containsKey("XSRF-TOKEN")) {
      send("GET", "/api/v1/auth/csrf", null);
    }
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Accept-Language", language)
              .header("X-Forwarded-For", address)
              .header("Accept", "application/json");
      headers.forEach(request::header);
      if (!cookies.isEmpty()) {
        request.header(
            "Cookie",
            String.join(
                "; ",
                cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
      }
      if (sendCsrf && cookies.containsKey("XSRF-TOKEN")) {
        request.header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
      }
      if (body != null) {
        if (!headers.containsKey("Content-Type")) {
          request.header("Content-Type", "application/json");
        }
        byte[] bytes =
            body instanceof byte[] raw
                ? raw
                : body instanceof String s ? s.getBytes() : json.writeValueAsBytes(body);
        request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
      } else {
        request.method(
            method,
            method.equals("GET")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(""));
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      for (String setCookie : response.headers().allValues("Set-Cookie")) {
        String pair = setCookie.split(";", 2)[0];
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return new Reply(response, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One response, with its JSON body read on demand. */
  public record Reply(HttpResponse<String> response, JsonMapper json) {
    public int status() {
      return response.statusCode();
    }

    public String text() {
      return response.body();
    }

    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    public Map<String, Object> body() {
      try {
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The body as whatever JSON it is (object, array, string, number …); null when empty. */
    public Object value() {
      if (response.body() == null || response.body().isBlank()) {
        return null;
      }
      try {
        return json.readValue(response.body(), Argument.OBJECT_ARGUMENT);
      } catch (IOException e) {
        return response.body();
      }
    }

    public List<Map<String, Object>> list() {
      try {
        return json.readValue(
            response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @SuppressWarnings("unchecked")
    public <T> T at(String path) {
      Object current = body();
      for (String part : path.split("\\.")) {
        if (current instanceof List<?> l) {
          current = l.get(Integer.parseInt(part));
        } else {
          current = ((Map<String, Object>) current).get(part);
        }
      }
      return (T) current;
    }
  }
}
