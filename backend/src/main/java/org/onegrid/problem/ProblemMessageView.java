package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One message of a problem's thread; internal notes reach staff only. */
@Serdeable
public record ProblemMessageView(
    long id,
    boolean fromStaff,
    String senderName,
    String body,
    Instant createdAt,
    @Nullable Instant readAt,
    boolean internal,
    @Nullable PhotoService.PhotoRef photo) {}
