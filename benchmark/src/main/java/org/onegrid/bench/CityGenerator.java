package org.onegrid.bench;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Fills an empty OneGrid database (schema migrated by the app) with a city of the given size, in
 * set-based SQL: every table is written by {@code INSERT … SELECT} over a table of numbers, in
 * chunks so that progress shows and no transaction grows huge. Rows are derived arithmetically from
 * their number, so the same size always gives the same city, and it runs on MariaDB and MySQL
 * alike.
 *
 * <p>Ids are laid out by level: residents are accounts 1…R, then grid leaders (one per grid),
 * community, street, district and city admins; grid nodes go city, districts, streets, communities,
 * zones, grids. Resident r lives in household ((r-1) mod H)+1, so every grid has residents.
 */
final class CityGenerator {

  /** Staff of the generated city sign in with this password (grid leaders: 138…, admins 137…). */
  static final String STAFF_PASSWORD = "onegrid-bench";

  private static final int CHUNK = 250_000;
  private static final int DAYS = 3 * 365;
  private static final String[] CATEGORIES = {
    "water_supply",
    "sanitation",
    "construction_waste",
    "safety_hazard",
    "public_order",
    "food_drug",
    "neighbour_dispute",
    "facility_repair",
    "other"
  };
  private static final String[] DESCRIPTIONS = {
    "3号楼东侧水表井盖下沉，晚上看不清，老人容易绊倒",
    "小区西门堆了一大堆建筑垃圾，已经三天没人清运",
    "2单元垃圾道堵了，味道很大，楼道里都是",
    "楼道灯坏了好几天，晚上上下楼很不安全",
    "地下车库入口积水，电动车过不去",
    "楼下烧烤摊油烟很大，晚上十二点还很吵",
    "单元门禁坏了，外人随便进出",
    "小区健身器材螺丝松动，孩子玩的时候晃得厉害",
    "楼上漏水，卫生间天花板一直滴水",
    "消防通道被私家车堵住了",
    "路边绿化带里有人乱扔装修垃圾",
    "自来水发黄，烧开后有沉淀"
  };
  private static final String[] REPLIES = {
    "您好，已收到，我们今天安排人去现场看看。", "已联系物业，明天上午处理，请您留意。", "已经派人处理了，有问题随时在这里告诉我。", "感谢反映，已上报街道，会尽快答复您。"
  };
  private static final String[] SURNAMES = {
    "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高",
    "罗"
  };
  private static final String[] GIVEN = {
    "桂兰", "秀英", "建国", "淑珍", "志强", "丽娟", "国华", "玉梅", "文斌", "海燕", "德明", "春花", "晓东", "红梅", "振华", "雪芳"
  };
  private static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final Connection db;
  private final CitySize size;
  private final Progress progress;
  private final int zoneOffsetHours;
  private final String now;
  private final String start;

