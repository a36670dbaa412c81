package org.onegrid.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EXPLAIN for every distinct SELECT the app ran, read from its log (jOOQ's LoggerListener at DEBUG
 * prints each statement with its values inlined). A plan that reads a whole table that grows with
 * the city (problems, accounts, the dashboard's rows …) is a finding: at 3,000,000 problems it
 * would read them all.
 */
final class QueryPlans {

  /** Tables whose size grows with the city; a full scan of one of them does not hold at scale. */
  static final Set<String> GROWING =
      Set.of(
          "grid_nodes",
          "buildings",
          "building_units",
          "households",
          "accounts",
          "grid_leader_assignments",
          "problems",
          "problem_events",
          "problem_messages",
          "problem_photos",
          "problem_followers",
          "problem_reads",
          "problem_stats",
          "notifications",
          "sms_outbox",
          "webhook_deliveries",
          "resident_messages",
          "associations",
          "association_members",
          "activities",
          "activity_signups",
          "clinic_bookings",
          "clinic_requests",
          "hotline_contacts",
          "notices",
          "open311_requests");

  /**
   * Below this many rows (a table the tiny city barely fills, such as Open311's requests) reading
   * it whole is what the optimizer rightly prefers; the plan at scale is another.
   */
  static final long SMALL = 100;

  record Row(String table, String type, String key, String rows) {}

  record Plan(String sql, List<Row> rows) {

    Set<String> keys() {
      Set<String> keys = new LinkedHashSet<>();
      for (Row r : rows) {
        if (r.key() != null) {
          keys.add(r.key());
        }
      }
      return keys;
    }
  }

  private static final Pattern LOGGED =
      Pattern.compile("LoggerListener - (Executing query|-> with bind values)\\s*: (.*)$");
  private static final Pattern TABLE =
      Pattern.compile(
          "(?i)\\b(?:from|join)\\s+(?:`?\\w+`?\\.)?`?(\\w+)`?(?:\\s+(?:as\\s+)?`?(\\w+)`?)?");
  private static final Set<String> NOT_ALIASES =
      Set.of(
          "where",
          "join",
          "on",
          "left",
          "right",
          "inner",
          "outer",
          "cross",
          "straight_join",
          "force",
          "use",
          "ignore",
          "order",
          "group",
          "limit",
          "having",
          "union",
          "for",
          "natural");

  private QueryPlans() {}

  /** The SELECT statements in the log, with their values, each shape at most twice. */
  static List<String> statements(Path log) throws IOException {
    List<String> all = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = LOGGED.matcher(line);
      if (!m.find()) {
        continue;
      }
      // Requests in parallel interleave their lines: a statement with parameters is taken from its
      // "with bind values" line, one without from its "Executing query" line.
      String sql = m.group(2).trim();
      boolean placeholders = sql.replaceAll("'(?:[^']|'')*'", "").contains("?");
      if (!placeholders) {
        all.add(sql);
      }
    }
    Map<String, List<String>> byShape = new LinkedHashMap<>();
    for (String sql : all) {
      String lower = sql.toLowerCase(Locale.ROOT);
      if (!lower.startsWith("select") && !lower.startsWith("with")) {
        continue;
      }
      List<String> same = byShape.computeIfAbsent(shape(sql), k -> new ArrayList<>());
      if (same.size() < 2) {
        same.add(sql);
      }
    }
    List<String> out = new ArrayList<>();
    byShape.values().forEach(out::addAll);
    return out;
  }

  static List<Plan> explainAll(Connection db, Path log) throws IOException, SQLException {
    List<Plan> plans = new ArrayList<>();
    for (String sql : statements(log)) {
      plans.add(explain(db, sql));
    }
    return plans;
  }

  static Plan explain(Connection db, String sql) throws SQLException {
    Map<String, String> aliases = aliases(sql);
    List<Row> rows = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
      while (rs.next()) {
        String table = rs.getString("table");
        String real = table == null ? null : aliases.getOrDefault(table, table);
        rows.add(new Row(real, rs.getString("type"), rs.getString("key"), rs.getString("rows")));
      }
    } catch (SQLException e) {
      throw new SQLException(e.getMessage() + "\n  in EXPLAIN " + sql, e);
    }
    return new Plan(sql, rows);
  }

  /** Plans that read a whole growing table, described for a test failure. */
  static List<String> fullScans(List<Plan> plans) {
    List<String> found = new ArrayList<>();
    for (Plan p : plans) {
      for (Row r : p.rows()) {
        if ("ALL".equals(r.type())
            && r.table() != null
            && GROWING.contains(r.table())
            && estimate(r.rows()) >= SMALL) {
          found.add("full scan of " + r.table() + " (" + r.rows() + " rows) in: " + p.sql());
        }
      }
    }
    return found;
  }

  private static long estimate(String rows) {
    try {
      return rows == null ? 0 : Long.parseLong(rows.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static Map<String, String> aliases(String sql) {
    Map<String, String> aliases = new HashMap<>();
    Matcher m = TABLE.matcher(sql);
    while (m.find()) {
      String table = m.group(1);
      aliases.put(table, table);
      String alias = m.group(2);
      if (alias != null && !NOT_ALIASES.contains(alias.toLowerCase(Locale.ROOT))) {
        aliases.put(alias, table);
      }
    }
    return aliases;
  }

  /** The statement with its values taken out, so that the same query is explained once or twice. */
  private static String shape(String sql) {
    return sql.replaceAll("'(?:[^']|'')*'", "?").replaceAll("\\b\\d+\\b", "?");
  }
}
