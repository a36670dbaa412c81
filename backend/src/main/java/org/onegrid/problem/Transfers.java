package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.grid.NodeRef;
import org.onegrid.notify.SmsOutbox;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Strings;
import org.onegrid.platform.Tx;

/**
 * Handing an open problem on: to another grid of its community (its leader accepts it anew), to a
 * department (texted on its duty phone), or into another problem as its duplicate.
 */
@Singleton
public class Transfers {

  private final ProblemRepository problems;
  private final ProblemLog log;
  private final CategoryRepository categories;
  private final DepartmentRepository departments;
  private final AccountService accounts;
  private final GridService grids;
  private final ProblemAccess access;
  private final ProblemViews views;
  private final Assignees assignees;
  private final DepartmentDesk desk;
  private final SmsOutbox sms;
  private final Phones phones;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;

  Transfers(
      ProblemRepository problems,
      ProblemLog log,
      CategoryRepository categories,
      DepartmentRepository departments,
      AccountService accounts,
      GridService grids,
      ProblemAccess access,
      ProblemViews views,
      Assignees assignees,
      DepartmentDesk desk,
      SmsOutbox sms,
      Phones phones,
      Messages texts,
      Tx tx,
      Clock clock) {
    this.problems = problems;
    this.log = log;
    this.categories = categories;
    this.departments = departments;
    this.accounts = accounts;
    this.grids = grids;
    this.access = access;
    this.views = views;
    this.assignees = assignees;
    this.desk = desk;
    this.sms = sms;
    this.phones = phones;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
  }

  /** Where the problem could be handed: the other grids of its community, and the departments. */
  public TransferTargets transferTargets(Account staff, long id, Locale locale) {
    Problem problem = problems.findById(id).orElseThrow(ApiException::notFound);
    access.requireStaffReach(staff, problem);
    GridNode grid = grids.get(problem.gridId());
    GridNode community =
        grids.pathOf(grid).stream()
            .filter(n -> n.level() == GridLevel.COMMUNITY)
            .findFirst()
            .orElseThrow();
    List<NodeRef> targets = new ArrayList<>();
    for (GridNode zone : grids.children(community.id())) {
      for (GridNode g : grids.children(zone.id())) {
        if (g.level() == GridLevel.GRID && g.id() != grid.id()) {
          targets.add(NodeRef.of(g));
        }
      }
    }
    return new TransferTargets(
        targets,
        departments.findActive().stream()
            .map(d -> new TransferTargets.DepartmentRef(d.id(), d.name(locale)))
            .toList());
  }

  /**
   * Hands an open problem on, with a reason. To another grid: it goes to that grid's leader (or
   * community admin) to be accepted anew, and its escalation starts over. To a department: the
   * department is texted on its duty phone, and the problem waits, still the grid's, until staff
   * record the department's fix or take it back.
   */
  public ProblemView transfer(
      Account staff,
      long id,
      @Nullable Long gridId,
      @Nullable Long departmentId,
      String reason,
      Locale locale) {
    String why = Strings.blankToNull(reason);
    if (why == null) {
      throw ApiException.invalidField("reason", "validation.reason");
    }
    if ((gridId == null) == (departmentId == null)) {
      throw ApiException.invalidField("gridId", "validation.transfer-target");
    }
    if (departmentId != null) {
      Department department =
          departments
              .findById(departmentId)
              .orElseThrow(
                  () -> ApiException.invalidField("departmentId", "validation.department"));
      return views.view(staff, toDepartment(staff, id, department, why), locale, true);
    }
    GridNode target =
        grids
            .find(gridId)
            .filter(g -> g.level() == GridLevel.GRID)
            .orElseThrow(() -> ApiException.invalidField("gridId", "validation.not-a-grid"));
    Problem updated =
        tx.run(
            () -> {
              Problem problem = access.lockOpenInReach(staff, id);
              if (target.id() == problem.gridId()) {
                throw ApiException.invalidField("gridId", "validation.same-grid");
              }
              Category category = categories.findByCode(problem.categoryCode()).orElseThrow();
              Account assigneeAccount = assignees.assigneeOf(target);
              Long assignee = assigneeAccount == null ? null : assigneeAccount.id();
              Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
              problems.transfer(
                  id,
                  target.id(),
                  assignee,
                  now.plus(Duration.ofHours(category.acceptHours())),
                  now);
              log.record(
                  id,
                  staff.id(),
                  "TRANSFER",
                  problem.state(),
                  ProblemState.SUBMITTED,
                  grids.get(problem.gridId()).name() + " → " + target.name() + "：" + why,
                  now);
              assignees.notifyAssignee(assigneeAccount, target, category, problem.description());
              return problems.findById(id).orElseThrow();
            });
    return views.view(staff, updated, locale, true);
  }

