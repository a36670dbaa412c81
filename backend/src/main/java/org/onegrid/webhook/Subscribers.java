package org.onegrid.webhook;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.onegrid.account.Account;
import org.onegrid.account.Role;
import org.onegrid.db.tables.records.WebhookDeliveriesRecord;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Tx;

/**
 * City admins register the systems that follow events (the secret is shown once), try them with a
 * ping, read their delivery log, send a failed delivery again and disable them.
 */
@Singleton
public class Subscribers {

  /** The events a subscriber may choose, in the order forms show them. */
  static final List<String> CHOOSABLE =
      Arrays.stream(EventType.values())
          .filter(t -> t != EventType.PING)
          .map(EventType::wire)
          .toList();

  private final SubscriberRepository subscribers;
  private final DeliveryRepository deliveries;
  private final EventFeed feed;
  private final GridService grids;
  private final Tx tx;
  private final Clock clock;
  private final boolean allowHttp;

  Subscribers(
      SubscriberRepository subscribers,
      DeliveryRepository deliveries,
      EventFeed feed,
      GridService grids,
      Tx tx,
      Clock clock,
      @Value("${onegrid.webhooks.allow-http:false}") boolean allowHttp) {
    this.subscribers = subscribers;
    this.deliveries = deliveries;
    this.feed = feed;
    this.grids = grids;
    this.tx = tx;
    this.clock = clock;
    this.allowHttp = allowHttp;
  }

  /** A subscriber as registered: the secret is in this answer only. */
  @Serdeable
  public record Registered(Subscriber subscriber, String secret) {}

  /** A page of the delivery log; {@code next} continues below it. */
  @Serdeable
  public record DeliveryPage(List<Delivery> items, @Nullable Long next) {}

  public List<Subscriber> list(Account admin) {
    requireCityAdmin(admin);
    return subscribers.findAll();
  }

  public Registered register(
      Account admin, String name, String url, long nodeId, List<String> events) {
    requireCityAdmin(admin);
    String target = checkedUrl(url.trim());
    Set<String> chosen = new LinkedHashSet<>(events);
    if (chosen.isEmpty() || !CHOOSABLE.containsAll(chosen)) {
      throw ApiException.invalidField(
          "events", "validation.webhook-events", String.join(", ", CHOOSABLE));
    }
    GridNode node =
        grids
            .find(nodeId)
            .orElseThrow(() -> ApiException.invalidField("nodeId", "validation.webhook-node"));
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    long id =
        tx.run(
            () ->
                subscribers.insert(
                    name.trim(),
                    target,
                    secret,
                    node.id(),
                    node.path(),
                    List.copyOf(chosen),
                    admin.id(),
                    now));
    return new Registered(subscribers.findById(id).orElseThrow(), secret);
  }

  /** Stops deliveries to a subscriber; what waits stays in its log. Cannot be undone. */
  public Subscriber disable(Account admin, long id) {
    requireCityAdmin(admin);
    subscribers.findById(id).orElseThrow(ApiException::notFound);
    subscribers.disable(id, clock.instant());
    return subscribers.findById(id).orElseThrow();
  }

  /** Queues a ping to an active subscriber, to see that it answers and checks signatures. */
  public WebhookEvent ping(Account admin, long id) {
    requireCityAdmin(admin);
    Subscriber subscriber = subscribers.findById(id).orElseThrow(ApiException::notFound);
    if (!subscriber.active()) {
      throw new ApiException(HttpStatus.CONFLICT, "webhook-disabled");
    }
    return tx.run(() -> feed.ping(id, grids.get(subscriber.nodeId())));
  }

  public DeliveryPage deliveries(
      Account admin, long id, @Nullable String status, @Nullable Long before, int limit) {
    requireCityAdmin(admin);
    subscribers.findById(id).orElseThrow(ApiException::notFound);
    String wanted =
        status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
    if (wanted != null
        && !List.of(
                DeliveryRepository.PENDING,
                DeliveryRepository.SENDING,
                DeliveryRepository.DELIVERED,
                DeliveryRepository.FAILED)
            .contains(wanted)) {
      throw ApiException.invalidField("status", "validation.webhook-status");
    }
    int size = Math.max(1, Math.min(limit, 100));
    List<Delivery> items =
        deliveries.page(id, wanted, before, size).stream().map(this::view).toList();
    return new DeliveryPage(items, items.size() == size ? items.get(items.size() - 1).id() : null);
  }

  /** Sends a failed delivery again (its stream's later events may already have gone). */
  public Delivery retry(Account admin, long id, long deliveryId) {
    requireCityAdmin(admin);
    WebhookDeliveriesRecord row =
        deliveries
            .findById(deliveryId)
            .filter(d -> d.getSubscriberId() == id)
            .orElseThrow(ApiException::notFound);
    if (!deliveries.retry(id, row.getId(), clock.instant())) {
      throw new ApiException(HttpStatus.CONFLICT, "webhook-not-failed");
    }
    return view(deliveries.findById(deliveryId).orElseThrow());
  }

  private Delivery view(WebhookDeliveriesRecord r) {
    return new Delivery(
        r.getId(),
        r.getEventId(),
        r.getEventType(),
        r.getStatus(),
        r.getAttempts(),
        r.getCreatedAt(),
        r.getNextAttemptAt(),
        r.getDeliveredAt(),
        r.getLastStatus(),
        r.getLastError(),
        feed.read(r.getPayload()));
  }

  /**
   * An absolute http(s) address without credentials; plain http only to this machine unless {@code
   * onegrid.webhooks.allow-http} (a city network behind its own walls).
   */
  private String checkedUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost();
      boolean local =
          host != null
              && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
      boolean ok =
          url.length() <= 500
              && host != null
              && uri.getRawUserInfo() == null
              && uri.getRawFragment() == null
              && (scheme.equals("https") || (scheme.equals("http") && (local || allowHttp)));
      if (ok) {
        return uri.toString();
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw ApiException.invalidField("url", "validation.webhook-url");
  }

  private static void requireCityAdmin(Account account) {
    if (account.role() != Role.CITY_ADMIN) {
      throw ApiException.forbidden();
    }
  }
}
