package org.onegrid.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who the virtual users are, picked from the database before the run: residents spread evenly over
 * the city (each with their own problems, grid, grid leader, community admin and clinic), and the
 * city admin. Works on any OneGrid database, not only a generated one.
 */
final class Population {

  /** A resident and the people and things around them. */
  record Resident(
      long id,
      long gridId,
      long communityId,
      long leaderId,
      long communityAdminId,
      long clinicServiceId,
      List<Long> problems,
      List<Long> openProblemsOfGrid) {}

  /** A node and a staff member placed there. */
  record Staffed(long nodeId, long staffId) {}

  /** An open problem and the leader of its grid. */
  record OpenProblem(long problemId, long leaderId) {}

  /** How many reporters and open problems the writes spread over. */
  static final int SPREAD = 4096;

  final List<Resident> residents;
  final long cityAdminId;
  final long rootId;

  /** The newest public problems, as Open311 readers ask for them. */
  final List<Long> recentProblems;

  final List<Staffed> gridLeaders;
  final List<Staffed> communityAdmins;

  /**
   * Residents spread evenly over the city, who report in turn: a city's reports come from
   * everywhere. Sent by the run's few virtual users, its ten thousand reports piled into a few
   * grids, and every run made those grids' inboxes, digests and dashboards heavier.
   */
  final List<Long> reporters;

  /** One open problem in each of grids spread evenly over the city, where their leaders reply. */
  final List<OpenProblem> openProblems;

  private Population(
      List<Resident> residents,
      long cityAdminId,
      long rootId,
      List<Long> recentProblems,
      List<Staffed> gridLeaders,
      List<Staffed> communityAdmins,
      List<Long> reporters,
      List<OpenProblem> openProblems) {
    this.residents = residents;
    this.cityAdminId = cityAdminId;
    this.rootId = rootId;
    this.recentProblems = recentProblems;
    this.gridLeaders = gridLeaders;
    this.communityAdmins = communityAdmins;
    this.reporters = reporters;
    this.openProblems = openProblems;
  }

  static Population pick(Connection db, int wanted) throws SQLException {
    long min = single(db, "SELECT MIN(id) FROM accounts WHERE role = 'RESIDENT'");
    long max = single(db, "SELECT MAX(id) FROM accounts WHERE role = 'RESIDENT'");
    Map<Long, Resident> picked = new LinkedHashMap<>();
    for (int k = 0; picked.size() < wanted && k < wanted * 4; k++) {
      long at = min + (max - min) * k / (wanted * 4L) + 3;
      Resident r = residentFrom(db, at);
      if (r != null && !r.problems().isEmpty() && !r.openProblemsOfGrid().isEmpty()) {
        picked.putIfAbsent(r.id(), r);
      }
    }
    if (picked.isEmpty()) {
      throw new IllegalStateException(
          "No resident with problems, a grid leader and a clinic was found: is the city generated?");
    }
    long root = single(db, "SELECT id FROM grid_nodes WHERE parent_id IS NULL ORDER BY id LIMIT 1");
    long cityAdmin =
        single(
            db,
            "SELECT id FROM accounts WHERE role = 'CITY_ADMIN' AND node_id = " + root + " LIMIT 1");
    // Open311 readers see public problems only; a private one answers 404.
    List<Long> recent =
        longs(
            db,
            "SELECT id FROM problems WHERE is_public = TRUE ORDER BY id DESC LIMIT 200",
            new Object[0]);
    List<Staffed> gridLeaders =
        staffed(
            db, "SELECT grid_id, leader_id FROM grid_leader_assignments WHERE ended_at IS NULL");
    List<Long> reporters = reporters(db, min, max);
    List<OpenProblem> openProblems = openProblems(db, gridLeaders);
    if (reporters.isEmpty() || openProblems.isEmpty()) {
      throw new IllegalStateException("No resident with a home or no open problem was found");
    }
    return new Population(
        new ArrayList<>(picked.values()),
        cityAdmin,
        root,
        recent,
        gridLeaders,
        staffed(db, "SELECT node_id, id FROM accounts WHERE role = 'COMMUNITY_ADMIN'"),
        reporters,
        openProblems);
  }

