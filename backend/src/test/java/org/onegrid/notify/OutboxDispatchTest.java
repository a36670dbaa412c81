package org.onegrid.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.onegrid.platform.Tx;
import org.onegrid.support.Eventually;

/**
 * Two dispatchers (as two backend instances would run) share one outbox and send every message
 * exactly once.
 */
@MicronautTest
class OutboxDispatchTest {

  @Inject OutboxRepository repository;
  @Inject OptOutRepository optOuts;
  @Inject SmsOutbox outbox;
  @Inject Tx tx;
  @Inject Clock clock;

  @Test
  void twoInstancesNeverSendOneMessageTwice() throws Exception {
    String to = "+8613611110000";
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    SmsSender slowCountingSender =
        new SmsSender() {
          @Override
          public String name() {
            return "counting";
          }

          @Override
          public Result send(String toE164, String body) {
            deliveries.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
            try {
              Thread.sleep(2);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new Accepted("X" + body, "queued");
          }
        };
    // The application's own scheduled dispatcher is running too: a third instance, sending through
    // the log.
    tx.run(
        () -> {
          for (int i = 0; i < 200; i++) {
            outbox.enqueue(to, "concurrency-" + i, "test");
          }
        });
    SmsDispatcher a =
        TestDispatchers.through(slowCountingSender, repository, optOuts, tx, clock, true);
    SmsDispatcher b =
        TestDispatchers.through(slowCountingSender, repository, optOuts, tx, clock, true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Future<Integer> sentByA = pool.submit(a::dispatchDue);
    Future<Integer> sentByB = pool.submit(b::dispatchDue);
    int counted = sentByA.get() + sentByB.get();
    pool.shutdown();

    // The app's own dispatcher does not wait for its sends; its last few may still be in flight.
    List<OutboxMessage> rows =
        Eventually.read(
            Duration.ofSeconds(5),
            () -> outbox.sentTo(to, 500),
            all -> all.stream().allMatch(r -> r.status().equals("SENT")));
    assertThat(rows).hasSize(200).allSatisfy(r -> assertThat(r.status()).isEqualTo("SENT"));
    assertThat(deliveries.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    long byLog = rows.stream().filter(r -> "log".equals(r.provider())).count();
    assertThat(counted + byLog).isEqualTo(200);
    assertThat(deliveries).hasSize(counted);
  }
}
