package org.onegrid.onboarding;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.onegrid.account.Account;
import org.onegrid.grid.GridImports;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.NodeDraft;
import org.onegrid.grid.NodeRecord;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;

/**
 * The grid tree from GeoJSON or CSV: creates nodes under parents in the admin's subtree, renames
 * them and sets their hotlines and boundaries. Moving a node to another parent is not an import's
 * business and is refused.
 */
@Singleton
class GridTreeImporter implements Importer<GridTreeImporter.Work> {

  static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
  private static final int CHUNK = 500;

  /** One node to create ({@code existing} null) or change. */
  record Work(NodeDraft draft, NodeRecord existing) {}

  private final GridTreeFile files;
  private final GridImports grids;
  private final Phones phones;
  private final Tx tx;

  GridTreeImporter(GridTreeFile files, GridImports grids, Phones phones, Tx tx) {
    this.files = files;
    this.grids = grids;
    this.phones = phones;
    this.tx = tx;
  }

  @Override
  public ImportKind kind() {
    return ImportKind.GRIDS;
  }

  @Override
  public Plan<Work> plan(Account admin, GridNode reach, byte[] file) {
    GridTreeFile.Parsed parsed = files.read(file);
    if (parsed.fileProblem() != null) {
      return Plan.refusedFile(parsed.fileProblem(), parsed.args().toArray());
    }
    List<GridTreeFile.Entry> entries = parsed.entries();
    Set<String> codes = new HashSet<>();
    entries.forEach(
        e -> {
          if (e.code() != null) {
            codes.add(e.code());
          }
          if (e.parentCode() != null) {
            codes.add(e.parentCode());
          }
        });
    Map<String, NodeRecord> stored = grids.byCodes(codes);

    // First pass: each row on its own.
    Map<String, GridTreeFile.Entry> firstByCode = new HashMap<>();
    Map<Integer, RowVerdict> verdicts = new HashMap<>();
    Map<Integer, NodeDraft> drafts = new HashMap<>();
    Map<Integer, Polygon> shapes = new HashMap<>();
    for (GridTreeFile.Entry e : entries) {
      String key = key(e);
      RowVerdict refusal = check(e, firstByCode, shapes);
      if (refusal != null) {
        verdicts.put(e.line(), refusal);
        continue;
      }
      firstByCode.put(e.code(), e);
      drafts.put(
          e.line(),
          new NodeDraft(
              e.code(),
              e.name(),
              level(e.level()),
              e.parentCode(),
              hotline(e.hotline()),
              e.boundary()));
      if (e.hotline() != null && drafts.get(e.line()).hotlinePhone() == null) {
        verdicts.put(e.line(), RowVerdict.refuse(e.line(), key, "bad-phone", e.hotline()));
      }
    }

    // Second pass, parents first: each row against its parent and what is stored.
    List<GridTreeFile.Entry> byLevel = new ArrayList<>(entries);
    byLevel.sort(Comparator.comparingInt(e -> levelOrder(e.level())));
    Map<String, GridLevel> acceptedLevels = new HashMap<>();
    List<Work> work = new ArrayList<>();
    for (GridTreeFile.Entry e : byLevel) {
      if (verdicts.containsKey(e.line())) {
        continue;
      }
      NodeDraft d = drafts.get(e.line());
      RowVerdict v = against(d, e.line(), key(e), reach, stored, acceptedLevels, firstByCode);
      verdicts.put(e.line(), v);
      if (v.outcome() == RowOutcome.REFUSE) {
        continue;
      }
      acceptedLevels.put(d.code(), d.level());
      if (v.outcome() != RowOutcome.SAME) {
        work.add(new Work(d, stored.get(d.code())));
      }
    }

    // Third pass: shapes of one level must not overlap one another or stored ones.
    overlaps(entries, drafts, shapes, stored, verdicts, work);

    List<RowVerdict> ordered = new ArrayList<>();
    entries.forEach(e -> ordered.add(verdicts.get(e.line())));
    return new Plan<>(ordered, work);
  }

