package org.onegrid.push;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.onegrid.notify.PushChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a message to a person's browsers through their push services (RFC 8030): encrypted for each
 * browser (RFC 8291), signed as this server (VAPID, RFC 8292), named by a Topic so a repeat
 * replaces the first while undelivered. A browser its push service calls gone (404, 410) is
 * forgotten.
 */
@Singleton
class WebPushSender implements PushChannel {

  private static final Logger LOG = LoggerFactory.getLogger(WebPushSender.class);

  /** How long a push service keeps a message for a phone that is off: a day. */
  private static final int TTL_SECONDS = 86_400;

  private final PushSubscriptionRepository subscriptions;
  private final VapidKeys vapid;
  private final JsonMapper json;
  private final Clock clock;

  /**
   * The client is made at the first push, not at start: making one loads the JVM's trusted
   * certificates, a few tenths of a second of every restart (seen sampling a start's main thread).
   */
  private static final class Http {
    static final HttpClient CLIENT =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  WebPushSender(
      PushSubscriptionRepository subscriptions, VapidKeys vapid, JsonMapper json, Clock clock) {
    this.subscriptions = subscriptions;
    this.vapid = vapid;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public Condition reaches(long accountId) {
    return subscriptions.any(accountId);
  }

  @Override
  public Delivery deliver(String toE164, String body, @Nullable String link, long messageId) {
    int delivered = 0;
    Delivery worst = new NoBrowser();
    for (PushSubscriptionRepository.Subscription browser : subscriptions.forPhone(toE164)) {
      Delivery one = deliverTo(browser, body, link, messageId);
      if (one instanceof Delivered) {
        delivered++;
        subscriptions.sent(browser.id(), clock.instant());
      } else if (one instanceof NoBrowser) {
        subscriptions.removeById(browser.id());
      } else if (!(worst instanceof TryAgain)) {
        worst = one;
      }
    }
    return delivered > 0 ? new Delivered(delivered) : worst;
  }

  private Delivery deliverTo(
      PushSubscriptionRepository.Subscription browser,
      String body,
      @Nullable String link,
      long messageId) {
    try {
      URI endpoint = URI.create(browser.endpoint());
      String audience = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
      byte[] payload =
          PushCrypto.encrypt(
              payload(body, link, messageId),
              PushCrypto.UNB64.decode(browser.p256dh()),
              PushCrypto.UNB64.decode(browser.auth()));
      long expires = clock.instant().plus(Duration.ofHours(12)).getEpochSecond();
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Encoding", "aes128gcm")
              .header("Content-Type", "application/octet-stream")
              .header("TTL", String.valueOf(TTL_SECONDS))
              .header("Topic", "og" + messageId)
              .header("Urgency", "normal")
              .header(
                  "Authorization",
                  PushCrypto.vapid(audience, expires, vapid.subject(), vapid.keys()))
              .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
              .build();
      HttpResponse<String> answer = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      int status = answer.statusCode();
      if (status >= 200 && status < 300) {
        return new Delivered(1);
      }
      if (status == 404 || status == 410) {
        return new NoBrowser();
      }
      if (status == 429 || status >= 500) {
        Duration after =
            answer.headers().firstValue("Retry-After").flatMap(WebPushSender::seconds).orElse(null);
        return new TryAgain("push service " + status, after);
      }
      LOG.warn("push service refused message {}: {} {}", messageId, status, answer.body());
      return new Refused("push service " + status);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A subscription whose keys cannot be used: no message will ever reach it.
      return new NoBrowser();
    } catch (IOException e) {
      return new TryAgain("push service unreachable: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TryAgain("interrupted", null);
    }
  }

  /** What the service worker shows: the words, the page it opens, and a tag so repeats merge. */
  private byte[] payload(String body, @Nullable String link, long messageId) throws IOException {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("body", body.replaceFirst("^(【[^】]*】|\\[OneGrid\\] )", ""));
    message.put("link", link == null ? "/notifications" : link);
    message.put("tag", "og" + messageId);
    return json.writeValueAsString(message).getBytes(StandardCharsets.UTF_8);
  }

  private static Optional<Duration> seconds(String value) {
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
