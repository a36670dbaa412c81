package org.onegrid.message;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One message of a resident's conversation with their grid's staff. */
@Serdeable
public record MessageView(
    long id,
    boolean fromStaff,
    String senderName,
    String body,
    Instant createdAt,
    @Nullable Instant readAt) {}
