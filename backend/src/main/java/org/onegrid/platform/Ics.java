package org.onegrid.platform;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One-event iCalendar files (RFC 5545) for a phone's calendar. */
public final class Ics {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Ics() {}

  public static String event(
      String uid,
      Instant stamp,
      Instant start,
      Instant end,
      String summary,
      String location,
      String description) {
    return String.join(
            "\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//OneGrid//ZH",
            "CALSCALE:GREGORIAN",
            "BEGIN:VEVENT",
            "UID:" + uid + "@onegrid",
            "DTSTAMP:" + UTC.format(stamp),
            "DTSTART:" + UTC.format(start),
            "DTEND:" + UTC.format(end),
            "SUMMARY:" + text(summary),
            "LOCATION:" + text(location),
            "DESCRIPTION:" + text(description),
            "END:VEVENT",
            "END:VCALENDAR")
        + "\r\n";
  }

  private static String text(String s) {
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
  }
}
