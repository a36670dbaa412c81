package org.onegrid.grid;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Tx;

/**
 * The grid tree, the addresses inside grids, and who leads each grid. Other features come here, not
 * to its tables.
 */
@Singleton
public class GridService {

  private final GridRepository nodes;
  private final BoundaryRepository boundaries;
  private final AddressRepository addresses;
  private final GridLeaderRepository leaders;
  private final JsonMapper json;
  private final Tx tx;
  private final Clock clock;

  GridService(
      GridRepository nodes,
      BoundaryRepository boundaries,
      AddressRepository addresses,
      GridLeaderRepository leaders,
      JsonMapper json,
      Tx tx,
      Clock clock) {
    this.nodes = nodes;
    this.boundaries = boundaries;
    this.addresses = addresses;
    this.leaders = leaders;
    this.json = json;
    this.tx = tx;
    this.clock = clock;
  }

  public GridNode get(long id) {
    return nodes.findById(id).orElseThrow(ApiException::notFound);
  }

  public Optional<GridNode> find(long id) {
    return nodes.findById(id);
  }

  /** The grids at or under a node, in id order after {@code afterId}. */
  public List<Long> gridIdsUnder(GridNode node, long afterId, int limit) {
    if (node.level() == GridLevel.GRID) {
      // Nothing is under a grid: a leader's inbox and a grid's notice need no query for it.
      return node.id() > afterId && limit > 0 ? List.of(node.id()) : List.of();
    }
    return nodes.findGridIdsUnder(node.path(), afterId, limit);
  }

  /** How many grids in service there are at or under a node. */
  public int countGridsUnder(GridNode node) {
    return nodes.countGridsUnder(node.path());
  }

  /**
   * Every grid at or under a node, in id order (19,000 at most in a city: read in pages of 5,000).
   */
  public List<Long> allGridIdsUnder(GridNode node) {
    List<Long> all = new ArrayList<>();
    for (List<Long> page = gridIdsUnder(node, 0, 5000);
        !page.isEmpty();
        page = gridIdsUnder(node, page.get(page.size() - 1), 5000)) {
      all.addAll(page);
      if (page.size() < 5000) {
        break;
      }
    }
    return all;
  }

  /** The community whose hotline number this is. */
  public Optional<GridNode> communityByHotline(String e164) {
    return nodes.findCommunityByHotline(e164);
  }

  /** The node's ancestors and the node itself, root first. */
  public List<GridNode> pathOf(GridNode node) {
    return nodes.findByIds(node.pathIds());
  }

  /** The node's children in use (not retired), by name. */
  public List<GridNode> children(long id) {
    return nodes.findChildren(id, false);
  }

  /** Every child ever, the retired ones too (their past still counts in the figures above). */
  public List<GridNode> childrenWithRetired(long id) {
    return nodes.findChildren(id, true);
  }

  public List<GridNode> searchCommunities(@Nullable String text, int limit) {
    return nodes.searchByLevel(GridLevel.COMMUNITY, text, limit);
  }

  /**
   * Where a written address is: the community named in it, the building of that community named in
   * it (the longest matching name, so 13号楼 wins over 3号楼) and, when named, the unit.
   */
  public Optional<AddressMatch> matchAddress(String text) {
    for (GridNode community : nodes.findNamedIn(GridLevel.COMMUNITY, text, 3)) {
      Optional<BuildingView> building =
          addresses.findBuildingsUnder(community.path()).stream()
              .filter(b -> text.contains(b.name()))
              .max(Comparator.comparingInt(b -> b.name().length()));
      if (building.isPresent()) {
        BuildingView b = building.get();
        String rest = text.substring(text.indexOf(b.name()) + b.name().length());
        Optional<BuildingView.Unit> unit =
            b.units().stream().filter(u -> rest.contains(u.name())).findFirst();
        String remainder =
            unit.map(u -> rest.substring(rest.indexOf(u.name()) + u.name().length()))
                .orElse(rest)
                .trim();
        return Optional.of(
            new AddressMatch(
                b.gridId(),
                b.id(),
                unit.map(BuildingView.Unit::id).orElse(null),
                remainder.isEmpty() ? null : remainder));
      }
    }
    return Optional.empty();
  }

