package org.onegrid.onboarding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CSV file (RFC 4180: quoted fields, doubled quotes, CRLF or LF) whose first line names the
 * columns. Columns are found by any of their names, English or Chinese, so a sheet exported with
 * Chinese headings reads the same.
 */
final class CsvTable {

  /** One data line: its line number in the file (the heading is line 1) and its cells. */
  record Row(int line, Map<String, String> cells) {

    /** The trimmed cell of the column, empty when the column is missing or the cell blank. */
    Optional<String> get(String column) {
      String v = cells.get(column);
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
  }

  private final List<Row> rows;
  private final List<String> missing;

  private CsvTable(List<Row> rows, List<String> missing) {
    this.rows = rows;
    this.missing = missing;
  }

  /**
   * Reads the text; {@code columns} maps each column's canonical name to the headings it may have
   * (the canonical name itself always counts).
   */
  static CsvTable parse(String text, Map<String, List<String>> columns, List<String> required) {
    List<List<String>> records = records(text);
    if (records.isEmpty()) {
      return new CsvTable(List.of(), required);
    }
    Map<Integer, String> byIndex = new HashMap<>();
    List<String> heading = records.get(0);
    for (int i = 0; i < heading.size(); i++) {
      String h = heading.get(i).trim().toLowerCase(Locale.ROOT);
      for (var c : columns.entrySet()) {
        if (c.getKey().equals(h) || c.getValue().contains(h)) {
          byIndex.put(i, c.getKey());
        }
      }
    }
    List<String> missing = required.stream().filter(r -> !byIndex.containsValue(r)).toList();
    List<Row> rows = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> rec = records.get(r);
      if (rec.stream().allMatch(String::isBlank)) {
        continue;
      }
      Map<String, String> cells = new HashMap<>();
      for (int i = 0; i < rec.size(); i++) {
        String column = byIndex.get(i);
        if (column != null) {
          cells.put(column, rec.get(i));
        }
      }
      rows.add(new Row(r + 1, cells));
    }
    return new CsvTable(rows, missing);
  }

  List<Row> rows() {
    return rows;
  }

  /** Required columns the heading lacks. */
  List<String> missingColumns() {
    return missing;
  }

  private static List<List<String>> records(String text) {
    List<List<String>> out = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(field.toString());
        field.setLength(0);
        out.add(record);
        record = new ArrayList<>();
      } else {
        field.append(c);
      }
      i++;
    }
    if (!field.isEmpty() || !record.isEmpty()) {
      record.add(field.toString());
      out.add(record);
    }
    return out;
  }
}