  private RowVerdict check(
      GridTreeFile.Entry e, Map<String, GridTreeFile.Entry> seen, Map<Integer, Polygon> shapes) {
    String key = key(e);
    int line = e.line();
    if (e.code() == null || !CODE.matcher(e.code()).matches()) {
      return RowVerdict.refuse(line, key, "bad-code");
    }
    if (seen.containsKey(e.code())) {
      return RowVerdict.refuse(line, key, "duplicate-code", seen.get(e.code()).line());
    }
    if (e.name() == null || e.name().length() > 100) {
      return RowVerdict.refuse(line, key, "bad-name");
    }
    GridLevel level = level(e.level());
    if (level == null || level == GridLevel.CITY) {
      return RowVerdict.refuse(line, key, "bad-level", Objects.toString(e.level(), ""));
    }
    if (e.parentCode() == null) {
      return RowVerdict.refuse(line, key, "unknown-parent", "");
    }
    if (e.shapeProblem() != null) {
      return RowVerdict.refuse(
          line, key, "polygon-only".equals(e.shapeProblem()) ? "polygon-only" : "bad-polygon");
    }
    if (e.boundary() != null) {
      var polygon = Shapes.polygon(e.boundary());
      if (polygon.isEmpty()) {
        return RowVerdict.refuse(line, key, "bad-polygon");
      }
      var invalid = Shapes.invalidity(polygon.get());
      if (invalid.isPresent()) {
        return RowVerdict.refuse(line, key, "self-intersecting", invalid.get());
      }
      shapes.put(line, polygon.get());
    }
    return null;
  }

  private RowVerdict against(
      NodeDraft d,
      int line,
      String key,
      GridNode reach,
      Map<String, NodeRecord> stored,
      Map<String, GridLevel> acceptedLevels,
      Map<String, GridTreeFile.Entry> inFile) {
    GridLevel parentLevel;
    if (acceptedLevels.containsKey(d.parentCode())) {
      parentLevel = acceptedLevels.get(d.parentCode());
    } else if (inFile.containsKey(d.parentCode()) && !stored.containsKey(d.parentCode())) {
      return RowVerdict.refuse(
          line, key, "parent-refused", d.parentCode(), inFile.get(d.parentCode()).line());
    } else if (stored.containsKey(d.parentCode()) && stored.get(d.parentCode()).node().retired()) {
      return RowVerdict.refuse(line, key, "retired", d.parentCode());
    } else if (stored.containsKey(d.parentCode())
        && reach.contains(stored.get(d.parentCode()).node())) {
      parentLevel = stored.get(d.parentCode()).node().level();
    } else {
      return RowVerdict.refuse(line, key, "unknown-parent", d.parentCode());
    }
    if (parentLevel.child() != d.level()) {
      return RowVerdict.refuse(line, key, "wrong-level", d.level().name(), parentLevel.name());
    }
    NodeRecord existing = stored.get(d.code());
    if (existing == null) {
      return RowVerdict.create(line, key);
    }
    if (!reach.contains(existing.node()) || existing.node().id() == reach.id()) {
      return RowVerdict.refuse(line, key, "code-taken");
    }
    if (existing.node().retired()) {
      return RowVerdict.refuse(line, key, "retired", d.code());
    }
    if (existing.node().level() != d.level()) {
      return RowVerdict.refuse(line, key, "level-differs", existing.node().level().name());
    }
    if (!d.parentCode().equals(existing.parentCode())) {
      return RowVerdict.refuse(line, key, "move-not-supported", existing.parentCode());
    }
    List<String> changes = new ArrayList<>();
    if (!existing.node().name().equals(d.name())) {
      changes.add("name");
    }
    if (!Objects.equals(existing.node().hotlinePhone(), d.hotlinePhone())) {
      changes.add("hotline");
    }
    if (d.boundary() != null && !d.boundary().equals(existing.boundary())) {
      changes.add("boundary");
    }
    return changes.isEmpty()
        ? RowVerdict.same(line, key)
        : RowVerdict.change(line, key, String.join(", ", changes));
  }