  private Problem toDepartment(Account staff, long id, Department department, String why) {
    return tx.run(
        () -> {
          Problem problem = access.lockOpenInReach(staff, id);
          if (problem.state() == ProblemState.TRANSFERRED) {
            throw new ApiException(HttpStatus.CONFLICT, "problem-state", problem.state());
          }
          Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          problems.transferToDepartment(id, department.id(), now);
          log.record(
              id,
              staff.id(),
              "TRANSFER_DEPARTMENT",
              problem.state(),
              ProblemState.TRANSFERRED,
              department.nameZh() + "：" + why,
              now);
          if (department.phone() != null) {
            String link = desk.issue(problem.id(), department.id(), now);
            Category category = categories.findByCode(problem.categoryCode()).orElseThrow();
            Locale zh = Messages.CHINESE;
            String place = views.placeText(problem);
            sms.enqueue(
                department.phone(),
                texts.get(
                    zh,
                    "sms.problem-department",
                    grids.get(problem.gridId()).name(),
                    String.valueOf(problem.id()),
                    category.name(zh),
                    (place == null ? "" : place + "，") + Assignees.excerpt(problem.description()),
                    why,
                    staff.displayName(),
                    phones.dialable(staff.phone()),
                    link),
                "problem-department");
          }
          return problems.findById(id).orElseThrow();
        });
  }

  /** Sets a department's duty phone, where its transferred problems are texted. */
  public void setDepartmentPhone(String code, String e164) {
    departments.setPhone(code, e164);
  }

  /**
   * Staff merge a duplicate into another problem of their subtree: the duplicate closes with a note
   * pointing to the other, and its reporter and followers follow the other from now on.
   */
  public ProblemView merge(Account staff, long duplicateId, long intoId, Locale locale) {
    if (!staff.role().isStaff()) {
      throw ApiException.forbidden();
    }
    if (duplicateId == intoId) {
      throw ApiException.invalidField("intoId", "validation.merge-self");
    }
    return tx.run(
        () -> {
          Problem duplicate = problems.lockById(duplicateId).orElseThrow(ApiException::notFound);
          Problem into = problems.lockById(intoId).orElseThrow(ApiException::notFound);
          accounts.requireReach(staff, grids.get(duplicate.gridId()));
          accounts.requireReach(staff, grids.get(into.gridId()));
          if (!ProblemState.OPEN.contains(duplicate.state())) {
            throw new ApiException(HttpStatus.CONFLICT, "problem-state", duplicate.state());
          }
          Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          problems.updateState(duplicateId, ProblemState.CLOSED, now, false);
          log.record(
              duplicateId,
              staff.id(),
              "MERGE",
              duplicate.state(),
              ProblemState.CLOSED,
              "#" + intoId,
              now);
          problems.follow(intoId, duplicate.reporterId(), now);
          for (long follower : problems.findFollowers(duplicateId)) {
            problems.follow(intoId, follower, now);
          }
          return views.view(staff, problems.findById(intoId).orElseThrow(), locale, true);
        });
  }

  /** Where a problem can be handed. */
  @Serdeable
  public record TransferTargets(List<NodeRef> grids, List<DepartmentRef> departments) {

    /** A department by id and name. */
    @Serdeable
    public record DepartmentRef(long id, String name) {}
  }
}
