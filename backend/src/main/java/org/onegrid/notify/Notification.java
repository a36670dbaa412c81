package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One in-app notification: what happened, and where in the app to look. */
@Serdeable
public record Notification(
    long id, String body, @Nullable String link, Instant createdAt, boolean read) {}
