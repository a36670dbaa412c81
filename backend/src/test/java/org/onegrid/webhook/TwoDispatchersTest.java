package org.onegrid.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.Tx;
import org.onegrid.support.TestSubscriber;

/**
 * Two dispatchers (as two backend instances would run, with the app's own scheduled one a third)
 * share one webhook outbox: every event is posted once when nothing fails, and the events of one
 * stream arrive in the order they were published.
 */
@MicronautTest
class TwoDispatchersTest {

  @Inject SubscriberRepository subscribers;
  @Inject DeliveryRepository deliveries;
  @Inject EventFeed feed;
  @Inject GridService grids;
  @Inject Tx tx;
  @Inject Clock clock;
  @Inject MeterRegistry metrics;
  @Inject JsonMapper json;

  @Test
  void everyEventIsPostedOnceAndEachStreamInOrder() throws Exception {
    TestSubscriber receiver = TestSubscriber.start(json);
    receiver.useSecret("whsec_two-dispatchers");
    GridNode city = grids.get(1);
    long id =
        tx.run(
            () ->
                subscribers.insert(
                    "两个实例",
                    receiver.url(),
                    "whsec_two-dispatchers",
                    city.id(),
                    city.path(),
                    List.of("booking.made"),
                    1,
                    clock.instant()));
    try {
      // 10 streams of 15 events each, published stream by stream interleaved.
      for (int n = 0; n < 15; n++) {
        int seq = n;
        tx.run(
            () -> {
              for (int stream = 0; stream < 10; stream++) {
                int s = stream;
                feed.publish(
                    EventType.BOOKING_MADE,
                    "booking:two-" + s,
                    () ->
                        EventFeed.Subject.of(
                            city,
                            new WebhookEvent.BookingData(
                                s,
                                seq,
                                "第" + seq + "次",
                                clock.instant(),
                                clock.instant(),
                                "BOOKED")));
              }
            });
      }
      WebhookDispatcher one = dispatcher();
      WebhookDispatcher two = dispatcher();
      ExecutorService both = Executors.newFixedThreadPool(2);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (receiver.processed().size() < 150 && System.nanoTime() < deadline) {
        List<Future<Integer>> rounds = new ArrayList<>();
        rounds.add(both.submit(one::dispatchDue));
        rounds.add(both.submit(two::dispatchDue));
        for (Future<Integer> round : rounds) {
          round.get();
        }
      }
      both.shutdown();
      one.stop();
      two.stop();

      assertThat(receiver.processed()).hasSize(150);
      assertThat(receiver.posts()).isEqualTo(150);
      for (int stream = 0; stream < 10; stream++) {
        int s = stream;
        List<Object> sequence =
            receiver.processed().stream()
                .map(e -> (Map<?, ?>) e.get("booking"))
                .filter(b -> ((Number) b.get("id")).intValue() == s)
                .map(b -> (Object) ((Number) b.get("serviceId")).intValue())
                .toList();
        assertThat(sequence).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
      }
    } finally {
      subscribers.disable(id, clock.instant());
      receiver.stop();
    }
  }

  private WebhookDispatcher dispatcher() {
    return new WebhookDispatcher(
        subscribers,
        deliveries,
        tx,
        clock,
        metrics,
        4,
        Duration.ofMillis(200),
        Duration.ofSeconds(5));
  }
}
