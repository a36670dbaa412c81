package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.grid.Address;
import org.onegrid.grid.GridService;

/**
 * Problems as a viewer sees them: the reporter and staff in reach read everything, a neighbour
 * reads a public problem without names, with a coarse place and masked numbers. A page of problems
 * is read with its surroundings (grid, names, unit, photos, followers, unread) in one query.
 */
@Singleton
class ProblemViews {

  private final ProblemRepository problems;
  private final AroundRepository surroundingsRepo;
  private final CategoryRepository categories;
  private final DepartmentRepository departments;
  private final AccountService accounts;
  private final GridService grids;
  private final Clock clock;

  ProblemViews(
      ProblemRepository problems,
      AroundRepository surroundingsRepo,
      CategoryRepository categories,
      DepartmentRepository departments,
      AccountService accounts,
      GridService grids,
      Clock clock) {
    this.problems = problems;
    this.surroundingsRepo = surroundingsRepo;
    this.categories = categories;
    this.departments = departments;
    this.accounts = accounts;
    this.grids = grids;
    this.clock = clock;
  }

  /** A page of problems as the viewer sees them in a list, with their unread counts. */
  List<ProblemView> views(Account viewer, List<Problem> page, Locale locale) {
    Around around = around(viewer, page, List.of());
    return page.stream().map(p -> view(viewer, p, locale, null, around)).toList();
  }

  /** One problem as the viewer sees it, with its timeline or without. */
  ProblemView view(Account viewer, Problem p, Locale locale, boolean withTimeline) {
    List<ProblemEvent> events = withTimeline ? problems.findEvents(p.id()) : null;
    return view(
        viewer, p, locale, events, around(viewer, List.of(p), events == null ? List.of() : events));
  }

  /**
   * What the views of some problems show besides the problems themselves: their categories
   * (cached), their surroundings for the viewer (one query for the whole page) and, for a timeline,
   * the names of the people who acted that are neither the reporter nor the handler.
   */
  record Around(
      Map<String, Category> categories,
      Map<Long, AroundRepository.Around> problems,
      Map<Long, String> actorNames) {}

  private Around around(Account viewer, List<Problem> page, List<ProblemEvent> events) {
    Map<Long, AroundRepository.Around> surroundings =
        surroundingsRepo.find(
            viewer.id(), viewer.role().isStaff(), page.stream().map(Problem::id).toList());
    Map<Long, String> actorNames = new HashMap<>();
    Set<Long> unknown = new HashSet<>();
    for (ProblemEvent e : events) {
      if (e.actorId() != null) {
        unknown.add(e.actorId());
      }
    }
    for (Problem p : page) {
      AroundRepository.Around a = surroundings.get(p.id());
      if (a != null) {
        actorNames.put(p.reporterId(), a.reporterName());
        if (p.assigneeId() != null && a.assigneeName() != null) {
          actorNames.put(p.assigneeId(), a.assigneeName());
        }
      }
    }
    unknown.removeAll(actorNames.keySet());
    accounts.byIds(unknown).forEach((id, account) -> actorNames.put(id, account.displayName()));
    Map<String, Category> categoryByCode = new HashMap<>();
    for (Problem p : page) {
      categoryByCode.computeIfAbsent(
          p.categoryCode(), code -> categories.findByCode(code).orElse(null));
    }
    return new Around(categoryByCode, surroundings, actorNames);
  }

