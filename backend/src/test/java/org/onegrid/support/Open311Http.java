package org.onegrid.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An Open311 client's plain HTTP: GETs and form POSTs under /open311/v2, as the specification has
 * them. Each request goes on a connection of its own, as a simple app's would: a kept-alive
 * connection that the server closed after a refused form POST once failed the next request in CI
 * ("header parser received no bytes").
 */
public final class Open311Http {

  private final String base;

  public Open311Http(String serverUrl) {
    this.base = serverUrl + "/open311/v2/";
  }

  private static HttpClient http() {
    return HttpClient.newHttpClient();
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http()
        .send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return http()
        .send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
