package org.onegrid.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.util.SupplierUtil;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.onegrid.db.tables.records.WebhookDeliveriesRecord;
import org.onegrid.platform.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts what the webhook outbox holds. Each round, for each subscriber with something due, the
 * instance that wins the subscriber's row lock claims the heads of its streams for a lease and
 * posts them, signed; a 2xx answer delivers, anything else (or no answer) retries with doubling
 * backoff until {@code max-attempts}, then the delivery is FAILED and shown to admins. A lease that
 * runs out (the instance died mid-post) sends again: at least once, so receivers keep event ids.
 */
@Singleton
@Requires(property = "onegrid.webhooks.dispatcher.enabled", notEquals = "false")
public class WebhookDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int HEADS_PER_ROUND = 20;

  /** How many of a subscriber's oldest waiting deliveries a round looks among for heads. */
  private static final int WINDOW = 500;

  private static final Duration KEEP_DELIVERED = Duration.ofDays(30);

  private final SubscriberRepository subscribers;
  private final DeliveryRepository deliveries;
  private final Tx tx;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final Duration timeout;
  private final String instance;

  /** Made at the first delivery: making one loads the JVM's trusted certificates. */
  private final Supplier<HttpClient> http;

  private final ExecutorService posters;
  private volatile boolean running = true;

  WebhookDispatcher(
      SubscriberRepository subscribers,
      DeliveryRepository deliveries,
      Tx tx,
      Clock clock,
      MeterRegistry metrics,
      @Value("${onegrid.webhooks.max-attempts:12}") int maxAttempts,
      @Value("${onegrid.webhooks.first-backoff:10s}") Duration firstBackoff,
      @Value("${onegrid.webhooks.timeout:10s}") Duration timeout) {
    this.subscribers = subscribers;
    this.deliveries = deliveries;
    this.tx = tx;
    this.clock = clock;
    this.metrics = metrics;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.timeout = timeout;
    this.instance =
        ManagementFactory.getRuntimeMXBean().getName()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    this.http =
        SupplierUtil.memoized(
            () ->
                HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build());
    AtomicInteger threads = new AtomicInteger();
    this.posters =
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "webhook-post-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Scheduled(fixedDelay = "${onegrid.webhooks.dispatch-interval:2s}", initialDelay = "10s")
  void tick() {
    try {
      dispatchDue();
      deliveries.forgetDelivered(clock.instant().minus(KEEP_DELIVERED), 1000);
    } catch (RuntimeException e) {
      LOG.warn("Webhook round failed; will try again", e);
    }
  }

  /** One round: posts what is due, each subscriber in parallel; how many were delivered. */
  public int dispatchDue() {
    if (!running) {
      return 0;
    }
    List<Future<Integer>> rounds = new ArrayList<>();
    for (long subscriber : deliveries.subscribersWithDue(clock.instant(), 100)) {
      rounds.add(posters.submit(() -> dispatch(subscriber)));
    }
    int delivered = 0;
    for (Future<Integer> round : rounds) {
      try {
        delivered += round.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        LOG.warn("Webhook deliveries of a subscriber failed; will try again", e.getCause());
      }
    }
    return delivered;
  }

  private int dispatch(long subscriberId) {
    Instant now = clock.instant();
    List<WebhookDeliveriesRecord> claimed =
        tx.runAlone(
            () ->
                subscribers.lockIfFree(subscriberId)
                    ? deliveries.claimHeads(
                        subscriberId,
                        now,
                        HEADS_PER_ROUND,
                        WINDOW,
                        instance,
                        now.plus(timeout.multipliedBy(3)))
                    : List.<WebhookDeliveriesRecord>of());
    if (claimed.isEmpty()) {
      return 0;
    }
    SubscriberRepository.Target target = subscribers.target(subscriberId).orElse(null);
    int delivered = 0;
    for (WebhookDeliveriesRecord delivery : claimed) {
      if (!running || target == null) {
        deliveries.release(delivery.getId(), instance);
        continue;
      }
      if (post(target, delivery)) {
        delivered++;
      }
    }
    return delivered;
  }

  private boolean post(SubscriberRepository.Target target, WebhookDeliveriesRecord delivery) {
    int attempt = delivery.getAttempts() + 1;
    int status = 0;
    String error;
    try {
      long seconds = clock.instant().getEpochSecond();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(target.url()))
              .timeout(timeout)
              .header("Content-Type", "application/json; charset=utf-8")
              .header("User-Agent", "OneGrid-Webhooks/1")
              .header("X-OneGrid-Event", delivery.getEventType())
              .header("X-OneGrid-Event-Id", delivery.getEventId())
              .header("X-OneGrid-Delivery", String.valueOf(delivery.getId()))
              .header(
                  WebhookSignature.HEADER,
                  WebhookSignature.header(target.secret(), seconds, delivery.getPayload()))
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      delivery.getPayload(), StandardCharsets.UTF_8))
              .build();
      HttpResponse<InputStream> response =
          http.get().send(request, HttpResponse.BodyHandlers.ofInputStream());
      status = response.statusCode();
      String body;
      try (InputStream in = response.body()) {
        // The start of the answer is enough for the delivery log; the rest is not read.
        body = new String(in.readNBytes(300), StandardCharsets.UTF_8).strip();
      }
      if (status >= 200 && status < 300) {
        deliveries.delivered(delivery.getId(), instance, status, clock.instant());
        metrics.counter("onegrid.webhooks.delivered").increment();
        return true;
      }
      error = "HTTP " + status + (body.isEmpty() ? "" : ": " + body);
    } catch (IOException | IllegalArgumentException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deliveries.release(delivery.getId(), instance);
      return false;
    }
    metrics.counter("onegrid.webhooks.failed.attempts").increment();
    Instant retryAt = attempt >= maxAttempts ? null : clock.instant().plus(backoff(attempt));
    deliveries.attemptFailed(delivery.getId(), instance, status, error, retryAt);
    if (retryAt == null) {
      LOG.warn(
          "Webhook delivery {} ({}) gave up after {} attempts: {}",
          delivery.getId(),
          delivery.getEventType(),
          attempt,
          error);
    }
    return false;
  }

  /** The wait after the n-th failed attempt: doubling from the first, at most an hour. */
  Duration backoff(int attempt) {
    Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait;
  }

  /** Stops claiming, lets what is being posted finish, gives back the rest (on shutdown). */
  @PreDestroy
  void stop() {
    running = false;
    posters.shutdown();
    try {
      posters.awaitTermination(timeout.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
