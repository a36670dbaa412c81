package org.onegrid.clinic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The slot arithmetic of a service, with no database and no clock: from its weekly opening hours,
 * its slot length and its closed days, the starts of the slots from {@code earliest} (now plus the
 * notice) to the end of the last day of its horizon, in the city's zone. A slot must end by closing
 * time, and a slot that would run past midnight is none (setup refuses such hours).
 */
final class SlotSchedule {

  private SlotSchedule() {}

  static List<Instant> starts(
      LocalDate firstDay,
      LocalDate lastDay,
      Instant earliest,
      Set<LocalDate> closed,
      List<ClinicRepository.Hours> hours,
      int slotMinutes,
      ZoneId zone) {
    List<Instant> starts = new ArrayList<>();
    for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
      if (closed.contains(d)) {
        continue;
      }
      int weekday = d.getDayOfWeek().getValue();
      for (ClinicRepository.Hours h : hours) {
        if (h.weekday() != weekday) {
          continue;
        }
        for (LocalTime t = h.opens(); ; t = t.plusMinutes(slotMinutes)) {
          LocalTime end = t.plusMinutes(slotMinutes);
          if (!end.isAfter(t) || end.isAfter(h.closes())) {
            break; // past closing, or past midnight
          }
          Instant start = ZonedDateTime.of(d, t, zone).toInstant();
          if (!start.isBefore(earliest)) {
            starts.add(start);
          }
        }
      }
    }
    starts.sort(null);
    return starts;
  }
}