  /** A problem as the viewer sees it, its surroundings read beforehand. */
  ProblemView view(
      Account viewer,
      Problem p,
      Locale locale,
      @Nullable List<ProblemEvent> events,
      Around around) {
    boolean withTimeline = events != null;
    Category category = around.categories().get(p.categoryCode());
    if (category == null) {
      throw new IllegalStateException("Problem " + p.id() + " has no category");
    }
    AroundRepository.Around a = around.problems().get(p.id());
    if (a == null) {
      throw new IllegalStateException("Problem " + p.id() + " was not read with its grid");
    }
    Map<Long, String> names = around.actorNames();
    boolean mine = viewer.id() == p.reporterId();
    boolean staffView = viewer.role().isStaff();
    Map<Long, Address> units = a.unit() == null ? Map.of() : Map.of(a.unit().unitId(), a.unit());
    // Unread counts only for those in the thread (the reporter and staff).
    int unread = mine || staffView ? a.unread() : 0;
    // Everyone else (a neighbour reading a public problem) sees no names, a coarse place and
    // masked numbers, as Open311 readers do.
    boolean insider = mine || staffView;
    String reporterName = insider ? a.reporterName() : null;
    List<ProblemAction> allowed = new ArrayList<>();
    for (ProblemAction action : ProblemAction.values()) {
      if (action.allowedFrom(p.state())
          && (action.byStaff() ? staffView : mine)
          && (action.byStaff() || mine)) {
        allowed.add(action);
      }
    }
    List<ProblemView.Event> timeline =
        withTimeline
            ? events.stream()
                .map(
                    e ->
                        new ProblemView.Event(
                            e.action(),
                            e.from(),
                            e.to(),
                            e.actorId() == null || (!insider && e.actorId() == p.reporterId())
                                ? null
                                : names.get(e.actorId()),
                            insider ? e.reason() : Publication.mask(e.reason()),
                            e.at()))
                .collect(Collectors.toList())
            : null;
    return new ProblemView(
        p.id(),
        category.code(),
        category.name(locale),
        category.icon(),
        insider ? p.description() : Publication.mask(p.description()),
        p.state(),
        p.gridId(),
        a.gridName(),
        insider ? placeText(p, units) : publicPlaceText(p, units),
        insider ? lat(p, units) : Publication.coarse(lat(p, units)),
        insider ? lng(p, units) : Publication.coarse(lng(p, units)),
        reporterName,
        mine,
        p.assigneeId() == null ? null : a.assigneeName(),
        p.source(),
        p.departmentId() == null
            ? null
            : departments.findById(p.departmentId()).map(d -> d.name(locale)).orElse(null),
        p.acceptDueAt(),
        p.resolveDueAt(),
        p.overdue(clock.instant()),
        p.redoCount(),
        p.escalationLevel(),
        p.rating(),
        p.createdAt(),
        p.updatedAt(),
        a.photoIds().stream().map(PhotoService.PhotoRef::of).toList(),
        new ProblemView.Followers(a.followers(), a.following()),
        allowed,
        unread,
        withTimeline && insider ? answers(p, locale) : List.of(),
        timeline,
        p.isPublic() ? ProblemView.Visibility.PUBLIC : ProblemView.Visibility.PRIVATE,
        mine && Publication.mayBePublic(p, category));
  }

  /** The answers given to the category's questions, as the viewer reads them. */
  private List<ProblemView.Answer> answers(Problem p, Locale locale) {
    List<CategoryQuestion> questions =
        categories.findQuestions().getOrDefault(p.categoryCode(), List.of());
    if (questions.isEmpty()) {
      return List.of();
    }
    Map<String, String> given = problems.findAnswers(p.id());
    if (given.isEmpty()) {
      return List.of();
    }
    List<ProblemView.Answer> answers = new ArrayList<>();
    for (CategoryQuestion q : questions) {
      String value = given.get(q.code());
      if (value != null) {
        String shown =
            q.isList()
                ? Arrays.stream(value.split(","))
                    .map(k -> q.choice(k).map(c -> c.name(locale)).orElse(k))
                    .collect(Collectors.joining("、"))
                : value;
        answers.add(new ProblemView.Answer(q.text(locale), shown));
      }
    }
    return answers;
  }

  /** The spot reported, or else where its building stands (problems reported without a pin). */
  private static @Nullable BigDecimal lat(Problem p, Map<Long, Address> units) {
    if (p.lat() != null || p.unitId() == null || !units.containsKey(p.unitId())) {
      return p.lat();
    }
    Double lat = units.get(p.unitId()).buildingLat();
    return lat == null ? null : BigDecimal.valueOf(lat);
  }

  private static @Nullable BigDecimal lng(Problem p, Map<Long, Address> units) {
    if (p.lng() != null || p.unitId() == null || !units.containsKey(p.unitId())) {
      return p.lng();
    }
    Double lng = units.get(p.unitId()).buildingLng();
    return lng == null ? null : BigDecimal.valueOf(lng);
  }

  /** The building, unit and words of the place, as staff and the reporter read them. */
  String placeText(Problem p) {
    Map<Long, Address> unit =
        p.unitId() == null
            ? Map.of()
            : grids.unit(p.unitId()).map(u -> Map.of(p.unitId(), u)).orElse(Map.of());
    return placeText(p, unit);
  }

  /**
   * The place as people outside the problem's reach read it: the building, never the unit, and the
   * reporter's own words with numbers masked.
   */
  static @Nullable String publicPlaceText(Problem p, Map<Long, Address> units) {
    List<String> parts = new ArrayList<>();
    Address u = p.unitId() == null ? null : units.get(p.unitId());
    if (u != null) {
      parts.add(u.buildingName());
    }
    if (p.locationText() != null) {
      parts.add(Publication.mask(p.locationText()));
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
  }

  private static String placeText(Problem p, Map<Long, Address> units) {
    List<String> parts = new ArrayList<>();
    if (p.unitId() != null) {
      Address u = units.get(p.unitId());
      if (u != null) {
        parts.add(u.buildingName());
        parts.add(u.unitName());
      }
    }
    if (p.locationText() != null) {
      parts.add(p.locationText());
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
  }
}
