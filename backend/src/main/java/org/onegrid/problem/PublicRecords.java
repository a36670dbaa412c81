package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import org.onegrid.grid.Address;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;

/**
 * Problems as anyone may read them through Open311: public problems (and an app's own), with the
 * agency that handles them, a coarse point and masked text; no names, no phones, no thread.
 */
@Singleton
public class PublicRecords {

  private final ProblemQueries problems;
  private final CategoryRepository categories;
  private final DepartmentRepository departments;
  private final GridService grids;

  PublicRecords(
      ProblemQueries problems,
      CategoryRepository categories,
      DepartmentRepository departments,
      GridService grids) {
    this.problems = problems;
    this.categories = categories;
    this.departments = departments;
    this.grids = grids;
  }

  /** A problem as anyone may see it through Open311: no names, no phones, no thread. */
  public record PublicRecord(
      long id,
      String categoryCode,
      String categoryName,
      String description,
      ProblemState state,
      String agency,
      @Nullable String address,
      @Nullable BigDecimal lat,
      @Nullable BigDecimal lng,
      Instant requestedAt,
      Instant updatedAt,
      Instant expectedAt,
      @Nullable String statusNotes) {}

  /**
   * Problems reported in [from, to) (newest first, at most {@code limit}), of these states and
   * categories (null: any).
   */
  public List<PublicRecord> find(
      Instant from,
      Instant to,
      @Nullable Set<ProblemState> states,
      @Nullable List<String> categoryCodes,
      int limit,
      Locale locale) {
    return records(
        problems.findPublicReportedBetween(
            from,
            to,
            states == null ? null : states.stream().map(Enum::name).toList(),
            categoryCodes,
            limit),
        locale);
  }

  /**
   * Public problems by id, and also private ones that {@code alsoPrivate} admits (the Open311 app
   * that filed them); the rest are left out as if they did not exist.
   */
  public List<PublicRecord> find(Collection<Long> ids, LongPredicate alsoPrivate, Locale locale) {
    return ids.isEmpty()
        ? List.of()
        : records(
            problems.findByIds(ids).stream()
                .filter(p -> p.isPublic() || alsoPrivate.test(p.id()))
                .toList(),
            locale);
  }

  private List<PublicRecord> records(List<Problem> page, Locale locale) {
    Map<Long, String> notes = problems.findLatestReasons(page.stream().map(Problem::id).toList());
    // Grids, their paths and units for the whole page in three queries, not per request.
    Map<Long, GridNode> gridNodes =
        grids.byIds(page.stream().map(Problem::gridId).collect(Collectors.toSet()));
    Map<Long, GridNode> pathNodes =
        grids.byIds(
            gridNodes.values().stream()
                .flatMap(n -> n.pathIds().stream())
                .collect(Collectors.toSet()));
    Map<Long, Address> units =
        grids.units(
            page.stream().map(Problem::unitId).filter(u -> u != null).collect(Collectors.toSet()));
    Map<Long, String> agencies = new HashMap<>();
    Map<String, Category> kinds = new HashMap<>();
    List<PublicRecord> records = new ArrayList<>();
    for (Problem p : page) {
      Category category =
          kinds.computeIfAbsent(p.categoryCode(), c -> categories.findByCode(c).orElseThrow());
      String agency =
          p.departmentId() != null
              ? departments.findById(p.departmentId()).map(d -> d.name(locale)).orElse("")
              : agencies.computeIfAbsent(
                  p.gridId(),
                  g ->
                      gridNodes.get(g).pathIds().stream()
                          .map(pathNodes::get)
                          .filter(
                              n ->
                                  n != null
                                      && !n.level().above(GridLevel.STREET)
                                      && n.level() != GridLevel.ZONE)
                          .map(GridNode::name)
                          .collect(Collectors.joining(" ")));
      String place = ProblemViews.publicPlaceText(p, units);
      records.add(
          new PublicRecord(
              p.id(),
              category.code(),
              category.name(locale),
              Publication.mask(p.description()),
              p.state(),
              agency,
              place == null ? agency : place + ", " + agency,
              Publication.coarse(p.lat()),
              Publication.coarse(p.lng()),
              p.createdAt(),
              p.updatedAt(),
              p.resolveDueAt(),
              notes.get(p.id())));
    }
    return records;
  }
}
