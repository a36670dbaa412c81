package org.onegrid.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A system that follows events under a node, with how its deliveries stand.
 *
 * @param pending deliveries waiting to be sent or retried
 * @param failed deliveries given up on after every retry (an admin may send them again)
 * @param lastStatus the HTTP status of the last answer, 0 when it gave none (timeout, refused)
 * @param lastError what went wrong last, when the last attempt failed
 */
@Serdeable
public record Subscriber(
    long id,
    String name,
    String url,
    long nodeId,
    String nodeName,
    List<String> events,
    boolean active,
    Instant createdAt,
    @Nullable Instant disabledAt,
    int pending,
    int failed,
    @Nullable Integer lastStatus,
    @Nullable String lastError,
    @Nullable Instant lastDeliveredAt) {}
