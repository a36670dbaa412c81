package org.onegrid.dashboard;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import org.onegrid.platform.ApiException;

/**
 * One table of a dashboard as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads
 * Chinese), CRLF lines, every text cell quoted, and a cell starting with =, +, - or @ defused so a
 * spreadsheet never runs it.
 */
final class DashboardCsv {

  static final String HEADER =
      "key,name,reported,accepted_on_time,closed,closed_not_unsatisfied,closed_on_time,"
          + "accepted_on_time_rate,closure_rate,on_time_closure_rate,satisfaction,rated,redo,"
          + "median_hours_to_accept,median_hours_to_close\r\n";

  private DashboardCsv() {}

  /** The table named (children, category, source or weeks); 404 for any other name. */
  static String table(DashboardService.Dashboard d, String table) {
    List<Row> rows =
        switch (table) {
          case "children" ->
              d.children().stream()
                  .map(c -> new Row(String.valueOf(c.id()), c.name(), c.figures()))
                  .toList();
          case "category" -> d.byCategory().stream().map(Row::of).toList();
          case "source" -> d.bySource().stream().map(Row::of).toList();
          case "weeks" -> d.weeks().stream().map(Row::of).toList();
          default -> throw ApiException.notFound();
        };
    StringBuilder out = new StringBuilder("\uFEFF").append(HEADER);
    for (Row row : rows) {
      DashboardService.Figures f = row.figures();
      out.append(cell(row.key()))
          .append(',')
          .append(cell(row.name()))
          .append(',')
          .append(
              String.join(
                  ",",
                  List.of(
                      String.valueOf(f.reported()),
                      String.valueOf(f.acceptedOnTime()),
                      String.valueOf(f.closed()),
                      String.valueOf(f.closedOk()),
                      String.valueOf(f.closedOnTime()),
                      blank(f.acceptedOnTimeRate()),
                      blank(f.closureRate()),
                      blank(f.onTimeClosureRate()),
                      blank(f.satisfaction()),
                      String.valueOf(f.rated()),
                      String.valueOf(f.redo()),
                      blank(f.medianHoursToAccept()),
                      blank(f.medianHoursToClose()))))
          .append("\r\n");
    }
    return out.toString();
  }

  /** A line of a table: its key, what a person calls it, its figures. */
  private record Row(String key, String name, DashboardService.Figures figures) {
    static Row of(DashboardService.Figures f) {
      return new Row(f.key(), f.key(), f);
    }
  }

  private static String blank(@Nullable Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  /** Quotes a cell; a leading =, +, - or @ is defused so a spreadsheet never runs it. */
  static String cell(String value) {
    String v = value.matches("^[=+\\-@].*") ? "'" + value : value;
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
