package org.onegrid.open311;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Reading GeoReport parameters and writing its dates, the same way for every method. */
final class Open311Params {

  private Open311Params() {}

  /** A parameter's value, trimmed; null when absent or empty (the specification's "optional"). */
  @Nullable
  static String one(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    String v = values.get(0).trim();
    return v.isEmpty() ? null : v;
  }

  @Nullable
  static String cut(@Nullable String s, int max) {
    return s == null ? null : s.length() <= max ? s : s.substring(0, max);
  }

  static long parseId(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new Open311Exception(404, value + " was not found");
    }
  }

  @Nullable
  static Instant date(Map<String, List<String>> query, String name) {
    String value = one(query, name);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new Open311Exception(
          400, name + " must be a w3 datetime with a time zone, e.g. 2010-01-01T00:00:00Z");
    }
  }

  /** [start, end) of a query. */
  record Window(Instant start, Instant end) {}

  /**
   * The window of start_date and end_date: without either, the {@code fallback} before now; with
   * one, {@code fallback} from or to it; never longer than {@code max}.
   */
  static Window window(
      Map<String, List<String>> query, Instant now, Duration fallback, Duration max) {
    Instant start = date(query, "start_date");
    Instant end = date(query, "end_date");
    if (start == null && end == null) {
      end = now;
      start = now.minus(fallback);
    } else if (start == null) {
      start = end.minus(fallback);
    } else if (end == null) {
      end = start.plus(fallback);
    }
    if (!start.isBefore(end)) {
      throw new Open311Exception(400, "start_date must be before end_date");
    }
    if (Duration.between(start, end).compareTo(max) > 0) {
      throw new Open311Exception(
          400, "start_date and end_date may not span more than " + max.toDays() + " days");
    }
    return new Window(start, end);
  }

  /** A w3 datetime in the city's zone, to the second. */
  static String w3(Instant at, ZoneId zone) {
    return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), zone)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
