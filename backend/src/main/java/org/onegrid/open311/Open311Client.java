package org.onegrid.open311;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A third-party app allowed to file requests; its key is shown once and stored only hashed. */
@Serdeable
public record Open311Client(
    long id,
    String name,
    String keyHint,
    long accountId,
    Instant createdAt,
    @Nullable Instant revokedAt,
    int requests) {}
