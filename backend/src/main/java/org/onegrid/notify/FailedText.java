package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A text that did not go out, as an admin reads it: masked phone, no secret, the reason. */
@Serdeable
record FailedText(
    long id,
    String toMasked,
    @Nullable String body,
    String purpose,
    String status,
    int attempts,
    @Nullable String reason,
    Instant createdAt,
    boolean canResend) {}
