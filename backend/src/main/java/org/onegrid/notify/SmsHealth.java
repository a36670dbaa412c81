package org.onegrid.notify;

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
 * Whether texts are leaving: /health is DEGRADED (still serving) when the oldest text that is due
 * has waited longer than {@code onegrid.sms.health.max-delay}, and the metrics carry the number of
 * due texts and the age of the oldest, so an outage of the SMS provider shows before residents call
 * to say their code never came.
 */
// Made at start-up, not at first use: its gauges are in the metrics from the first scrape.
@Context
final class SmsHealth implements HealthIndicator {

  /**
   * Worse than UP, better than DOWN, and still answered with 200: the app works, texts are late.
   * (Micronaut orders statuses by "operational" first; left unset, this one ranks between them.)
   */
  static final HealthStatus DEGRADED =
      new HealthStatus("DEGRADED", "texts are not leaving in time", null, 500);

  private final OutboxQueries outbox;
  private final Clock clock;
  private final Duration maxDelay;

  SmsHealth(
      OutboxQueries outbox,
      Clock clock,
      MeterRegistry registry,
      @Value("${onegrid.sms.health.max-delay:2m}") Duration maxDelay) {
    this.outbox = outbox;
    this.clock = clock;
    this.maxDelay = maxDelay;
    Gauge.builder("onegrid.sms.due", () -> safely().due())
        .description("texts due and not yet sent")
        .register(registry);
    Gauge.builder("onegrid.sms.oldest.due.seconds", () -> delay(safely()).toSeconds())
        .description("how long the oldest due text has waited")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("onegrid.sms.unsettled", () -> safely().unknown())
        .description("texts handed to the provider whose fate is not known yet")
        .register(registry);
  }

  /** Whether the oldest due text has waited too long. */
  boolean delayed() {
    return delay(safely()).compareTo(maxDelay) > 0;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    OutboxQueries.Backlog backlog = safely();
    Duration delay = delay(backlog);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("due", backlog.due());
    details.put("oldestDueSeconds", delay.toSeconds());
    details.put("unknown", backlog.unknown());
    return Publishers.just(
        HealthResult.builder("sms", delay.compareTo(maxDelay) > 0 ? DEGRADED : HealthStatus.UP)
            .details(details)
            .build());
  }

  private Duration delay(OutboxQueries.Backlog backlog) {
    Instant oldest = backlog.oldestDueSince();
    return oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
  }

  private OutboxQueries.Backlog safely() {
    try {
      return outbox.backlog(clock.instant());
    } catch (RuntimeException e) {
      return new OutboxQueries.Backlog(0, null, 0);
    }
  }
}
