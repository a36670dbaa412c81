package org.onegrid.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.onegrid.grid.GridNode;

/**
 * Where features tell other systems what happened. Called in the transaction of the change, it
 * writes one delivery per active subscriber that chose the event under a node holding it, so a
 * delivery exists exactly when the change committed; the {@link WebhookDispatcher} sends them. What
 * the event says is built only when someone is listening.
 */
@Singleton
public class EventFeed {

  /** What an event is about: where it happened and exactly one of a problem, warning, booking. */
  public record Subject(
      GridNode node,
      @Nullable WebhookEvent.ProblemData problem,
      @Nullable WebhookEvent.WarningData warning,
      @Nullable WebhookEvent.BookingData booking) {

    public static Subject of(GridNode node, WebhookEvent.ProblemData problem) {
      return new Subject(node, problem, null, null);
    }

    public static Subject of(GridNode node, WebhookEvent.WarningData warning) {
      return new Subject(node, null, warning, null);
    }

    public static Subject of(GridNode node, WebhookEvent.BookingData booking) {
      return new Subject(node, null, null, booking);
    }
  }

  private final SubscriberRepository subscribers;
  private final DeliveryRepository deliveries;
  private final JsonMapper json;
  private final Clock clock;

  EventFeed(
      SubscriberRepository subscribers,
      DeliveryRepository deliveries,
      JsonMapper json,
      Clock clock) {
    this.subscribers = subscribers;
    this.deliveries = deliveries;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Queues the event for whoever follows it; {@code streamKey} names what it belongs to (events of
   * one stream reach each subscriber in the order they were published).
   */
  public void publish(EventType type, String streamKey, Supplier<Subject> subject) {
    List<SubscriberRepository.Interest> listening =
        subscribers.active().stream().filter(s -> s.events().contains(type.wire())).toList();
    if (listening.isEmpty()) {
      return;
    }
    Subject what = subject.get();
    List<Long> under =
        listening.stream()
            .filter(s -> what.node().path().startsWith(s.nodePath()))
            .map(SubscriberRepository.Interest::id)
            .toList();
    if (!under.isEmpty()) {
      queue(under, type, streamKey, what);
    }
  }

  /** Queues a ping to one subscriber, whatever it chose. */
  WebhookEvent ping(long subscriberId, GridNode node) {
    return queue(
        List.of(subscriberId), EventType.PING, "ping", new Subject(node, null, null, null));
  }

  private WebhookEvent queue(List<Long> to, EventType type, String streamKey, Subject what) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    WebhookEvent event =
        new WebhookEvent(
            UUID.randomUUID().toString(),
            type.wire(),
            now,
            what.node().id(),
            what.problem(),
            what.warning(),
            what.booking());
    deliveries.insert(to, event.id(), event.type(), streamKey, write(event), now);
    return event;
  }

  String write(WebhookEvent event) {
    try {
      return json.writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WebhookEvent read(String payload) {
    try {
      return json.readValue(payload, WebhookEvent.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
