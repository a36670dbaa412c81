package org.onegrid.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results as one SVG picture beside the Markdown: per scenario, its throughput as a share of
 * the baseline and its p99 at the latency phase's users, this run's bar above the previous run's,
 * so that a change between runs shows at a glance.
 */
final class Chart {

  /** This run's figures of a scenario, or the previous run's. */
  record Figures(double ratio, double p99Ms) {}

  private static final Pattern SCENARIO =
      Pattern.compile(
          "\\{\"name\": \"(\\w+)\".*?\"ratioToBaseline\": ([0-9.]+).*?\"latency\": \\{[^}]*?"
              + "\"p99Ms\": ([0-9.]+)",
          Pattern.DOTALL);

  private static final int ROW = 30;
  private static final int LABEL = 170;
  private static final int PANEL = 330;
  private static final int GAP = 40;
  private static final int TOP = 70;

  private Chart() {}

  /** The figures of each scenario in a run's JSON (empty if there is none). */
  static Map<String, Figures> read(String json) {
    Map<String, Figures> out = new HashMap<>();
    if (json == null) {
      return out;
    }
    Matcher m = SCENARIO.matcher(json);
    while (m.find()) {
      out.put(
          m.group(1), new Figures(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))));
    }
    return out;
  }

  static String svg(Report report, String previousJson) {
    Map<String, Figures> before = read(previousJson);
    var results = report.results();
    double maxRatio = 1;
    double maxP99 = 50;
    for (LoadDriver.Result r : results) {
      Figures was = before.get(r.scenario().name());
      maxRatio = Math.max(maxRatio, r.ratio());
      maxP99 = Math.max(maxP99, r.latency().p99Ms());
      if (was != null) {
        maxRatio = Math.max(maxRatio, was.ratio());
        maxP99 = Math.max(maxP99, was.p99Ms());
      }
    }
    int width = LABEL + 2 * PANEL + GAP + 70;
    int height = TOP + results.size() * ROW + 40;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\" font-size=\"13\" role=\"img\""
                + " aria-label=\"OneGrid benchmark: throughput as a share of the baseline and p99"
                + " per scenario, this run against the previous one\">%n",
            width,
            height,
            width,
            height));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    int left = LABEL;
    int right = LABEL + PANEL + GAP;
    text(s, left, 22, "Throughput ÷ baseline (dashed line: 0.3)", "bold");
    text(s, right, 22, "p99 ms at the latency phase's users (dashed: 50 ms)", "bold");
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"34\" width=\"14\" height=\"10\" fill=\"#1f6feb\"/>",
            left));
    text(s, left + 20, 44, "this run", "normal");
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"34\" width=\"14\" height=\"10\" fill=\"#b0b7c3\"/>",
            left + 100));
    text(s, left + 120, 44, before.isEmpty() ? "previous run (none)" : "previous run", "normal");
    int y = TOP;
    for (LoadDriver.Result r : results) {
      String name = r.scenario().name();
      Figures was = before.get(name);
      text(s, 8, y + 18, name, "normal");
      bars(s, left, y, r.ratio(), was == null ? -1 : was.ratio(), maxRatio, "%.2f");
      bars(s, right, y, r.latency().p99Ms(), was == null ? -1 : was.p99Ms(), maxP99, "%.1f");
      y += ROW;
    }
    dashed(s, left + (int) (PANEL * 0.3 / maxRatio), TOP, y);
    dashed(s, right + (int) (PANEL * 50 / maxP99), TOP, y);
    text(
        s,
        8,
        y + 24,
        String.format(
            Locale.ROOT,
            "%d cores, %s; the load driver on the same cores",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version")),
        "normal");
    s.append("</svg>\n");
    return s.toString();
  }

  private static void bars(
      StringBuilder s, int x, int y, double now, double was, double max, String format) {
    int w = (int) Math.round(PANEL * Math.min(now, max) / max);
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"12\" fill=\"#1f6feb\"/>",
            x,
            y + 3,
            Math.max(1, w)));
    text(s, x + w + 4, y + 14, String.format(Locale.ROOT, format, now), "normal");
    if (was >= 0) {
      int v = (int) Math.round(PANEL * Math.min(was, max) / max);
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"8\" fill=\"#b0b7c3\"/>",
              x,
              y + 17,
              Math.max(1, v)));
    }
    s.append('\n');
  }

  private static void dashed(StringBuilder s, int x, int from, int to) {
    s.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d1242f\""
                + " stroke-dasharray=\"4 3\"/>%n",
            x,
            from,
            x,
            to));
  }

  private static void text(StringBuilder s, int x, int y, String t, String weight) {
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-weight=\"%s\" fill=\"#1f2328\">%s</text>",
            x,
            y,
            weight,
            escape(t)));
  }

  private static String escape(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
