package org.onegrid.reply;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A ready reply: built in (no id) or one the staff member saved (own, can be deleted). */
@Serdeable
public record ReplyTemplate(@Nullable Long id, String body, boolean own) {}
