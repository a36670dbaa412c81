package org.onegrid.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.onegrid.grid.Address;
import org.onegrid.grid.BuildingView;
import org.onegrid.grid.GeoPolygon;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.grid.NodeRef;
import org.onegrid.platform.Phones;

/** Shapes what staff see, masking phones for those who do not serve the person directly. */
@Singleton
class StaffViews {

  private final AccountService accounts;
  private final GridService grids;

  StaffViews(AccountService accounts, GridService grids) {
    this.accounts = accounts;
    this.grids = grids;
  }

  NodeDetail detail(Account viewer, GridNode node) {
    List<GridNode> children = grids.children(node.id());
    List<Long> gridIds =
        children.stream().filter(c -> c.level() == GridLevel.GRID).map(GridNode::id).toList();
    if (node.level() == GridLevel.GRID) {
      gridIds = List.of(node.id());
    }
    Map<Long, Long> leaderIds = grids.currentLeaderIds(gridIds);
    Map<Long, Account> leaders = accounts.byIds(leaderIds.values());
    Function<Long, Account> leaderOf =
        gridId -> {
          Long leaderId = leaderIds.get(gridId);
          return leaderId == null ? null : leaders.get(leaderId);
        };
    List<ChildRow> rows =
        children.stream()
            .map(c -> new ChildRow(NodeRef.of(c), person(viewer, leaderOf.apply(c.id()))))
            .toList();
    List<Person> staff =
        accounts.staffAt(List.of(node.id())).stream().map(a -> person(viewer, a)).toList();
    Person leader =
        node.level() == GridLevel.GRID ? person(viewer, leaderOf.apply(node.id())) : null;
    List<BuildingView> buildings =
        !node.level().above(GridLevel.COMMUNITY) ? grids.buildingsUnder(node) : List.of();
    GeoPolygon boundary = grids.boundaryOf(node.id()).orElse(null);
    return new NodeDetail(
        NodeRef.of(node),
        grids.pathOf(node).stream().map(NodeRef::of).toList(),
        rows,
        staff,
        leader,
        buildings,
        boundary);
  }

  List<LeaderTerm> leaderHistory(long gridId) {
    var history = grids.leaderHistory(gridId);
    Names people = accounts.names(history.stream().map(h -> h.leaderId()).toList());
    return history.stream()
        .map(h -> new LeaderTerm(h.leaderId(), people.of(h.leaderId()), h.startedAt(), h.endedAt()))
        .toList();
  }

  ResidentRow residentRow(Account viewer, Account resident) {
    Address home =
        resident.householdId() == null
            ? null
            : grids.household(resident.householdId()).orElse(null);
    boolean servesThem =
        home != null && viewer.nodeId() != null && viewer.nodeId() == home.gridId();
    return new ResidentRow(
        resident.id(),
        resident.displayName(),
        servesThem ? resident.phone() : Phones.mask(resident.phone()),
        home == null ? null : home.buildingName() + " " + home.unitName() + " " + home.room());
  }

  /** Staff see each other's phones masked unless they are above them in the tree. */
  Person person(Account viewer, @Nullable Account person) {
    if (person == null) {
      return null;
    }
    boolean above =
        person.nodeId() != null
            && viewer.role().isAdmin()
            && accounts.reaches(viewer, grids.get(person.nodeId()));
    return new Person(
        person.id(),
        person.displayName(),
        person.role(),
        above || person.id() == viewer.id() ? person.phone() : Phones.mask(person.phone()));
  }

  @Serdeable
  record NodeDetail(
      NodeRef node,
      List<NodeRef> path,
      List<ChildRow> children,
      List<Person> staff,
      @Nullable Person leader,
      List<BuildingView> buildings,
      @Nullable GeoPolygon boundary) {}

  @Serdeable
  record ChildRow(NodeRef node, @Nullable Person leader) {}

  @Serdeable
  record Person(long id, String name, Role role, String phone) {}

  @Serdeable
  record LeaderTerm(long leaderId, String name, Instant startedAt, @Nullable Instant endedAt) {}

  @Serdeable
  record ResidentRow(long id, String name, String phone, @Nullable String address) {}

  @Serdeable
  record ResidentPage(List<ResidentRow> items, @Nullable Long nextAfter) {}
}
