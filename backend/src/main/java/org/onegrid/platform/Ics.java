package org.onegrid.platform;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    return Stream.of(
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
        .map(Ics::fold)
        .collect(Collectors.joining("\r\n", "", "\r\n"));
  }

  /**
   * A content line folded as RFC 5545 §3.1 asks: at most 75 octets of UTF-8 a line, each following
   * part starting with a space, never inside a character (a Chinese title is 3 octets a character).
   */
  static String fold(String line) {
    StringBuilder out = new StringBuilder();
    int octets = 0;
    int limit = 75;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > limit) {
        out.append("\r\n ");
        octets = 1;
        limit = 75;
      }
      out.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  private static String text(String s) {
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
  }
}
