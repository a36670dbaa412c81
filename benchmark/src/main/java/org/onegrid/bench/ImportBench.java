package org.onegrid.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a city admin waits to load a real city's files: a grid tree of {@code grids} grids with
 * boundaries (10 grids a zone, 2 zones a community, 10 communities a street, 10 streets a district:
 * for 19,000 grids the benchmark city's 10 districts, 95 streets, 950 communities and 1,900 zones)
 * and 5 buildings a grid, through the same API the import page uses: the check, then the apply
 * followed to its end. Starts the packaged app on a fresh embedded database with the demo city,
 * whose city admin does the import.
 *
 * <pre>
 * java -cp benchmark/target/onegrid-bench.jar org.onegrid.bench.ImportBench [--grids 19000]
 * </pre>
 */
public final class ImportBench {

  /** What was measured, in seconds. */
  public record Result(
      int grids,
      int nodes,
      int buildings,
      int treeBytes,
      double treeCheck,
      double treeApply,
      double buildingsCheck,
      double buildingsApply,
      int staff,
      double staffCheck,
      double staffApply,
      int invited,
      double inviteSeconds,
      int cores) {

    /** Invitations texted a second (each a PBKDF2 hash of a temporary password). */
    double invitesPerSecond() {
      return inviteSeconds <= 0 ? 0 : invited / inviteSeconds;
    }

    String markdown() {
      return String.format(
          Locale.ROOT,
          """
          | import through the API (what the admin waits for) | rows | check | apply | goal |
          | --- | ---: | ---: | ---: | --- |
          | grid tree, GeoJSON with %,d grid boundaries (%,.1f MB) | %,d | %.1f s | %.1f s | |
          | buildings CSV (5 a grid, 2–3 units each) | %,d | %.1f s | %.1f s | |
          | **both, check and apply** | | | **%.1f s** | < 60 s |
          | staff CSV (a leader per grid, an admin per community) | %,d | %.1f s | %.1f s | |

          Invitations texted in the first %.0f s after the staff import: %,d, **%.1f a second** on %d cores
          (hashing on %d), so %,d staff are all texted in about **%.0f minutes**.
          """,
          grids,
          treeBytes / 1e6,
          nodes,
          treeCheck,
          treeApply,
          buildings,
          buildingsCheck,
          buildingsApply,
          treeCheck + treeApply + buildingsCheck + buildingsApply,
          staff,
          staffCheck,
          staffApply,
          inviteSeconds,
          invited,
          invitesPerSecond(),
          cores,
          Math.max(1, cores / 2),
          staff,
          invitesPerSecond() <= 0 ? 0 : staff / invitesPerSecond() / 60);
    }
  }

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");
  private static final Pattern DONE = Pattern.compile("\"done\"\\s*:\\s*(\\d+)");
  private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
  private static final Pattern REFUSE = Pattern.compile("\"refuse\"\\s*:\\s*(\\d+)");

  private ImportBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    run(
        Path.of(o.getOrDefault("app-jar", "backend/target/onegrid.jar")),
        Path.of(
            o.getOrDefault("data-dir", System.getProperty("user.home") + "/.onegrid/import-bench")),
        Integer.parseInt(o.getOrDefault("grids", "19000")),
        Integer.parseInt(o.getOrDefault("invite-seconds", "60")),
        System.out);
  }

  public static Result run(Path jar, Path dataDir, int grids, int inviteSeconds, PrintStream out)
      throws Exception {
    Progress progress = new Progress(out);
    Bench.deleteTree(dataDir);
    Map<String, String> env = new HashMap<>();
    env.put("ONEGRID_DEMO_ENABLED", "true");
    env.put("ONEGRID_DATABASE_EMBEDDED_DATA_DIR", dataDir.toString());
    env.put("ONEGRID_DATABASE_EMBEDDED_PORT", String.valueOf(AppProcess.freePort()));
    env.put("ONEGRID_DATABASE_EMBEDDED_BUFFER_POOL_SIZE", "1G");
    env.put("ONEGRID_STORAGE_DIR", dataDir.resolve("files").toString());
    env.put("ONEGRID_SECURITY_SESSION_SECRET", UUID.randomUUID().toString());
    String metricsToken = UUID.randomUUID().toString();
    env.put("ONEGRID_METRICS_TOKEN", metricsToken);
    try (AppProcess app =
        AppProcess.start(jar, env, List.of("-Xmx2g"), dataDir.resolve("onegrid.log"), progress)) {
      Client admin = Client.signIn(app.baseUrl(), "13800000001", "onegrid-demo");
      progress.step(String.format(Locale.ROOT, "writing a tree of %,d grids", grids));
      Tree tree = tree(grids);
      byte[] treeFile = tree.geoJson.getBytes(StandardCharsets.UTF_8);
      progress.step("checking the tree");
      double treeCheck = check(admin, "GRIDS", treeFile);
      progress.step("applying the tree");
      double treeApply = apply(admin, "GRIDS", treeFile, progress);
      byte[] buildingsFile = tree.buildings.getBytes(StandardCharsets.UTF_8);
      progress.step("checking the buildings");
      double buildingsCheck = check(admin, "BUILDINGS", buildingsFile);
      progress.step("applying the buildings");
      double buildingsApply = apply(admin, "BUILDINGS", buildingsFile, progress);
      byte[] staffFile = tree.staff.getBytes(StandardCharsets.UTF_8);
      int staff = grids + grids / 20;
      progress.step(String.format(Locale.ROOT, "checking %,d staff", staff));
      double staffCheck = check(admin, "STAFF", staffFile);
      progress.step("applying the staff");
      double staffApply = apply(admin, "STAFF", staffFile, progress);
      progress.step("watching the invitations go out");
      long began = System.nanoTime();
      long first = waiting(admin, metricsToken);
      long left = first;
      while (left > 0 && System.nanoTime() - began < inviteSeconds * 1_000_000_000L) {
        Thread.sleep(1000);
        left = waiting(admin, metricsToken);
        progress.count("invited", first - left, first);
      }
      progress.done();
      double watched = (System.nanoTime() - began) / 1e9;
      Result result =
          new Result(
              grids,
              tree.nodes,
              grids * 5,
              treeFile.length,
              treeCheck,
              treeApply,
              buildingsCheck,
              buildingsApply,
              staff,
              staffCheck,
              staffApply,
              (int) (first - left),
              watched,
              Runtime.getRuntime().availableProcessors());
      out.println();
      out.print(result.markdown());
      return result;
    }
  }

  private record Tree(String geoJson, String buildings, String staff, int nodes) {}

  private static final Pattern WAITING =
      Pattern.compile("(?m)^onegrid_staff_invites_waiting(?:\\{[^}]*\\})? ([0-9.eE+]+)$");

  /** Staff not yet texted their invitation, from the Prometheus metrics. */
  private static long waiting(Client client, String token) throws Exception {
    HttpResponse<String> r = client.metrics(token);
    Matcher m = WAITING.matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException(
          "metrics answered "
              + r.statusCode()
              + (r.statusCode() == 200 ? " without onegrid_staff_invites_waiting" : ""));
    }
    return (long) Double.parseDouble(m.group(1));
  }

  /** The tree south-east of the demo city, each grid a square of about 110 m with 8 corners. */
  private static Tree tree(int grids) {
    StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
    StringBuilder csv =
        new StringBuilder("grid_code,building,units,floors,rooms_per_floor,lat,lng\n");
    StringBuilder staff = new StringBuilder("name,phone,role,node_code,leader_of\n");
    int nodes = 0;
    int columns = 200;
    for (int g = 0; g < grids; g++) {
      int zone = g / 10;
      int community = zone / 2;
      int street = community / 10;
      int district = street / 10;
      if (g % 2000 == 0) {
        nodes += feature(json, "B" + district, "基准区" + district, "district", "4101", null);
      }
      if (g % 200 == 0) {
        nodes +=
            feature(
                json, "B" + district + "S" + street, "街道" + street, "street", "B" + district, null);
      }
      if (g % 20 == 0) {
        staff.append(
            String.format(
                Locale.ROOT,
                "社区书记%d,151%08d,社区管理员,%s,%n",
                community,
                community,
                "B" + district + "S" + street + "C" + community));
        nodes +=
            feature(
                json,
                "B" + district + "S" + street + "C" + community,
                "社区" + community,
                "community",
                "B" + district + "S" + street,
                null);
      }
      String zoneCode = "B" + district + "S" + street + "C" + community + "Z" + zone;
      if (g % 10 == 0) {
        nodes +=
            feature(
                json,
                zoneCode,
                "片区" + zone,
                "zone",
                "B" + district + "S" + street + "C" + community,
                null);
      }
      double south = 30.0 + (g / columns) * 0.001;
      double west = 120.0 + (g % columns) * 0.001;
      String code = zoneCode + "G" + g;
      nodes += feature(json, code, "网格" + g, "grid", zoneCode, square(south, west, 0.001));
      staff.append(String.format(Locale.ROOT, "网格长%d,152%08d,网格长,,%s%n", g, g, code));
      for (int b = 0; b < 5; b++) {
        csv.append(
            String.format(
                Locale.ROOT,
                "%s,%d号楼,%d,%d,2,%.6f,%.6f%n",
                code,
                b + 1,
                2 + b % 2,
                6 + b * 3,
                south + 0.0005,
                west + 0.0001 + b * 0.0002));
      }
    }
    json.setLength(json.length() - 2);
    json.append("\n]}\n");
    return new Tree(json.toString(), csv.toString(), staff.toString(), nodes);
  }

  private static int feature(
      StringBuilder json, String code, String name, String level, String parent, String geometry) {
    json.append("{\"type\":\"Feature\",\"properties\":{\"code\":\"")
        .append(code)
        .append("\",\"name\":\"")
        .append(name)
        .append("\",\"level\":\"")
        .append(level)
        .append("\",\"parent_code\":\"")
        .append(parent)
        .append("\"},\"geometry\":")
        .append(geometry == null ? "null" : geometry)
        .append("},\n");
    return 1;
  }

  private static String square(double south, double west, double size) {
    double n = south + size;
    double e = west + size;
    double mLat = south + size / 2;
    double mLng = west + size / 2;
    return String.format(
        Locale.ROOT,
        "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],"
            + "[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}",
        west,
        south,
        mLng,
        south,
        e,
        south,
        e,
        mLat,
        e,
        n,
        mLng,
        n,
        west,
        n,
        west,
        mLat,
        west,
        south);
  }

  private static double check(Client admin, String kind, byte[] file) throws Exception {
    long began = System.nanoTime();
    HttpResponse<String> r = admin.post("/api/v1/admin/imports/" + kind + "/dry-run", file);
    double seconds = (System.nanoTime() - began) / 1e9;
    Matcher refused = REFUSE.matcher(r.body());
    if (r.statusCode() != 200 || !refused.find() || !refused.group(1).equals("0")) {
      throw new IllegalStateException(
          "the check of " + kind + " answered " + r.statusCode() + ": " + abbreviate(r.body()));
    }
    return seconds;
  }

  private static double apply(Client admin, String kind, byte[] file, Progress progress)
      throws Exception {
    long began = System.nanoTime();
    HttpResponse<String> r = admin.post("/api/v1/admin/imports/" + kind + "?name=bench", file);
    if (r.statusCode() != 202) {
      throw new IllegalStateException(
          "applying " + kind + " answered " + r.statusCode() + ": " + abbreviate(r.body()));
    }
    Matcher id = ID.matcher(r.body());
    id.find();
    while (true) {
      String run = admin.get("/api/v1/admin/imports/" + id.group(1)).body();
      Matcher status = STATUS.matcher(run);
      Matcher done = DONE.matcher(run);
      Matcher total = TOTAL.matcher(run);
      status.find();
      done.find();
      total.find();
      if (!status.group(1).equals("RUNNING")) {
        if (!status.group(1).equals("DONE")) {
          throw new IllegalStateException("the import of " + kind + " ended " + run);
        }
        progress.done();
        return (System.nanoTime() - began) / 1e9;
      }
      progress.count("rows", Long.parseLong(done.group(1)), Long.parseLong(total.group(1)));
      Thread.sleep(200);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 500 ? s.substring(0, 500) + "…" : s;
  }

  /** A signed-in admin's browser: the session cookie and the CSRF double submit. */
  private record Client(HttpClient http, String base, String cookie, String csrf) {

    static Client signIn(String base, String phone, String password) throws Exception {
      String csrf = UUID.randomUUID().toString();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                  .header("Content-Type", "application/json")
                  .header("Cookie", "XSRF-TOKEN=" + csrf)
                  .header("X-XSRF-TOKEN", csrf)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"phone\":\"" + phone + "\",\"password\":\"" + password + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("signing in answered " + r.statusCode() + ": " + r.body());
      }
      String session =
          r.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith("ONEGRID_SESSION="))
              .map(c -> c.split(";", 2)[0])
              .findFirst()
              .orElseThrow();
      return new Client(http, base, session + "; XSRF-TOKEN=" + csrf, csrf);
    }

    HttpResponse<String> post(String path, byte[] body) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofMinutes(5))
              .header("Content-Type", "application/octet-stream")
              .header("Cookie", cookie)
              .header("X-XSRF-TOKEN", csrf)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> metrics(String token) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + "/prometheus"))
              .header("Authorization", "Bearer " + token)
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
