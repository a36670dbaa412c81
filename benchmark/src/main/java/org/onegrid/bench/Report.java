package org.onegrid.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The results as a Markdown table and as JSON, with the machine they were measured on. */
final class Report {

  /** A target of the benchmark's issue, and whether this run met it. */
  record Target(String what, String measured, boolean met) {}

  record Machine(int cores, long memoryMiB, String java, String os, String database) {

    static Machine here(String database) {
      long memory = 0;
      try {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
          if (line.startsWith("MemTotal:")) {
            memory = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
          }
        }
      } catch (IOException | NumberFormatException e) {
        memory = Runtime.getRuntime().maxMemory() / (1024 * 1024);
      }
      return new Machine(
          Runtime.getRuntime().availableProcessors(),
          memory,
          System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
          System.getProperty("os.name") + " " + System.getProperty("os.arch"),
          database);
    }
  }

  /** The app started again on the city: how long until it served, and latency right after. */
  record Restart(
      long toServingMs, long databaseMs, long warmUpMs, boolean classArchive, List<Cold> cold) {}

  /** A latency phase run as the first thing after a restart. */
  record Cold(String scenario, LoadDriver.Phase latency) {}

  /** Memory at the end of the load: the app's heap in use, the app's and the database's RSS. */
  record Memory(long appHeapMiB, long appRssMiB, long dbRssMiB) {}

  private final Map<String, SqlReplay.Result> ceilings = new LinkedHashMap<>();
  private Restart restart;
  private Memory memory;
  private String previousJson;

  private final Machine machine;
  private final CitySize size;
  private final long generatedSeconds;
  private final LoadDriver.Options options;
  private final List<LoadDriver.Result> results;
  private final Instant at = Instant.now();

  Report(
      Machine machine,
      CitySize size,
      long generatedSeconds,
      LoadDriver.Options options,
      List<LoadDriver.Result> results) {
    this.machine = machine;
    this.size = size;
    this.generatedSeconds = generatedSeconds;
    this.options = options;
    this.results = results;
  }

  void ceiling(String scenario, SqlReplay.Result replay) {
    ceilings.put(scenario, replay);
  }

  void restart(Restart r) {
    this.restart = r;
  }

  void memory(Memory m) {
    this.memory = m;
  }

  List<LoadDriver.Result> results() {
    return results;
  }

  SqlReplay.Result ceiling(String scenario) {
    return ceilings.get(scenario);
  }

  Restart restart() {
    return restart;
  }

  /** The app's throughput as a share of the same SQL replayed through plain JDBC; NaN if none. */
  double replayRatio(LoadDriver.Result r) {
    SqlReplay.Result c = ceilings.get(r.scenario().name());
    return c == null || c.phase().perSecond() == 0
        ? Double.NaN
        : r.capacity().perSecond() / c.phase().perSecond();
  }

  /** Scenarios that write; the others are reads, held to the baseline ratio. */
  static final Set<String> WRITES = Set.of("report_problem", "staff_reply", "clinic_booking");

  static boolean isBaseline(String name) {
    return name.equals(Scenarios.BASELINE);
  }

  double ratio(LoadDriver.Result r) {
    return r.ratio();
  }

  LoadDriver.Result result(String name) {
    return results.stream().filter(r -> r.scenario().name().equals(name)).findFirst().orElse(null);
  }

  List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    for (String name : List.of("leader_inbox", "my_problems")) {
      LoadDriver.Result r = result(name);
      if (r != null) {
        targets.add(
            new Target(
                name + " p99 < 50 ms at " + r.latency().users() + " users",
                ms(r.latency().p99Ms()),
                r.latency().p99Ms() < 50));
      }
    }
    LoadDriver.Result report = result("report_problem");
    if (report != null) {
      targets.add(
          new Target(
              "report_problem ≥ 500 per second",
              String.format(Locale.ROOT, "%,.0f/s", report.capacity().perSecond()),
              report.capacity().perSecond() >= 500));
    }
    LoadDriver.Result city = result("dashboard_city");
    if (city != null) {
      targets.add(
          new Target(
              "dashboard_city p99 < 300 ms",
              ms(city.latency().p99Ms()),
              city.latency().p99Ms() < 300));
    }
    LoadDriver.Result map = result("map_city");
    if (map != null) {
      targets.add(
          new Target(
              "map_city p99 < 300 ms", ms(map.latency().p99Ms()), map.latency().p99Ms() < 300));
      long bytes = Scenarios.MAP_CITY_BYTES.get();
      targets.add(
          new Target(
              "map_city answer < 1 MB",
              String.format(Locale.ROOT, "%,d bytes", bytes),
              bytes > 0 && bytes < 1_000_000));
    }
    if (restart != null) {
      targets.add(
          new Target(
              "restart to serving < 5 s (embedded database start included)",
              String.format(Locale.ROOT, "%.1f s", restart.toServingMs() / 1000.0),
              restart.toServingMs() < 5000));
      for (Cold c : restart.cold()) {
        targets.add(
            new Target(
                c.scenario()
                    + " p99 < 50 ms at "
                    + c.latency().users()
                    + " users right after a restart",
                ms(c.latency().p99Ms()),
                c.latency().p99Ms() < 50));
      }
    }
    for (LoadDriver.Result r : results) {
      String name = r.scenario().name();
      if (isBaseline(name)) {
        continue;
      }
      if (!WRITES.contains(name)) {
        targets.add(
            new Target(
                name + " ≥ 0.3 of baseline throughput",
                String.format(Locale.ROOT, "%.2f", ratio(r)),
                ratio(r) >= 0.3));
      }
      double replay = replayRatio(r);
      if (!Double.isNaN(replay) && !ceilings.get(name).mostlyCached()) {
        targets.add(
            new Target(
                name + " ≥ 0.5 of its raw-SQL replay",
                String.format(Locale.ROOT, "%.2f", replay),
                replay >= 0.5));
      }
    }
    return targets;
  }

  void write(Path folder) throws IOException {
    Files.createDirectories(folder);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC)
            .format(at);
    Path latestJson = folder.resolve("latest.json");
    previousJson = Files.exists(latestJson) ? Files.readString(latestJson) : null;
    String svg = Chart.svg(this, previousJson);
    Files.writeString(folder.resolve(stamp + ".svg"), svg, StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("latest.svg"), svg, StandardCharsets.UTF_8);
    String md = markdown();
    String json = json();
    Files.writeString(folder.resolve(stamp + ".md"), md, StandardCharsets.UTF_8);
    Files.writeString(folder.resolve(stamp + ".json"), json, StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("latest.md"), md, StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("latest.json"), json, StandardCharsets.UTF_8);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# OneGrid city-scale benchmark\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Run %s on %d cores, %,d MiB, %s, %s; database %s.%n%n",
            DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS)),
            machine.cores(),
            machine.memoryMiB(),
            machine.java(),
            machine.os(),
            machine.database()));
    md.append(
        String.format(
            Locale.ROOT,
            "City: %,d grids (%,d communities), %,d residents, %,d problems over three years%s.%n%n",
            size.grids(),
            size.communities(),
            size.residents(),
            size.problems(),
            generatedSeconds > 0 ? ", generated in " + minutes(generatedSeconds) : ""));
    md.append(
        String.format(
            Locale.ROOT,
            "Every scenario was first warmed up for %3$s s. Throughput: %1$d users back to back for %2$s"
                + " s. Latency: %4$d users who each think %5$.1f–%6$.1f s between actions, for %7$s s."
                + " Ratio: requests per second against the baseline's, measured for %8$s s right after"
                + " each scenario's throughput phase (its rate in the next column).%n%n",
            options.users(),
            seconds(options.capacity()),
            seconds(options.warmup()),
            options.latencyUsers(),
            options.thinkMin().toMillis() / 1000.0,
            options.thinkMax().toMillis() / 1000.0,
            seconds(options.latency()),
            seconds(
                options.capacity().compareTo(Duration.ofSeconds(5)) < 0
                    ? options.capacity()
                    : Duration.ofSeconds(5))));
    md.append(
        "| scenario | requests | per second | ratio | baseline/s | SQL replay/s | of replay |"
            + " p50 ms | p95 ms | p99 ms | max ms | app CPU s/1k | db CPU s/1k | errors |\n");
    md.append(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
            + " ---: |\n");
    for (LoadDriver.Result r : results) {
      SqlReplay.Result c = ceilings.get(r.scenario().name());
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %,.0f | %.2f | %,.0f | %s | %s | %.1f | %.1f | %.1f | %.0f | %s | %s | %d |%n",
              r.scenario().name(),
              r.scenario().requests(),
              r.capacity().perSecond(),
              ratio(r),
              r.baselineRequestsPerSecond(),
              c == null ? "–" : String.format(Locale.ROOT, "%,.0f", c.phase().perSecond()),
              c == null ? "–" : String.format(Locale.ROOT, "%.2f", replayRatio(r)),
              r.latency().p50Ms(),
              r.latency().p95Ms(),
              r.latency().p99Ms(),
              r.latency().maxMs(),
              r.cpu() == null
                  ? "–"
                  : String.format(Locale.ROOT, "%.2f", r.cpuSecondsPer1000(r.cpu().appCpuMs())),
              r.cpu() == null || r.cpu().dbCpuMs() == 0
                  ? "–"
                  : String.format(Locale.ROOT, "%.2f", r.cpuSecondsPer1000(r.cpu().dbCpuMs())),
              r.capacity().errors() + r.latency().errors()));
    }
    md.append(
        "\nThe load driver runs on the same cores as the app and its database, in the same"
            + " figures. *SQL replay*: the statements the app ran for the scenario (captured from its"
            + " SQL log, one iteration at a time, values as the users varied them), replayed through"
            + " plain JDBC by as many users, no HTTP and no framework: the ceiling of the"
            + " scenario's database work on this machine; *of replay* is the app's throughput as a"
            + " share of it (not a target where most iterations were answered from the app's caches"
            + " and ran no SQL: there the database is not the limit). CPU: seconds of the app's JVM and of the embedded database per 1,000"
            + " requests of the throughput phase.\n");
    if (!ceilings.isEmpty()) {
      md.append(
          "\n| scenario | statements per iteration | captured iterations | answered from cache |"
              + " replay errors |\n");
      md.append("| --- | ---: | ---: | ---: | --- |\n");
      ceilings.forEach(
          (name, c) ->
              md.append(
                  String.format(
                      Locale.ROOT,
                      "| %s | %.1f | %d | %.0f %% | %s |%n",
                      name,
                      c.statementsPerIteration(),
                      c.captured(),
                      c.cachedShare() * 100,
                      c.phase().errors() == 0
                          ? "0"
                          : c.phase().errors() + ": " + c.phase().firstError())));
    }
    if (restart != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "%nRestart on the generated city: serving (GET /health 200) %.1f s after the process"
                  + " started, of which the embedded database %.1f s and the warm-up before it"
                  + " says it is ready %.1f s%s.%n",
              restart.toServingMs() / 1000.0,
              restart.databaseMs() / 1000.0,
              restart.warmUpMs() / 1000.0,
              restart.classArchive()
                  ? "; with the class archive the run before wrote as it stopped, as"
                      + " `scripts/start.sh` starts it (`-XX:SharedArchiveFile`)"
                  : "; without a class archive"));
      md.append("\n| right after the restart | p50 ms | p95 ms | p99 ms | max ms | errors |\n");
      md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
      for (Cold c : restart.cold()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s at %d users | %.1f | %.1f | %.1f | %.0f | %d |%n",
                c.scenario(),
                c.latency().users(),
                c.latency().p50Ms(),
                c.latency().p95Ms(),
                c.latency().p99Ms(),
                c.latency().maxMs(),
                c.latency().errors()));
      }
    }
    if (memory != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "%nMemory at the end of the load: the app's heap in use %,d MiB, its RSS %,d MiB;"
                  + " the embedded database's RSS %,d MiB.%n",
              memory.appHeapMiB(),
              memory.appRssMiB(),
              memory.dbRssMiB()));
    }
    md.append(
        "\n![Throughput as a share of the baseline and p99 per scenario, against the previous"
            + " run](latest.svg)\n");
    md.append("\n| target | measured | met |\n| --- | ---: | --- |\n");
    for (Target t : targets()) {
      md.append("| ").append(t.what()).append(" | ").append(t.measured()).append(" | ");
      md.append(t.met() ? "yes" : "**no**").append(" |\n");
    }
    md.append("\nScenarios:\n\n");
    for (LoadDriver.Result r : results) {
      md.append("- `").append(r.scenario().name()).append("`: ").append(r.scenario().title());
      md.append("\n");
    }
    return md.toString();
  }

  String json() {
    StringBuilder j = new StringBuilder();
    j.append("{\n  \"at\": ").append(str(at.toString()));
    j.append(",\n  \"machine\": {\"cores\": ").append(machine.cores());
    j.append(", \"memoryMiB\": ").append(machine.memoryMiB());
    j.append(", \"java\": ").append(str(machine.java()));
    j.append(", \"os\": ").append(str(machine.os()));
    j.append(", \"database\": ").append(str(machine.database()));
    j.append(", \"jvmArguments\": ")
        .append(str(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())));
    j.append("},\n  \"city\": {\"grids\": ").append(size.grids());
    j.append(", \"communities\": ").append(size.communities());
    j.append(", \"residents\": ").append(size.residents());
    j.append(", \"problems\": ").append(size.problems());
    j.append(", \"generatedSeconds\": ").append(generatedSeconds).append("},\n");
    j.append("  \"options\": {\"users\": ").append(options.users());
    j.append(", \"latencyUsers\": ").append(options.latencyUsers());
    j.append(", \"warmupSeconds\": ").append(seconds(options.warmup()));
    j.append(", \"capacitySeconds\": ").append(seconds(options.capacity()));
    j.append(", \"latencySeconds\": ").append(seconds(options.latency()));
    j.append(", \"thinkMinMs\": ").append(options.thinkMin().toMillis());
    j.append(", \"thinkMaxMs\": ").append(options.thinkMax().toMillis()).append("},\n");
    j.append("  \"scenarios\": [");
    for (int i = 0; i < results.size(); i++) {
      LoadDriver.Result r = results.get(i);
      j.append(i == 0 ? "\n" : ",\n");
      j.append("    {\"name\": ").append(str(r.scenario().name()));
      j.append(", \"title\": ").append(str(r.scenario().title()));
      j.append(", \"requestsPerIteration\": ").append(r.scenario().requests());
      j.append(", \"ratioToBaseline\": ").append(num(ratio(r)));
      j.append(", \"baselineRequestsPerSecond\": ").append(num(r.baselineRequestsPerSecond()));
      SqlReplay.Result c = ceilings.get(r.scenario().name());
      if (c != null) {
        j.append(", \"ratioToReplay\": ").append(num(replayRatio(r)));
        j.append(", \"statementsPerIteration\": ").append(num(c.statementsPerIteration()));
        j.append(", \"answeredFromCache\": ").append(num(c.cachedShare()));
        j.append(",\n      \"replay\": ").append(phase(c.phase()));
      }
      if (r.cpu() != null) {
        j.append(",\n      \"cpu\": {\"appMs\": ").append(r.cpu().appCpuMs());
        j.append(", \"dbMs\": ").append(r.cpu().dbCpuMs());
        j.append(", \"appSecondsPer1000\": ").append(num(r.cpuSecondsPer1000(r.cpu().appCpuMs())));
        j.append(", \"dbSecondsPer1000\": ")
            .append(num(r.cpuSecondsPer1000(r.cpu().dbCpuMs())))
            .append("}");
      }
      j.append(",\n      \"capacity\": ").append(phase(r.capacity()));
      j.append(",\n      \"latency\": ").append(phase(r.latency())).append("}");
    }
    j.append("\n  ],");
    if (restart != null) {
      j.append("\n  \"restart\": {\"toServingMs\": ").append(restart.toServingMs());
      j.append(", \"databaseMs\": ").append(restart.databaseMs());
      j.append(", \"warmUpMs\": ").append(restart.warmUpMs());
      j.append(", \"classArchive\": ").append(restart.classArchive()).append(", \"cold\": [");
      for (int i = 0; i < restart.cold().size(); i++) {
        Cold c = restart.cold().get(i);
        j.append(i == 0 ? "" : ", ").append("{\"scenario\": ").append(str(c.scenario()));
        j.append(", \"latency\": ").append(phase(c.latency())).append("}");
      }
      j.append("]},");
    }
    if (memory != null) {
      j.append("\n  \"memory\": {\"appHeapMiB\": ").append(memory.appHeapMiB());
      j.append(", \"appRssMiB\": ").append(memory.appRssMiB());
      j.append(", \"dbRssMiB\": ").append(memory.dbRssMiB()).append("},");
    }
    j.append("\n  \"targets\": [");
    List<Target> targets = targets();
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      j.append(i == 0 ? "\n" : ",\n");
      j.append("    {\"target\": ").append(str(t.what()));
      j.append(", \"measured\": ").append(str(t.measured()));
      j.append(", \"met\": ").append(t.met()).append("}");
    }
    j.append("\n  ]\n}\n");
    return j.toString();
  }

  private static String phase(LoadDriver.Phase p) {
    return "{\"users\": "
        + p.users()
        + ", \"seconds\": "
        + num(p.seconds())
        + ", \"iterations\": "
        + p.iterations()
        + ", \"perSecond\": "
        + num(p.perSecond())
        + ", \"errors\": "
        + p.errors()
        + ", \"firstError\": "
        + (p.firstError() == null ? "null" : str(p.firstError()))
        + ", \"p50Ms\": "
        + num(p.p50Ms())
        + ", \"p95Ms\": "
        + num(p.p95Ms())
        + ", \"p99Ms\": "
        + num(p.p99Ms())
        + ", \"maxMs\": "
        + num(p.maxMs())
        + "}";
  }

  private static String num(double d) {
    return String.format(Locale.ROOT, "%.3f", d);
  }

  private static String ms(double d) {
    return String.format(Locale.ROOT, "%.1f ms", d);
  }

  private static String seconds(Duration d) {
    return new BigDecimal(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
  }

  private static String minutes(long seconds) {
    return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
  }

  static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
