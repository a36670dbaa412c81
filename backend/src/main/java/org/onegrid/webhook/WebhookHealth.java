package org.onegrid.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Whether events reach the systems that follow them: /health is DEGRADED (still 200) when the
 * oldest delivery still waiting (due or between retries) is older than {@code
 * onegrid.webhooks.health.max-delay}, or a delivery to an active subscriber was given up on and no
 * admin has sent it again; the metrics carry what waits, its age and what was given up on.
 */
// Made at start-up, not at first use: its gauges are in the metrics from the first scrape.
@Context
final class WebhookHealth implements HealthIndicator {

  static final HealthStatus DEGRADED =
      new HealthStatus("DEGRADED", "events are not reaching their subscribers", null, 500);

  private final DeliveryRepository deliveries;
  private final Clock clock;
  private final Duration maxDelay;

  WebhookHealth(
      DeliveryRepository deliveries,
      Clock clock,
      MeterRegistry registry,
      @Value("${onegrid.webhooks.health.max-delay:10m}") Duration maxDelay) {
    this.deliveries = deliveries;
    this.clock = clock;
    this.maxDelay = maxDelay;
    Gauge.builder("onegrid.webhooks.waiting", () -> safely().waiting())
        .description("webhook deliveries not yet made, due or between retries")
        .register(registry);
    Gauge.builder("onegrid.webhooks.oldest.waiting.seconds", () -> delay(safely()).toSeconds())
        .description("how long the oldest webhook delivery not yet made has waited")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("onegrid.webhooks.failed", () -> safely().failed())
        .description("webhook deliveries given up on, to active subscribers")
        .register(registry);
  }

  @Override
  public Publisher<HealthResult> getResult() {
    DeliveryRepository.Backlog backlog = safely();
    Duration delay = delay(backlog);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("waiting", backlog.waiting());
    details.put("oldestWaitingSeconds", delay.toSeconds());
    details.put("failed", backlog.failed());
    boolean behind = delay.compareTo(maxDelay) > 0 || backlog.failed() > 0;
    return Publishers.just(
        HealthResult.builder("webhooks", behind ? DEGRADED : HealthStatus.UP)
            .details(details)
            .build());
  }

  private Duration delay(DeliveryRepository.Backlog backlog) {
    Instant oldest = backlog.oldestWaitingSince();
    return oldest == null || oldest.isAfter(clock.instant())
        ? Duration.ZERO
        : Duration.between(oldest, clock.instant());
  }

  private DeliveryRepository.Backlog safely() {
    try {
      return deliveries.backlog();
    } catch (RuntimeException e) {
      return new DeliveryRepository.Backlog(0, null, 0);
    }
  }
}
