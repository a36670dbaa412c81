package org.onegrid.patrol;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Names;
import org.onegrid.db.tables.records.PatrolsRecord;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.platform.Tx;
import org.onegrid.problem.PhotoService;
import org.onegrid.problem.ProblemService;
import org.onegrid.problem.ProblemSource;
import org.onegrid.problem.ProblemView;

/**
 * The patrol diary (民情日记): staff of a grid log a patrol (date, area covered, notes, photos), and
 * each thing they found is filed at once as a problem of source PATROL in the grid's inbox, linked
 * to the patrol. Supervisors read the diary of their subtree as a timeline. The same key from the
 * same author logs one patrol and files its findings once.
 */
@Singleton
public class PatrolService {

  private final PatrolRepository patrols;
  private final AccountService accounts;
  private final GridService grids;
  private final ProblemService problems;
  private final PhotoService photos;
  private final Tx tx;
  private final Clock clock;
  private final ZoneId zone;

  PatrolService(
      PatrolRepository patrols,
      AccountService accounts,
      GridService grids,
      ProblemService problems,
      PhotoService photos,
      Tx tx,
      Clock clock,
      OneGridConfig config) {
    this.patrols = patrols;
    this.accounts = accounts;
    this.grids = grids;
    this.problems = problems;
    this.photos = photos;
    this.tx = tx;
    this.clock = clock;
    this.zone = config.getTimeZone();
  }

  /** Logs a patrol of a grid in the staff member's reach, filing each finding as a problem. */
  public PatrolView log(Account staff, NewPatrol patrol, String key, Locale locale) {
    accounts.requireStaff(staff);
    Optional<PatrolsRecord> earlier = patrols.findByKey(staff.id(), key);
    if (earlier.isPresent()) {
      return views(staff, List.of(earlier.get()), locale).get(0);
    }
    GridNode grid = grids.get(patrol.gridId());
    if (grid.level() != GridLevel.GRID) {
      throw ApiException.invalidField("gridId", "validation.patrol-grid");
    }
    accounts.requireReach(staff, grid);
    for (Finding f : patrol.findings()) {
      if (f.unitId() != null
          && grids.unit(f.unitId()).map(u -> u.gridId() != grid.id()).orElse(true)) {
        throw ApiException.invalidField("findings", "validation.patrol-unit");
      }
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    if (patrol.date().isAfter(today) || patrol.date().isBefore(today.minusDays(30))) {
      throw ApiException.invalidField("date", "validation.patrol-date");
    }
    long id =
        tx.run(
            () -> {
              Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
              long created =
                  patrols.insert(
                      grid.id(),
                      staff.id(),
                      patrol.date(),
                      patrol.area().trim(),
                      patrol.notes() == null || patrol.notes().isBlank()
                          ? null
                          : patrol.notes().trim(),
                      key,
                      now);
              photos.attachToGrid(patrol.photoIds(), staff, grid.id());
              patrols.insertPhotos(created, patrol.photoIds());
              int n = 0;
              for (Finding f : patrol.findings()) {
                long problemId =
                    problems
                        .report(
                            staff,
                            new ProblemService.NewReport(
                                f.categoryCode(),
                                f.description(),
                                f.unitId(),
                                null,
                                null,
                                null,
                                false,
                                List.of(),
                                f.unitId() == null ? grid.id() : null,
                                null),
                            "patrol:" + key + ":" + n++,
                            locale,
                            ProblemSource.PATROL,
                            problem -> {})
                        .id();
                patrols.insertFinding(created, problemId);
              }
              return created;
            });
    return views(staff, List.of(patrols.findById(id).orElseThrow()), locale).get(0);
  }

  /** The diary of the grids under a node of the staff member's reach, newest first, 20 a page. */
  public List<PatrolView> diary(
      Account staff, long nodeId, @Nullable Long beforeId, Locale locale) {
    accounts.requireStaff(staff);
    GridNode node = accounts.requireReach(staff, grids.get(nodeId));
    return views(
        staff,
        patrols.findInSubtree(node.path(), beforeId == null ? Long.MAX_VALUE : beforeId, 20),
        locale);
  }

  private List<PatrolView> views(Account viewer, List<PatrolsRecord> rows, Locale locale) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<Long> ids = rows.stream().map(PatrolsRecord::getId).toList();
    Map<Long, List<Long>> photoIds = patrols.findPhotos(ids);
    Map<Long, List<Long>> findings = patrols.findFindings(ids);
    Names authors = accounts.names(rows.stream().map(PatrolsRecord::getAuthorId).toList());
    return rows.stream()
        .map(
            r ->
                new PatrolView(
                    r.getId(),
                    r.getGridId(),
                    grids.get(r.getGridId()).name(),
                    authors.of(r.getAuthorId()),
                    r.getPatrolDate(),
                    r.getArea(),
                    r.getNotes(),
                    photoIds.getOrDefault(r.getId(), List.of()).stream()
                        .map(PhotoService.PhotoRef::of)
                        .toList(),
                    findings.getOrDefault(r.getId(), List.of()).stream()
                        .map(p -> problems.get(viewer, p, locale))
                        .toList(),
                    r.getCreatedAt()))
        .toList();
  }

  /** A patrol to log. */
  @Serdeable
  public record NewPatrol(
      long gridId,
      LocalDate date,
      String area,
      @Nullable String notes,
      List<Long> photoIds,
      List<Finding> findings) {}

  /** Something found on a patrol, filed as a problem: where (a unit, else the grid) and what. */
  @Serdeable
  public record Finding(String categoryCode, String description, @Nullable Long unitId) {}

  /** A patrol in the diary, with its photos and the problems it found as they stand now. */
  @Serdeable
  public record PatrolView(
      long id,
      long gridId,
      String gridName,
      String authorName,
      LocalDate date,
      String area,
      @Nullable String notes,
      List<PhotoService.PhotoRef> photos,
      List<ProblemView> findings,
      Instant createdAt) {}
}