  /** Up to {@link #SPREAD} residents with a home, evenly spaced by id over the whole city. */
  private static List<Long> reporters(Connection db, long min, long max) throws SQLException {
    return longs(
        db,
        "SELECT id FROM accounts WHERE role = 'RESIDENT' AND household_id IS NOT NULL"
            + " AND MOD(id, ?) = 0 ORDER BY id LIMIT ?",
        new Object[] {Math.max(1, (max - min) / SPREAD), SPREAD});
  }

  /** The newest open problem of each of up to {@link #SPREAD} grids spread evenly over the list. */
  private static List<OpenProblem> openProblems(Connection db, List<Staffed> gridLeaders)
      throws SQLException {
    List<OpenProblem> open = new ArrayList<>();
    int step = Math.max(1, gridLeaders.size() / SPREAD);
    for (int k = 0; k < gridLeaders.size() && open.size() < SPREAD; k += step) {
      Staffed grid = gridLeaders.get(k);
      Long problem =
          first(
              db,
              "SELECT id FROM problems WHERE grid_id = ? AND state IN ('SUBMITTED', 'ACCEPTED',"
                  + " 'IN_PROGRESS') ORDER BY id DESC LIMIT 1",
              grid.nodeId());
      if (problem != null) {
        open.add(new OpenProblem(problem, grid.staffId()));
      }
    }
    return open;
  }

  /** Every grid with its leader, or every community with an admin (one each). */
  private static List<Staffed> staffed(Connection db, String sql) throws SQLException {
    Map<Long, Staffed> byNode = new LinkedHashMap<>();
    try (PreparedStatement s = db.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        byNode.putIfAbsent(rs.getLong(1), new Staffed(rs.getLong(1), rs.getLong(2)));
      }
    }
    return new ArrayList<>(byNode.values());
  }

  Resident resident(int user) {
    return residents.get(user % residents.size());
  }

  private static Resident residentFrom(Connection db, long fromId) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "SELECT a.id, b.grid_id, g.path FROM accounts a"
                + " JOIN households h ON h.id = a.household_id"
                + " JOIN building_units u ON u.id = h.unit_id"
                + " JOIN buildings b ON b.id = u.building_id"
                + " JOIN grid_nodes g ON g.id = b.grid_id"
                + " WHERE a.role = 'RESIDENT' AND a.id >= ? ORDER BY a.id LIMIT 1")) {
      s.setLong(1, fromId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long id = rs.getLong(1);
        long grid = rs.getLong(2);
        String[] path = rs.getString(3).split("/");
        // '/city/district/street/community/zone/grid/' splits into "", city, district, street, …
        if (path.length < 5) {
          return null;
        }
        long community = Long.parseLong(path[4]);
        Long leader =
            first(
                db,
                "SELECT leader_id FROM grid_leader_assignments WHERE grid_id = ? AND ended_at IS NULL",
                grid);
        Long admin =
            first(
                db,
                "SELECT id FROM accounts WHERE node_id = ? AND role = 'COMMUNITY_ADMIN' ORDER BY id",
                community);
        Long service =
            first(
                db,
                "SELECT s.id FROM clinic_services s JOIN clinic_providers p ON p.id = s.provider_id"
                    + " WHERE p.community_id = ? AND s.kind = 'CLINIC_VISIT' AND s.active ORDER BY s.id",
                community);
        if (leader == null || admin == null || service == null) {
          return null;
        }
        List<Long> mine =
            longs(
                db,
                "SELECT id FROM problems WHERE reporter_id = ? ORDER BY id DESC LIMIT 5",
                new Object[] {id});
        List<Long> open =
            longs(
                db,
                "SELECT id FROM problems WHERE grid_id = ? AND state IN ('SUBMITTED', 'ACCEPTED',"
                    + " 'IN_PROGRESS') ORDER BY id DESC LIMIT 5",
                new Object[] {grid});
        return new Resident(id, grid, community, leader, admin, service, mine, open);
      }
    }
  }

  private static long single(Connection db, String sql) throws SQLException {
    Long v = first(db, sql);
    if (v == null) {
      throw new IllegalStateException("Nothing found by: " + sql);
    }
    return v;
  }

  private static Long first(Connection db, String sql, Object... args) throws SQLException {
    List<Long> all = longs(db, sql, args);
    return all.isEmpty() ? null : all.get(0);
  }

  private static List<Long> longs(Connection db, String sql, Object[] args) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<Long> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
      return out;
    }
  }
}