  CityGenerator(Connection db, CitySize size, Progress progress, ZoneOffset cityZone, Instant now) {
    this.db = db;
    this.size = size;
    this.progress = progress;
    this.zoneOffsetHours = cityZone.getTotalSeconds() / 3600;
    this.now = sqlTime(now.truncatedTo(ChronoUnit.SECONDS));
    this.start = sqlTime(now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(DAYS)));
  }

  /** The size of the city already in this database, if the generator made one. */
  static CitySize existing(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE() AND table_name = 'bench_dataset'")) {
      rs.next();
      if (rs.getInt(1) == 0) {
        return null;
      }
    }
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT grids, residents, problems FROM bench_dataset WHERE finished_at IS NOT NULL")) {
      return rs.next() ? new CitySize(rs.getInt(1), rs.getInt(2), rs.getInt(3)) : null;
    }
  }

  /** True when the database has no grid tree: the generator only fills an empty one. */
  static boolean isEmpty(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM grid_nodes")) {
      rs.next();
      return rs.getLong(1) == 0;
    }
  }

  void generate() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("SET time_zone = '+00:00'");
      s.execute("SET foreign_key_checks = 0");
      s.execute("SET unique_checks = 0");
    }
    exec(
        "CREATE TABLE IF NOT EXISTS bench_dataset (id INT NOT NULL PRIMARY KEY, grids INT NOT NULL,"
            + " residents INT NOT NULL, problems INT NOT NULL, started_at DATETIME NOT NULL,"
            + " finished_at DATETIME NULL)");
    exec("DELETE FROM bench_dataset");
    exec(
        "INSERT INTO bench_dataset VALUES (1, %d, %d, %d, '%s', NULL)",
        size.grids(), size.residents(), size.problems(), now);
    // Problems are written here with INSERT … SELECT, which records no problem_changes: the
    // dashboard's job leaves them alone, and their summary rows are written here too.
    numbers(
        Math.max(
            size.problems(),
            Math.max(size.residents(), Math.max(size.households(), size.hotlineContacts()))));
    tree();
    boundaries();
    addresses();
    people();
    problems();
    associations();
    clinics();
    hotline();
    notices();
    summaries();
    progress.step("analyse tables");
    for (String table :
        List.of(
            "grid_nodes",
            "buildings",
            "building_units",
            "households",
            "accounts",
            "grid_leader_assignments",
            "problems",
            "problem_events",
            "problem_messages",
            "problem_stats",
            "associations",
            "association_members",
            "activities",
            "activity_signups",
            "clinic_providers",
            "clinic_services",
            "clinic_bookings",
            "hotline_contacts",
            "notices")) {
      exec("ANALYZE TABLE " + table);
    }
    exec("DROP TABLE bench_seq");
    exec("UPDATE bench_dataset SET finished_at = '%s'", sqlTime(Instant.now()));
    progress.done();
  }

  /** bench_seq holds 1…n, doubled statement by statement. */
  private void numbers(int n) throws SQLException {
    progress.step("numbers 1…" + String.format(Locale.ROOT, "%,d", n));
    exec("DROP TABLE IF EXISTS bench_seq");
    exec("CREATE TABLE bench_seq (n INT NOT NULL PRIMARY KEY) ENGINE=InnoDB");
    exec("INSERT INTO bench_seq VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)");
    for (long have = 10; have < n; have *= 2) {
      exec("INSERT INTO bench_seq SELECT n + %d FROM bench_seq WHERE n + %d <= %d", have, have, n);
    }
  }

  // --- the grid tree ---------------------------------------------------------------------------

  long districtBase() {
    return 1;
  }

  long streetBase() {
    return districtBase() + size.districts();
  }

  long communityBase() {
    return streetBase() + size.streets();
  }

  long zoneBase() {
    return communityBase() + size.communities();
  }

  long gridBase() {
    return zoneBase() + size.zones();
  }

  private void tree() throws SQLException {
    progress.step(
        "grid tree: 1 city, " + size.districts() + " districts, " + size.grids() + " grids");
    exec(
        "INSERT INTO grid_nodes (id, parent_id, node_level, code, name, path, depth, created_at)"
            + " VALUES (1, NULL, 'CITY', 'bench-city', '示范市', '/1/', 0, '%s')",
        start);
    level("DISTRICT", "d", "第", "区", districtBase(), size.districts(), 0, size.districts(), null);
    level(
        "STREET",
        "s",
        "第",
        "街道",
        streetBase(),
        size.streets(),
        districtBase(),
        CitySize.STREETS_PER_DISTRICT,
        null);
    level(
        "COMMUNITY",
        "c",
        "第",
        "社区",
        communityBase(),
        size.communities(),
        streetBase(),
        CitySize.COMMUNITIES_PER_STREET,
        "CONCAT('+863716', LPAD(s.n, 7, '0'))");
    level(
        "ZONE",
        "z",
        "第",
        "片区",
        zoneBase(),
        size.zones(),
        communityBase(),
        CitySize.ZONES_PER_COMMUNITY,
        null);
    level(
        "GRID",
        "g",
        "第",
        "网格",
        gridBase(),
        size.grids(),
        zoneBase(),
        CitySize.GRIDS_PER_ZONE,
        null);
    // Foreign keys are not checked while generating: make sure the tree is whole.
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM grid_nodes WHERE node_level = 'GRID' AND depth = 5")) {
      rs.next();
      if (rs.getInt(1) != size.grids()) {
        throw new IllegalStateException(
            "The generated tree has " + rs.getInt(1) + " grids instead of " + size.grids());
      }
    }
  }

  private void level(
      String level,
      String code,
      String before,
      String after,
      long base,
      int count,
      long parentBase,
      int perParent,
      String hotline)
      throws SQLException {
    exec(
        "INSERT INTO grid_nodes (id, parent_id, node_level, code, name, path, depth, hotline_phone,"
            + " created_at) SELECT %d + s.n, p.id, '%s', CONCAT('bench-%s', s.n),"
            + " CONCAT('%s', s.n, '%s'), CONCAT(p.path, %d + s.n, '/'), p.depth + 1, %s, '%s'"
            + " FROM bench_seq s JOIN grid_nodes p ON p.id = %d + (s.n - 1) DIV %d + 1"
            + " WHERE s.n <= %d",
        base,
        level,
        code,
        before,
        after,
        base,
        hotline == null ? "NULL" : hotline,
        start,
        parentBase,
        perParent,
        count);
  }

  // --- where things are -----------------------------------------------------------------------

  /** Grids side by side in rows of this many: a zone, a community, a street are runs of a row. */
  static final int GRIDS_PER_ROW = 200;

  /** A grid is a square this many degrees on a side (about 200 m). */
  static final double GRID_DEGREES = 0.002;

  static final double SOUTH = 34.5;
  static final double WEST = 113.2;

  /**
   * Every grid a drawn square, row after row: districts (ten rows) and streets (one row) get their
   * shapes from their grids, as in a city that drew only its grids.
   */
  private void boundaries() throws SQLException {
    progress.step("grid boundaries: " + size.grids() + " squares");
    String k = "(id - " + (gridBase() + 1) + ")";
    String w =
        "ROUND(" + WEST + " + (" + k + " % " + GRIDS_PER_ROW + ") * " + GRID_DEGREES + ", 6)";
    String e =
        "ROUND(" + WEST + " + (" + k + " % " + GRIDS_PER_ROW + " + 1) * " + GRID_DEGREES + ", 6)";
    String so =
        "ROUND(" + SOUTH + " + (" + k + " DIV " + GRIDS_PER_ROW + ") * " + GRID_DEGREES + ", 6)";
    String no =
        "ROUND("
            + SOUTH
            + " + ("
            + k
            + " DIV "
            + GRIDS_PER_ROW
            + " + 1) * "
            + GRID_DEGREES
            + ", 6)";
    String corner = "'[', %s, ',', %s, ']'";
    exec(
        "UPDATE grid_nodes SET boundary = CONCAT('{\"type\":\"Polygon\",\"coordinates\":[[',"
            + String.join(
                ", ',', ",
                String.format(corner, w, so),
                String.format(corner, e, so),
                String.format(corner, e, no),
                String.format(corner, w, no),
                String.format(corner, w, so))
            + ", ']]}'), min_lat = "
            + so
            + ", max_lat = "
            + no
            + ", min_lng = "
            + w
            + ", max_lng = "
            + e
            + " WHERE node_level = 'GRID'");
  }

  // --- buildings, units, households -----------------------------------------------------------

  private void addresses() throws SQLException {
    progress.step(
        String.format(
            Locale.ROOT,
            "addresses: %,d buildings, %,d units, %,d households",
            size.buildings(),
            size.units(),
            size.households()));
    exec(
        "INSERT INTO buildings (id, grid_id, name, sort_order, lat, lng, created_at)"
            + " SELECT n, %d + (n - 1) DIV %d + 1, CONCAT((n - 1) %% %d + 1, '号楼'), (n - 1) %% %d + 1,"
            // In a row across the middle of the grid's square.
            + " %s + ((n - 1) DIV %d DIV %d) * %s + %s,"
            + " %s + ((n - 1) DIV %d %% %d) * %s + ((n - 1) %% %d + 1) * %s,"
            + " '%s' FROM bench_seq WHERE n <= %d",
        gridBase(),
        CitySize.BUILDINGS_PER_GRID,
        CitySize.BUILDINGS_PER_GRID,
        CitySize.BUILDINGS_PER_GRID,
        SOUTH,
        CitySize.BUILDINGS_PER_GRID,
        GRIDS_PER_ROW,
        GRID_DEGREES,
        GRID_DEGREES / 2,
        WEST,
        CitySize.BUILDINGS_PER_GRID,
        GRIDS_PER_ROW,
        GRID_DEGREES,
        CitySize.BUILDINGS_PER_GRID,
        GRID_DEGREES / (CitySize.BUILDINGS_PER_GRID + 1),
        start,
        size.buildings());
    exec(
        "INSERT INTO building_units (id, building_id, name, sort_order)"
            + " SELECT n, (n - 1) DIV %d + 1, CONCAT((n - 1) %% %d + 1, '单元'), (n - 1) %% %d + 1"
            + " FROM bench_seq WHERE n <= %d",
        CitySize.UNITS_PER_BUILDING,
        CitySize.UNITS_PER_BUILDING,
        CitySize.UNITS_PER_BUILDING,
        size.units());
    int perUnit = size.householdsPerUnit();
    exec(
        "INSERT INTO households (id, unit_id, room, created_at)"
            + " SELECT n, (n - 1) DIV %d + 1,"
            + " CONCAT(((n - 1) %% %d) DIV 2 + 1, '0', ((n - 1) %% %d) %% 2 + 1), '%s'"
            + " FROM bench_seq WHERE n <= %d",
        perUnit, perUnit, perUnit, start, size.households());
  }

  // --- people ---------------------------------------------------------------------------------

  /** The unit of resident r's household, as SQL over a column holding r. */
  private String unitOf(String resident) {
    return "(((("
        + resident
        + ") - 1) % "
        + size.households()
        + ") DIV "
        + size.householdsPerUnit()
        + " + 1)";
  }

  /** The index (1…grids) of resident r's grid. */
  private String gridIndexOf(String resident) {
    int unitsPerGrid = CitySize.BUILDINGS_PER_GRID * CitySize.UNITS_PER_BUILDING;
    return "((" + unitOf(resident) + " - 1) DIV " + unitsPerGrid + " + 1)";
  }

  /** The index (1…communities) of resident r's community. */
  private String communityIndexOf(String resident) {
    int gridsPerCommunity = CitySize.GRIDS_PER_ZONE * CitySize.ZONES_PER_COMMUNITY;
    return "((" + gridIndexOf(resident) + " - 1) DIV " + gridsPerCommunity + " + 1)";
  }

  long leaderBase() {
    return size.residents();
  }

  long communityAdminBase() {
    return leaderBase() + size.grids();
  }

  long streetAdminBase() {
    return communityAdminBase() + size.communities();
  }

  long districtAdminBase() {
    return streetAdminBase() + size.streets();
  }

  long cityAdmin() {
    return districtAdminBase() + size.districts() + 1;
  }

  private void people() throws SQLException {
    int r = size.residents();
    String names =
        "CONCAT(ELT(1 + n % "
            + SURNAMES.length
            + ", "
            + quoted(SURNAMES)
            + "), ELT(1 + (n DIV 7) % "
            + GIVEN.length
            + ", "
            + quoted(GIVEN)
            + "))";
    for (int from = 1; from <= r; from += CHUNK) {
      int to = Math.min(r, from + CHUNK - 1);
      exec(
          "INSERT INTO accounts (id, phone_e164, name, role, household_id, locale, created_at,"
              + " updated_at) SELECT n, CONCAT('+86139', LPAD(n, 8, '0')), %s, 'RESIDENT',"
              + " (n - 1) %% %d + 1, 'zh-CN', %s, %s FROM bench_seq WHERE n BETWEEN %d AND %d",
          names, size.households(), spread("n", r), spread("n", r), from, to);
      progress.count("residents", to, r);
    }
    progress.step("staff: " + size.staff() + " (password " + STAFF_PASSWORD + ")");
    String hash = passwordHash(STAFF_PASSWORD);
    staff("GRID_LEADER", "+86138", leaderBase(), size.grids(), gridBase(), names, hash);
    staff(
        "COMMUNITY_ADMIN",
        "+86137",
        communityAdminBase(),
        size.communities(),
        communityBase(),
        names,
        hash);
    staff("STREET_ADMIN", "+86136", streetAdminBase(), size.streets(), streetBase(), names, hash);
    staff(
        "DISTRICT_ADMIN",
        "+86135",
        districtAdminBase(),
        size.districts(),
        districtBase(),
        names,
        hash);
    staff("CITY_ADMIN", "+86134", cityAdmin() - 1, 1, 0, names, hash);
    exec(
        "INSERT INTO grid_leader_assignments (grid_id, leader_id, started_at)"
            + " SELECT %d + n, %d + n, '%s' FROM bench_seq WHERE n <= %d",
        gridBase(), leaderBase(), start, size.grids());
  }

  private void staff(
      String role, String prefix, long idBase, int count, long nodeBase, String names, String hash)
      throws SQLException {
    exec(
        "INSERT INTO accounts (id, phone_e164, name, role, password_hash, node_id, work_phone, locale,"
            + " created_at, updated_at) SELECT %d + n, CONCAT('%s', LPAD(n, 8, '0')), %s, '%s', '%s',"
            + " %d + n, CONCAT('%s', LPAD(n, 8, '0')), 'zh-CN', '%s', '%s' FROM bench_seq WHERE n <= %d",
        idBase, prefix, names, role, hash, nodeBase, prefix, start, start, count);
  }

  // --- problems, their events and messages ------------------------------------------------------

  private void problems() throws SQLException {
    int p = size.problems();
    int r = size.residents();
    long spanSeconds = DAYS * 86_400L - 3_600;
    String state =
        "CASE WHEN age > 14 * 1440 THEN CASE WHEN x < 97 THEN 'CLOSED' WHEN x < 99 THEN 'IN_PROGRESS'"
            + " ELSE 'ACCEPTED' END ELSE CASE WHEN x < 25 THEN 'SUBMITTED' WHEN x < 45 THEN 'ACCEPTED'"
            + " WHEN x < 65 THEN 'IN_PROGRESS' WHEN x < 80 THEN 'RESOLVED' ELSE 'CLOSED' END END";
    String source =
        "CASE WHEN sx < 40 THEN 'APP' WHEN sx < 45 THEN 'PATROL' WHEN sx < 47 THEN 'HOTLINE'"
            + " WHEN sx < 48 THEN 'SMS' WHEN sx < 49 THEN 'CALL' ELSE 'OPEN311' END";
    for (int from = 1; from <= p; from += CHUNK) {
      int to = Math.min(p, from + CHUNK - 1);
      exec(
          "INSERT INTO problems (id, reporter_id, grid_id, category_code, description, building_id,"
              + " unit_id, hide_reporter, state, assignee_id, source, accept_due_at, resolve_due_at,"
              + " accepted_at, resolved_at, closed_at, redo_count, idempotency_key, created_at,"
              + " updated_at, escalation_level, rating, is_public)"
              + " SELECT t.n, IF(t.src = 'PATROL', t.leader, t.reporter), t.grid, t.cat, t.descr,"
              + " (t.unit - 1) DIV %d + 1, t.unit, FALSE, t.state,"
              + " IF(t.state = 'SUBMITTED', NULL, t.leader), t.src,"
              + " t.created + INTERVAL c.accept_hours HOUR, t.created + INTERVAL c.resolve_hours HOUR,"
              + " IF(t.state = 'SUBMITTED', NULL, t.created + INTERVAL t.acc MINUTE),"
              + " IF(t.state IN ('RESOLVED', 'CLOSED'), t.created + INTERVAL t.res MINUTE, NULL),"
              + " IF(t.state = 'CLOSED', t.created + INTERVAL t.clo MINUTE, NULL),"
              + " 0, CONCAT('bench-', t.n), t.created,"
              + " t.created + INTERVAL CASE t.state WHEN 'SUBMITTED' THEN 0 WHEN 'RESOLVED' THEN t.res"
              + " WHEN 'CLOSED' THEN t.clo ELSE t.acc END MINUTE, 0,"
              + " IF(t.state = 'CLOSED' AND t.x %% 10 < 6, IF(t.n %% 50 = 0, 2, 3 + t.n %% 3), NULL),"
              // Two in three app and Open311 reports are made public by their reporters.
              + " t.src IN ('APP', 'OPEN311') AND NOT c.always_private AND t.n %% 3 <> 0"
              + " FROM (SELECT u.*, %s AS state, %s AS src,"
              + " LEAST(30 + (u.n * 17) %% 600, u.age DIV 4) AS acc,"
              + " LEAST(30 + (u.n * 17) %% 600, u.age DIV 4) + LEAST(60 + (u.n * 29) %% 6000, u.age DIV 2)"
              + " AS res,"
              + " LEAST(30 + (u.n * 17) %% 600, u.age DIV 4) + LEAST(60 + (u.n * 29) %% 6000, u.age DIV 2)"
              + " + LEAST(1440, u.age DIV 4) AS clo"
              + " FROM (SELECT v.*, TIMESTAMPDIFF(MINUTE, v.created, '%s') AS age,"
              + " %s AS unit, %d + %s AS grid, %d + %s AS leader"
              + " FROM (SELECT n, '%s' + INTERVAL (n * %d DIV %d) SECOND AS created,"
              + " (n * 7919) %% %d + 1 AS reporter, (n * 13) %% 100 AS x, (n * 7) %% 50 AS sx,"
              + " ELT(1 + n %% %d, %s) AS cat, ELT(1 + (n * 3) %% %d, %s) AS descr"
              + " FROM bench_seq WHERE n BETWEEN %d AND %d) v) u) t"
              + " JOIN problem_categories c ON c.code = t.cat",
          CitySize.UNITS_PER_BUILDING,
          state,
          source,
          now,
          unitOf("v.reporter"),
          gridBase(),
          gridIndexOf("v.reporter"),
          leaderBase(),
          gridIndexOf("v.reporter"),
          start,
          spanSeconds,
          p,
          r,
          CATEGORIES.length,
          quoted(CATEGORIES),
          DESCRIPTIONS.length,
          quoted(DESCRIPTIONS),
          from,
          to);
      progress.count("problems", to, p);
    }
    for (int from = 1; from <= p; from += CHUNK) {
      int to = Math.min(p, from + CHUNK - 1);
      exec(
          "INSERT INTO problem_events (problem_id, actor_id, action, from_state, to_state, created_at)"
              + " SELECT p.id, IF(k.k IN (1, 5), p.reporter_id, p.assignee_id),"
              + " ELT(k.k, 'REPORT', 'ACCEPT', 'START', 'RESOLVE', 'CONFIRM'),"
              + " ELT(k.k, NULL, 'SUBMITTED', 'ACCEPTED', 'ACCEPTED', 'RESOLVED'),"
              + " ELT(k.k, 'SUBMITTED', 'ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'),"
              + " ELT(k.k, p.created_at, p.accepted_at, p.accepted_at + INTERVAL 1 MINUTE,"
              + " p.resolved_at, p.closed_at)"
              + " FROM problems p JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3"
              + " UNION ALL SELECT 4 UNION ALL SELECT 5) k"
              + " ON k.k = 1 OR (k.k = 2 AND p.accepted_at IS NOT NULL)"
              + " OR (k.k = 3 AND p.state = 'IN_PROGRESS') OR (k.k = 4 AND p.resolved_at IS NOT NULL)"
              + " OR (k.k = 5 AND p.closed_at IS NOT NULL)"
              + " WHERE p.id BETWEEN %d AND %d ORDER BY p.id, k.k",
          from, to);
      progress.count("problem events", to, p);
      exec(
          "INSERT INTO problem_messages (problem_id, author_id, from_staff, internal, body, client_key,"
              + " created_at) SELECT id, assignee_id, TRUE, FALSE, ELT(1 + id %% %d, %s),"
              + " CONCAT('bench-', id), accepted_at + INTERVAL 2 MINUTE FROM problems"
              + " WHERE id BETWEEN %d AND %d AND assignee_id IS NOT NULL AND id %% 2 = 0",
          REPLIES.length, quoted(REPLIES), from, to);
      progress.count("problem messages", to, p);
    }
  }

  // --- associations, clinics, hotline, notices ------------------------------------------------

  private void associations() throws SQLException {
    int c = size.communities();
    int per = CitySize.ASSOCIATIONS_PER_COMMUNITY;
    progress.step("associations, members and activities");
    // The organiser is the first resident of the community's first grid (resident id = household).
    int householdsPerCommunity =
        size.householdsPerUnit()
            * CitySize.UNITS_PER_BUILDING
            * CitySize.BUILDINGS_PER_GRID
            * CitySize.GRIDS_PER_ZONE
            * CitySize.ZONES_PER_COMMUNITY;
    exec(
        "INSERT INTO associations (id, community_id, open_to_neighbours, name, kind, description,"
            + " organiser_id, meeting_time, meeting_place, member_limit, join_policy, created_by,"
            + " created_at, updated_at) SELECT n, %d + (n - 1) DIV %d + 1, FALSE,"
            + " ELT((n - 1) %% %d + 1, '书法协会', '太极拳队', '合唱团'), 'CLUB',"
            + " ELT((n - 1) %% %d + 1, '每周练字，交流心得', '清晨公园练拳，强身健体', '唱老歌，唱新歌'),"
            + " LEAST(%d, ((n - 1) DIV %d) * %d + 1), '每周六上午', '社区活动中心', NULL, 'OPEN',"
            + " %d + (n - 1) DIV %d + 1, '%s', '%s' FROM bench_seq WHERE n <= %d",
        communityBase(),
        per,
        per,
        per,
        size.residents(),
        per,
        householdsPerCommunity,
        communityAdminBase(),
        per,
        start,
        start,
        c * per);
    exec(
        "INSERT INTO association_members (association_id, account_id, status, requested_at,"
            + " updated_at) SELECT (%s - 1) * %d + (n DIV 10) %% %d + 1, n, 'MEMBER', %s, %s"
            + " FROM bench_seq WHERE n <= %d AND n %% 10 = 0",
        communityIndexOf("n"),
        per,
        per,
        spread("n", size.residents()),
        spread("n", size.residents()),
        size.residents());
    int activities = c * per * CitySize.ACTIVITIES_PER_ASSOCIATION;
    exec(
        "INSERT INTO activities (id, association_id, community_id, title, description, place,"
            + " starts_at, ends_at, signup_deadline, capacity, created_by, created_at)"
            + " SELECT n, a.id, a.community_id, CONCAT(a.name, '活动'), a.description, '社区活动中心',"
            + " '%s' + INTERVAL ELT((n - 1) %% 4 + 1, -14, -7, 3, 10) DAY,"
            + " '%s' + INTERVAL ELT((n - 1) %% 4 + 1, -14, -7, 3, 10) DAY + INTERVAL 2 HOUR,"
            + " '%s' + INTERVAL ELT((n - 1) %% 4 + 1, -15, -8, 2, 9) DAY, 40, a.created_by, '%s'"
            + " FROM bench_seq s JOIN associations a ON a.id = (s.n - 1) DIV 4 + 1 WHERE s.n <= %d",
        now, now, now, start, activities);
    exec(
        "INSERT INTO activity_signups (activity_id, account_id, status, signed_up_at, updated_at)"
            + " SELECT (m.association_id - 1) * 4 + 3 + m.account_id %% 2, m.account_id, 'SIGNED_UP',"
            + " '%s', '%s' FROM association_members m WHERE m.account_id %% 20 = 0",
        now, now);
  }

  private void clinics() throws SQLException {
    int c = size.communities();
    progress.step(
        String.format(
            Locale.ROOT, "clinics: %,d services, %,d past bookings", 2 * c, size.bookings()));
    exec(
        "INSERT INTO clinic_providers (id, community_id, kind, name, address, phone)"
            + " SELECT n, %d + n, 'HEALTH_STATION', CONCAT('第', n, '社区卫生服务站'), '社区中心一楼',"
            + " CONCAT('+863717', LPAD(n, 7, '0')) FROM bench_seq WHERE n <= %d",
        communityBase(), c);
    // Service 2c-1 is the weekday general clinic (15-minute slots), 2c the Saturday free clinic.
    exec(
        "INSERT INTO clinic_services (id, provider_id, kind, name, slot_minutes, capacity_per_slot,"
            + " min_notice_hours, horizon_days, cancel_cutoff_hours, active)"
            + " SELECT n, (n + 1) DIV 2, IF(n %% 2 = 1, 'CLINIC_VISIT', 'FREE_CLINIC'),"
            + " IF(n %% 2 = 1, '全科门诊', '周六义诊（量血压、测血糖）'), IF(n %% 2 = 1, 15, 30),"
            + " IF(n %% 2 = 1, 4, 20), 2, IF(n %% 2 = 1, 14, 21), 2, TRUE FROM bench_seq WHERE n <= %d",
        2 * c);
    exec(
        "INSERT INTO clinic_hours (service_id, weekday, opens_at, closes_at)"
            + " SELECT s.n * 2 - 1, d.n, h.opens, h.closes FROM bench_seq s"
            + " JOIN bench_seq d ON d.n <= 5"
            + " JOIN (SELECT '08:00:00' AS opens, '11:30:00' AS closes"
            + " UNION ALL SELECT '14:00:00', '17:00:00') h"
            + " WHERE s.n <= %d",
        c);
    exec(
        "INSERT INTO clinic_hours (service_id, weekday, opens_at, closes_at)"
            + " SELECT n * 2, 6, '08:30:00', '11:30:00' FROM bench_seq WHERE n <= %d",
        c);
    int b = size.bookings();
    exec(
        "INSERT INTO clinic_bookings (service_id, starts_at, ends_at, booker_id, patient_id, reason,"
            + " status, code, idempotency_key, created_at, updated_at, grid_id)"
            + " SELECT t.service, t.at, t.at + INTERVAL 15 MINUTE, t.patient, t.patient, NULL,"
            + " ELT(1 + n %% 10, 'ATTENDED', 'ATTENDED', 'ATTENDED', 'ATTENDED', 'ATTENDED',"
            + " 'ATTENDED', 'ATTENDED', 'NO_SHOW', 'CANCELLED', 'ATTENDED'),"
            + " LPAD(n * 7 %% 1000000, 6, '0'), CONCAT('bench-', n), t.at - INTERVAL 3 DAY,"
            + " t.at, %d + %s"
            + " FROM (SELECT n, (n * 104729) %% %d + 1 AS patient,"
            + " 2 * %s - 1 AS service,"
            + " TIMESTAMP(DATE('%s') - INTERVAL (1 + n %% %d) DAY, '01:00:00')"
            + " + INTERVAL (n %% 12) * 15 MINUTE AS at FROM bench_seq WHERE n <= %d) t",
        gridBase(),
        gridIndexOf("t.patient"),
        size.residents(),
        communityIndexOf("(n * 104729) % " + size.residents() + " + 1"),
        now,
        DAYS,
        b);
  }

  private void hotline() throws SQLException {
    int h = size.hotlineContacts();
    progress.step(String.format(Locale.ROOT, "hotline: %,d calls, texts and messages", h));
    exec(
        "INSERT INTO hotline_contacts (community_id, channel, provider_sid, from_phone, account_id,"
            + " body, status, answered_by, answered_at, handled_at, created_at)"
            + " SELECT %d + %s, t.channel, IF(t.channel = 'WEB', NULL, CONCAT('bench-', t.n)),"
            + " CONCAT('+86139', LPAD(t.who, 8, '0')), t.who,"
            + " IF(t.channel = 'CALL', NULL, '楼下的路灯不亮了，麻烦看一下'),"
            + " IF(t.channel = 'CALL', ELT(1 + t.n %% 5, 'ANSWERED', 'ANSWERED', 'ANSWERED', 'MISSED',"
            + " 'VOICEMAIL'), 'RECEIVED'),"
            + " IF(t.channel = 'CALL' AND t.n %% 5 < 3, %d + %s, NULL),"
            + " IF(t.channel = 'CALL' AND t.n %% 5 < 3, t.at + INTERVAL 15 SECOND, NULL),"
            + " t.at + INTERVAL 20 MINUTE, t.at"
            + " FROM (SELECT n, (n * 15485863) %% %d + 1 AS who,"
            + " ELT(1 + n %% 4, 'CALL', 'CALL', 'SMS', 'WEB') AS channel,"
            + " '%s' + INTERVAL (n * %d DIV %d) SECOND AS at FROM bench_seq WHERE n <= %d) t",
        communityBase(),
        communityIndexOf("t.who"),
        communityAdminBase(),
        communityIndexOf("t.who"),
        size.residents(),
        start,
        DAYS * 86_400L - 3_600,
        h,
        h);
  }

  private void notices() throws SQLException {
    progress.step("notices: one per community and district");
    exec(
        "INSERT INTO notices (node_id, author_id, kind, title, body, by_sms, sms_done,"
            + " idempotency_key, created_at) SELECT %d + n, %d + n, 'WATER_POWER', '本周六上午停水通知',"
            + " '因管网维修，本周六8:00-12:00停水，请提前储水。', FALSE, TRUE, CONCAT('bench-c', n),"
            + " '%s' - INTERVAL (n %% 5) DAY FROM bench_seq WHERE n <= %d",
        communityBase(), communityAdminBase(), now, size.communities());
    exec(
        "INSERT INTO notices (node_id, author_id, kind, title, body, by_sms, sms_done,"
            + " idempotency_key, created_at) SELECT %d + n, %d + n, 'SAFETY', '冬季用电防火提示',"
            + " '请勿私拉电线给电动车充电，发现隐患请及时上报网格长。', FALSE, TRUE, CONCAT('bench-d', n),"
            + " '%s' - INTERVAL 2 DAY FROM bench_seq WHERE n <= %d",
        districtBase(), districtAdminBase(), now, size.districts());
  }

  // --- the dashboard's summary rows -----------------------------------------------------------

  /**
   * problem_stats as the app's job would write them: per grid, day of report in the city's zone,
   * category and source, then rolled up level by level. The same sums as the job; the benchmark's
   * test compares the dashboard's total with a count of the problems.
   */
  private void summaries() throws SQLException {
    int[] bounds = {1, 2, 4, 8, 24, 72, 168};
    List<String> counts =
        List.of(
            "reported",
            "accepted",
            "accepted_on_time",
            "closed",
            "closed_ok",
            "closed_on_time",
            "rated",
            "rating_sum",
            "redo",
            "a0",
            "a1",
            "a2",
            "a3",
            "a4",
            "a5",
            "a6",
            "a7",
            "c0",
            "c1",
            "c2",
            "c3",
            "c4",
            "c5",
            "c6",
            "c7");
    StringJoiner sums = new StringJoiner(", ");
    sums.add("COUNT(*)")
        .add("SUM(accepted_at IS NOT NULL)")
        .add("SUM(accepted_at IS NOT NULL AND accepted_at <= accept_due_at)")
        .add("SUM(state = 'CLOSED' AND resolved_at IS NOT NULL)")
        .add(
            "SUM(state = 'CLOSED' AND resolved_at IS NOT NULL AND (rating IS NULL OR rating >= 3))")
        .add(
            "SUM(state = 'CLOSED' AND resolved_at IS NOT NULL AND (rating IS NULL OR rating >= 3)"
                + " AND resolved_at <= resolve_due_at)")
        .add("SUM(rating IS NOT NULL)")
        .add("COALESCE(SUM(rating), 0)")
        .add("SUM(redo_count)");
    for (String column : List.of("accepted_at", "closed_at")) {
      String when =
          column.equals("accepted_at")
              ? "accepted_at IS NOT NULL"
              : "state = 'CLOSED' AND resolved_at IS NOT NULL";
      String hours = "TIMESTAMPDIFF(MINUTE, created_at, " + column + ") / 60";
      for (int i = 0; i <= bounds.length; i++) {
        String lower = i == 0 ? "" : " AND " + hours + " > " + bounds[i - 1];
        String upper = i == bounds.length ? "" : " AND " + hours + " <= " + bounds[i];
        sums.add("SUM(" + when + lower + upper + ")");
      }
    }
    StringJoiner update = new StringJoiner(", ");
    StringJoiner childSums = new StringJoiner(", ");
    for (String c : counts) {
      update.add(c + " = " + c + " + VALUES(" + c + ")");
      childSums.add("SUM(s." + c + ")");
    }
    String columns = String.join(", ", counts);
    int p = size.problems();
    for (int from = 1; from <= p; from += CHUNK) {
      int to = Math.min(p, from + CHUNK - 1);
      exec(
          "INSERT INTO problem_stats (node_id, day, category_code, source, "
              + columns
              + ") SELECT grid_id, DATE(created_at + INTERVAL "
              + zoneOffsetHours
              + " HOUR) AS d, category_code, source, "
              + sums
              + " FROM problems WHERE id BETWEEN "
              + from
              + " AND "
              + to
              + " GROUP BY grid_id, d, category_code, source ON DUPLICATE KEY UPDATE "
              + update);
      progress.count("dashboard rows of grids", to, p);
    }
    for (String level : List.of("GRID", "ZONE", "COMMUNITY", "STREET", "DISTRICT")) {
      progress.step("dashboard rows rolled up from " + level.toLowerCase(Locale.ROOT));
      exec(
          "INSERT INTO problem_stats (node_id, day, category_code, source, "
              + columns
              + ") SELECT g.parent_id, s.day, s.category_code, s.source, "
              + childSums
              + " FROM grid_nodes g JOIN problem_stats s ON s.node_id = g.id"
              + " WHERE g.node_level = '"
              + level
              + "' GROUP BY g.parent_id, s.day, s.category_code, s.source");
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  /** A time between the city's start and now, spread by n over 1…total. */
  private String spread(String n, int total) {
    return "'"
        + start
        + "' + INTERVAL ("
        + n
        + " * "
        + (DAYS * 86_400L)
        + " DIV "
        + total
        + ") SECOND";
  }

  private void exec(String sql, Object... args) throws SQLException {
    String statement = args.length == 0 ? sql : String.format(Locale.ROOT, sql, args);
    try (Statement s = db.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new SQLException(
          e.getMessage() + "\n  in: " + abbreviate(statement),
          e.getSQLState(),
          e.getErrorCode(),
          e);
    }
  }

  private static String abbreviate(String sql) {
    return sql.length() > 2000 ? sql.substring(0, 2000) + "…" : sql;
  }

  private static String quoted(String[] values) {
    StringJoiner j = new StringJoiner(", ");
    for (String v : values) {
      j.add("'" + v.replace("'", "''") + "'");
    }
    return j.toString();
  }

  private static String sqlTime(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC).format(SQL_TIME);
  }

  /** The app's password format: PBKDF2-HMAC-SHA256, 600,000 iterations, random salt. */
  static String passwordHash(String password) {
    try {
      byte[] salt = new byte[16];
      new SecureRandom().nextBytes(salt);
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, 600_000, 256);
      byte[] hash =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
      return "pbkdf2-sha256$600000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
