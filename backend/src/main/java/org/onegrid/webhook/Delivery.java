package org.onegrid.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One event to one subscriber, as the delivery log shows it.
 *
 * @param status PENDING (waiting or between retries), SENDING, DELIVERED or FAILED (given up)
 * @param lastStatus the HTTP status of the last answer, 0 when none came
 */
@Serdeable
public record Delivery(
    long id,
    String eventId,
    String eventType,
    String status,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    @Nullable Instant deliveredAt,
    @Nullable Integer lastStatus,
    @Nullable String lastError,
    WebhookEvent event) {}
