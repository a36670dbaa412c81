package org.onegrid.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts webhooks as Twilio does: a form, signed (HMAC-SHA1 of the public URL with its query and the
 * sorted parameters, keyed by the auth token) or not.
 */
public final class TwilioWebhooks {

  private final String serverUrl;
  private final String publicUrl;

  public TwilioWebhooks(String serverUrl, String publicUrl) {
    this.serverUrl = serverUrl;
    this.publicUrl = publicUrl;
  }

  /** Twilio's signature of a request to {@code pathAndQuery} with this form. */
  public String sign(String pathAndQuery, Map<String, String> form) {
    StringBuilder data = new StringBuilder(publicUrl + pathAndQuery);
    new TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(
          new SecretKeySpec(FakeTwilio.AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Posts the form signed as Twilio would. */
  public HttpResponse<String> signed(String pathAndQuery, Map<String, String> form) {
    return post(pathAndQuery, form, sign(pathAndQuery, form));
  }

  /** Posts the form with this signature (null: none). */
  public HttpResponse<String> post(
      String pathAndQuery, Map<String, String> form, String signature) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(serverUrl + pathAndQuery))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