  private void overlaps(
      List<GridTreeFile.Entry> entries,
      Map<Integer, NodeDraft> drafts,
      Map<Integer, Polygon> shapes,
      Map<String, NodeRecord> stored,
      Map<Integer, RowVerdict> verdicts,
      List<Work> work) {
    Map<GridLevel, List<GridTreeFile.Entry>> byLevel = new HashMap<>();
    Envelope all = new Envelope();
    for (GridTreeFile.Entry e : entries) {
      RowVerdict v = verdicts.get(e.line());
      if (shapes.containsKey(e.line()) && v.outcome() != RowOutcome.REFUSE) {
        byLevel.computeIfAbsent(drafts.get(e.line()).level(), l -> new ArrayList<>()).add(e);
        all.expandToInclude(shapes.get(e.line()).getEnvelopeInternal());
      }
    }
    Set<String> refusedCodes = new HashSet<>();
    for (var level : byLevel.entrySet()) {
      STRtree tree = new STRtree();
      Set<String> inFile = new HashSet<>();
      for (GridTreeFile.Entry e : level.getValue()) {
        tree.insert(
            shapes.get(e.line()).getEnvelopeInternal(),
            new Shape(e.code(), e.line(), shapes.get(e.line())));
        inFile.add(e.code());
      }
      for (NodeRecord n :
          grids.boundedIn(
              level.getKey(), all.getMinY(), all.getMaxY(), all.getMinX(), all.getMaxX())) {
        if (!inFile.contains(n.node().code()) && n.boundary() != null) {
          Shapes.polygon(n.boundary())
              .ifPresent(
                  p -> tree.insert(p.getEnvelopeInternal(), new Shape(n.node().code(), 0, p)));
        }
      }
      for (GridTreeFile.Entry e : level.getValue()) {
        Polygon mine = shapes.get(e.line());
        for (Object o : tree.query(mine.getEnvelopeInternal())) {
          Shape other = (Shape) o;
          boolean earlier = other.line() == 0 || other.line() < e.line();
          if (other.code().equals(e.code()) || !earlier || refusedCodes.contains(other.code())) {
            continue;
          }
          if (Shapes.overlap(mine, other.polygon())) {
            verdicts.put(e.line(), RowVerdict.refuse(e.line(), key(e), "overlaps", other.code()));
            refusedCodes.add(e.code());
            break;
          }
        }
      }
    }
    if (!refusedCodes.isEmpty()) {
      work.removeIf(w -> refusedCodes.contains(w.draft().code()));
    }
  }

  private record Shape(String code, int line, Polygon polygon) {}

  @Override
  public void apply(Account admin, List<Work> work, IntConsumer done) {
    Plan.inChunks(
        work,
        CHUNK,
        done,
        chunk ->
            tx.run(
                () -> {
                  List<NodeDraft> creates = new ArrayList<>();
                  Map<String, NodeRecord> current =
                      grids.byCodes(chunk.stream().map(w -> w.draft().code()).toList());
                  for (Work w : chunk) {
                    NodeRecord now = current.get(w.draft().code());
                    if (now == null) {
                      creates.add(w.draft());
                    } else {
                      grids.update(now, w.draft());
                    }
                  }
                  grids.createAll(creates);
                }));
  }

  /** How a row is named in the report: its code and name. */
  private static String key(GridTreeFile.Entry e) {
    return (e.code() == null ? "" : e.code()) + (e.name() == null ? "" : " " + e.name());
  }

  private String hotline(String raw) {
    return raw == null ? null : phones.e164(raw).orElse(null);
  }

  static GridLevel level(String raw) {
    if (raw == null) {
      return null;
    }
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "city", "市" -> GridLevel.CITY;
      case "district", "区", "县", "区县" -> GridLevel.DISTRICT;
      case "street", "街道", "乡镇" -> GridLevel.STREET;
      case "community", "社区", "村" -> GridLevel.COMMUNITY;
      case "zone", "片区" -> GridLevel.ZONE;
      case "grid", "网格" -> GridLevel.GRID;
      default -> null;
    };
  }

  private static int levelOrder(String raw) {
    GridLevel l = level(raw);
    return l == null ? Integer.MAX_VALUE : l.depth();
  }
}
