package org.onegrid.platform;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.impl.AbstractConverter;

/**
 * DATETIME columns hold UTC wall-clock times (every connection runs with time_zone '+00:00'); the
 * code works with {@link Instant}. jOOQ's own Instant binding writes an offset that MySQL's
 * DATETIME rejects, hence this converter, which the generated table classes use for every DATETIME
 * column.
 */
public final class UtcInstantConverter extends AbstractConverter<LocalDateTime, Instant> {

  public UtcInstantConverter() {
    super(LocalDateTime.class, Instant.class);
  }

  @Override
  public Instant from(LocalDateTime value) {
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }

  @Override
  public LocalDateTime to(Instant value) {
    return value == null ? null : LocalDateTime.ofInstant(value, ZoneOffset.UTC);
  }
}