  /**
   * A written address placed: its grid, building and (when named) unit, and what the words say
   * after them ("门前").
   */
  public record AddressMatch(
      long gridId, long buildingId, @Nullable Long unitId, @Nullable String remainder) {}

  /** Buildings of a community with their units, for a resident choosing their home. */
  public List<BuildingView> buildingsOf(long communityId) {
    GridNode community = get(communityId);
    if (community.level() != GridLevel.COMMUNITY) {
      throw ApiException.notFound();
    }
    return addresses.findBuildingsUnder(community.path());
  }

  /** Buildings of every grid in the node's subtree. */
  public List<BuildingView> buildingsUnder(GridNode node) {
    return addresses.findBuildingsUnder(node.path());
  }

  public Optional<Address> unit(long unitId) {
    return addresses.findUnit(unitId);
  }

  /** Units by id (with their buildings), in one query. */
  public Map<Long, Address> units(Collection<Long> unitIds) {
    return addresses.findUnits(unitIds);
  }

  /** Nodes by id, in one query. */
  public Map<Long, GridNode> byIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<Long, GridNode> found = new HashMap<>();
    for (GridNode n : nodes.findByIds(ids)) {
      found.put(n.id(), n);
    }
    return found;
  }

  public Optional<Address> household(long householdId) {
    return addresses.findHousehold(householdId);
  }

  /**
   * The household for this unit and room, created if new; call inside the caller's transaction. The
   * household stays locked until that transaction ends, so two people moving into one room at the
   * same time are counted one after the other.
   */
  public Address householdFor(long unitId, String room) {
    Address unit =
        addresses
            .findUnit(unitId)
            .orElseThrow(() -> ApiException.invalidField("unitId", "validation.unit"));
    long id = addresses.findOrCreateHousehold(unitId, room, clock.instant());
    return new Address(
        id,
        room,
        unit.unitId(),
        unit.unitName(),
        unit.buildingId(),
        unit.buildingName(),
        unit.gridId(),
        unit.buildingLat(),
        unit.buildingLng());
  }

  /** The grid whose boundary holds the point, if any. */
  public Optional<GridNode> locate(double lat, double lng) {
    return boundaries.findGridsAround(lat, lng).stream()
        .filter(r -> r.value2() != null && parse(r.value2()).contains(lat, lng))
        .findFirst()
        .flatMap(r -> nodes.findById(r.value1()));
  }

  /** A grid near a point, and how far the point is from its outline. */
  public record Nearby(GridNode grid, int meters) {}

  /**
   * The grid in service whose outline is nearest the point, when it is within {@code maxMeters}:
   * where a point falls between the drawn grids (a road, a square), its problem still has a leader.
   */
  public Optional<Nearby> nearestGrid(double lat, double lng, int maxMeters) {
    double dLat = maxMeters / 110_574.0;
    double dLng = maxMeters / (111_320.0 * Math.cos(Math.toRadians(lat)));
    Long best = null;
    double bestMeters = Double.MAX_VALUE;
    for (var r : boundaries.findGridsNear(lat, lng, dLat, dLng)) {
      if (r.value2() == null) {
        continue;
      }
      double meters = parse(r.value2()).metersTo(lat, lng);
      if (meters <= maxMeters && meters < bestMeters) {
        best = r.value1();
        bestMeters = meters;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    int rounded = (int) Math.round(bestMeters);
    return nodes.findById(best).map(g -> new Nearby(g, rounded));
  }

  public Optional<GeoPolygon> boundaryOf(long gridId) {
    return boundaries.findBoundary(gridId).map(this::parse);
  }

  /** The drawn boundaries of these nodes, by id (nodes without one are left out). */
  public Map<Long, GeoPolygon> boundariesOf(Collection<Long> nodeIds) {
    if (nodeIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, GeoPolygon> out = new HashMap<>();
    boundaries.findBoundaries(nodeIds).forEach((id, text) -> out.put(id, parse(text)));
    return out;
  }

  /** Every node of a level at or under the node, retired ones too. */
  public List<GridNode> nodesUnder(GridNode node, GridLevel level) {
    return level.above(node.level()) ? List.of() : nodes.findAllUnder(node.path(), level);
  }

  /** The drawn boundaries of the grids in use below the node (the node itself if a grid). */
  public List<GeoPolygon> gridBoundariesUnder(GridNode node) {
    return boundaries.findGridBoundariesUnder(node.path()).stream().map(this::parse).toList();
  }

  public Optional<Long> currentLeaderId(long gridId) {
    return leaders.findCurrentLeaderId(gridId);
  }

  public Map<Long, Long> currentLeaderIds(Collection<Long> gridIds) {
    return gridIds.isEmpty() ? Map.of() : leaders.findCurrentLeaderIds(gridIds);
  }

  /**
   * Makes {@code leaderId} the grid's current leader and ends the previous assignment, keeping it
   * as history. A leader leads one grid: any other grid they led is left without a leader (its
   * reports go to the community admin) rather than listing someone whose workbench no longer
   * reaches it. The grid's row is locked first, so two admins changing the leader at once leave
   * exactly one current leader.
   */
  public void assignLeader(long gridId, long leaderId, @Nullable Long assignedBy) {
    tx.run(
        () -> {
          GridNode grid = get(gridId);
          if (grid.level() != GridLevel.GRID) {
            throw ApiException.invalidField("gridId", "validation.not-a-grid");
          }
          nodes.lock(gridId);
          if (leaders
              .findCurrentLeaderId(gridId)
              .filter(current -> current == leaderId)
              .isPresent()) {
            return;
          }
          leaders.endCurrent(gridId, clock.instant());
          leaders.endCurrentOfLeader(leaderId, clock.instant());
          leaders.insert(gridId, leaderId, assignedBy, clock.instant());
        });
  }

  /** Ends the grid leadership a person holds, if any (they left); the history keeps it. */
  public void endLeadershipOf(long leaderId) {
    leaders.endCurrentOfLeader(leaderId, clock.instant());
  }

  public List<LeaderAssignment> leaderHistory(long gridId) {
    return leaders.findHistory(gridId);
  }

  /**
   * Adds a node one level below {@code parent} (or a city at the root); call inside a transaction.
   */
  public GridNode create(
      @Nullable GridNode parent,
      GridLevel level,
      String code,
      String name,
      @Nullable String hotlinePhone,
      @Nullable GeoPolygon boundary) {
    GridLevel expected = parent == null ? GridLevel.CITY : parent.level().child();
    if (level != expected) {
      throw ApiException.invalidField("level", "validation.level");
    }
    if (boundary != null && boundary.problem() != null) {
      throw ApiException.invalidField("boundary", boundary.problem());
    }
    return nodes.insert(
        parent,
        level,
        code,
        name,
        hotlinePhone,
        boundary == null ? null : write(boundary),
        boundary,
        clock.instant());
  }

  public long addBuilding(
      long gridId, String name, int sortOrder, @Nullable Double lat, @Nullable Double lng) {
    return addresses.insertBuilding(gridId, name, sortOrder, lat, lng, clock.instant());
  }

  public long addUnit(long buildingId, String name, int sortOrder) {
    return addresses.insertUnit(buildingId, name, sortOrder);
  }

  public boolean isEmpty() {
    return nodes.isEmpty();
  }

  GeoPolygon parse(String text) {
    try {
      return json.readValue(text, GeoPolygon.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String write(GeoPolygon polygon) {
    try {
      return json.writeValueAsString(polygon);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
