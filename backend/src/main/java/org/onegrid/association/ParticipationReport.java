package org.onegrid.association;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;

/** How much residents take part in associations under a staff member's node. */
@Singleton
class ParticipationReport {

  private final ParticipationRepository participation;
  private final AccountService accounts;
  private final GridService grids;
  private final Clock clock;

  ParticipationReport(
      ParticipationRepository participation,
      AccountService accounts,
      GridService grids,
      Clock clock) {
    this.participation = participation;
    this.accounts = accounts;
    this.grids = grids;
    this.clock = clock;
  }

  static final int PARTICIPATION_DAYS = 90;

  /**
   * Participation in the staff member's subtree over the last 90 days: per association (members,
   * activities held, sign-ups, check-ins) and per grid (residents who are members, check-ins).
   */
  AssociationViews.Participation participation(Account staff) {
    accounts.requireStaff(staff);
    GridNode node = grids.get(staff.nodeId());
    Instant now = clock.instant();
    Instant since = now.minus(Duration.ofDays(PARTICIPATION_DAYS));
    Map<Long, Integer> members = participation.membersByGrid(node.path());
    Map<Long, Integer> attended = participation.attendanceByGrid(node.path(), since);
    Set<Long> gridIds = new TreeSet<>(members.keySet());
    gridIds.addAll(attended.keySet());
    List<AssociationViews.GridFigures> byGrid =
        gridIds.stream()
            .map(
                g ->
                    new AssociationViews.GridFigures(
                        g,
                        grids.pathOf(grids.get(g)).stream()
                            .filter(
                                n ->
                                    n.level() == GridLevel.COMMUNITY || n.level() == GridLevel.GRID)
                            .map(GridNode::name)
                            .collect(Collectors.joining(" ")),
                        members.getOrDefault(g, 0),
                        attended.getOrDefault(g, 0)))
            .toList();
    return new AssociationViews.Participation(
        PARTICIPATION_DAYS, participation.byAssociation(node.path(), since, now), byGrid);
  }
}
