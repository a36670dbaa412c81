package org.onegrid.grid;

import static org.onegrid.db.Tables.GRID_NODES;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.GridNodesRecord;
import org.onegrid.platform.RecentReads;
import org.onegrid.platform.SqlShapes;
import org.onegrid.platform.Tx;

/** The grid tree. */
@Singleton
class GridRepository {

  /** The columns a {@link GridNode} holds (not the boundary, which can be kilobytes). */
  private static final List<Field<?>> NODE_FIELDS =
      List.of(
          GRID_NODES.ID,
          GRID_NODES.PARENT_ID,
          GRID_NODES.NODE_LEVEL,
          GRID_NODES.CODE,
          GRID_NODES.NAME,
          GRID_NODES.PATH,
          GRID_NODES.DEPTH,
          GRID_NODES.HOTLINE_PHONE,
          GRID_NODES.RETIRED_AT);

  private final DSLContext dsl;
  private final Tx tx;
  private final SqlShapes shapes;

  /**
   * Nodes read by id (a request asks for its grid, its path, the staff's node): taken again within
   * {@code onegrid.sessions.check-every}; every write here forgets them all (a move rewrites a
   * whole subtree's paths).
   */
  private final RecentReads<GridNode> recent;

  GridRepository(
      DSLContext dsl,
      Tx tx,
      SqlShapes shapes,
      @Value("${onegrid.sessions.check-every:5s}") Duration recentFor) {
    this.dsl = dsl;
    this.tx = tx;
    this.shapes = shapes;
    this.recent = new RecentReads<>(recentFor, 100_000);
  }

  /**
   * Inserts a node under {@code parent} (or as a root) and fills in its path; call inside a
   * transaction.
   */
  GridNode insert(
      GridNode parent,
      GridLevel level,
      String code,
      String name,
      String hotlinePhone,
      String boundaryJson,
      GeoPolygon boundary,
      Instant now) {
    recent.forgetAll();
    var insert =
        dsl.insertInto(GRID_NODES)
            .set(GRID_NODES.PARENT_ID, parent == null ? null : parent.id())
            .set(GRID_NODES.NODE_LEVEL, level.name())
            .set(GRID_NODES.CODE, code)
            .set(GRID_NODES.NAME, name)
            .set(GRID_NODES.PATH, "/")
            .set(GRID_NODES.DEPTH, parent == null ? 0 : parent.depth() + 1)
            .set(GRID_NODES.HOTLINE_PHONE, hotlinePhone)
            .set(GRID_NODES.CREATED_AT, now);
    if (boundary != null) {
      insert =
          insert
              .set(GRID_NODES.BOUNDARY, boundaryJson)
              .set(GRID_NODES.MIN_LAT, BigDecimal.valueOf(boundary.minLat()))
              .set(GRID_NODES.MAX_LAT, BigDecimal.valueOf(boundary.maxLat()))
              .set(GRID_NODES.MIN_LNG, BigDecimal.valueOf(boundary.minLng()))
              .set(GRID_NODES.MAX_LNG, BigDecimal.valueOf(boundary.maxLng()));
    }
    long id = tx.insertReturningId(insert, GRID_NODES.ID);
    String path = (parent == null ? "/" : parent.path()) + id + "/";
    dsl.update(GRID_NODES).set(GRID_NODES.PATH, path).where(GRID_NODES.ID.eq(id)).execute();
    return new GridNode(
        id,
        parent == null ? null : parent.id(),
        level,
        code,
        name,
        path,
        parent == null ? 0 : parent.depth() + 1,
        hotlinePhone,
        false);
  }

  /** Locks the node's row until the transaction ends (callers that change what hangs off it). */
  void lock(long id) {
    dsl.select(GRID_NODES.ID).from(GRID_NODES).where(GRID_NODES.ID.eq(id)).forUpdate().fetch();
  }

  Optional<GridNode> findById(long id) {
    // Nodes not read in the last seconds (a staff member of any of 19,000 grids): one kept shape.
    return recent.get(id, key -> readByIds(List.of(key)).values().stream().findFirst());
  }

  /** The community whose hotline is this number (the number Twilio calls and texts arrive on). */
  Optional<GridNode> findCommunityByHotline(String e164) {
    return dsl.select(NODE_FIELDS)
        .from(GRID_NODES)
        .where(
            GRID_NODES.HOTLINE_PHONE.eq(e164), GRID_NODES.NODE_LEVEL.eq(GridLevel.COMMUNITY.name()))
        .limit(1)
        .fetchOptional(GridRepository::toNode);
  }

  /** The nodes of these ids, from the root down (by depth). */
  List<GridNode> findByIds(Collection<Long> ids) {
    return recent.getAll(ids, this::readByIds).values().stream()
        .sorted(Comparator.comparingInt(GridNode::depth).thenComparingLong(GridNode::id))
        .toList();
  }

  /** The node's children, the retired ones too when {@code withRetired}. */
  List<GridNode> findChildren(long parentId, boolean withRetired) {
    return dsl.select(NODE_FIELDS)
        .from(GRID_NODES)
        .where(GRID_NODES.PARENT_ID.eq(parentId))
        .and(withRetired ? DSL.noCondition() : GRID_NODES.RETIRED_AT.isNull())
        .orderBy(GRID_NODES.NAME)
        .fetch(GridRepository::toNode);
  }

  /**
   * Puts a node (and so its whole subtree) under another parent: one statement rewrites the paths
   * of the subtree's index range. Call inside a transaction.
   */
  void moveSubtree(GridNode node, GridNode newParent) {
    recent.forgetAll();
    String oldPrefix = node.path();
    String newPrefix = newParent.path() + node.id() + "/";
    dsl.update(GRID_NODES)
        .set(
            GRID_NODES.PATH,
            DSL.concat(
                DSL.val(newPrefix),
                DSL.substring(GRID_NODES.PATH, DSL.val(oldPrefix.length() + 1))))
        .where(Subtree.holds(oldPrefix))
        .execute();
    dsl.update(GRID_NODES)
        .set(GRID_NODES.PARENT_ID, newParent.id())
        .where(GRID_NODES.ID.eq(node.id()))
        .execute();
  }

  /** Retires a node: off the map (no boundary) and off the hotline (its number is free again). */
  void retire(long id, Instant now) {
    recent.forgetAll();
    dsl.update(GRID_NODES)
        .set(GRID_NODES.RETIRED_AT, now)
        .setNull(GRID_NODES.HOTLINE_PHONE)
        .setNull(GRID_NODES.BOUNDARY)
        .setNull(GRID_NODES.MIN_LAT)
        .setNull(GRID_NODES.MAX_LAT)
        .setNull(GRID_NODES.MIN_LNG)
        .setNull(GRID_NODES.MAX_LNG)
        .where(GRID_NODES.ID.eq(id))
        .execute();
  }

  /** Every node of a level at or under a subtree path, retired ones too (they keep their past). */
  List<GridNode> findAllUnder(String subtreePath, GridLevel level) {
    return dsl.select(NODE_FIELDS)
        .from(GRID_NODES)
        .where(Subtree.holds(subtreePath), GRID_NODES.NODE_LEVEL.eq(level.name()))
        .fetch(GridRepository::toNode);
  }

  /** Nodes of a level in a subtree whose name or code holds the text, not retired. */
  List<GridNode> searchUnder(String subtreePath, GridLevel level, String text, int limit) {
    return dsl.select(NODE_FIELDS)
        .from(GRID_NODES)
        .where(
            Subtree.holds(subtreePath),
            GRID_NODES.NODE_LEVEL.eq(level.name()),
            GRID_NODES.RETIRED_AT.isNull())
        .and(
            text == null || text.isBlank()
                ? DSL.noCondition()
                : GRID_NODES.NAME.contains(text.trim()).or(GRID_NODES.CODE.startsWith(text.trim())))
        .orderBy(GRID_NODES.PATH, GRID_NODES.NAME)
        .limit(limit)
        .fetch(GridRepository::toNode);
  }

  /** Ids of the grids at or under {@code subtreePath}, in id order after {@code afterId}. */
  List<Long> findGridIdsUnder(String subtreePath, long afterId, int limit) {
    return dsl.select(GRID_NODES.ID)
        .from(GRID_NODES)
        .where(
            Subtree.holds(subtreePath),
            GRID_NODES.NODE_LEVEL.eq(GridLevel.GRID.name()),
            GRID_NODES.ID.gt(afterId))
        .orderBy(GRID_NODES.ID)
        .limit(limit)
        .fetch(GRID_NODES.ID);
  }

  int countGridsUnder(String subtreePath) {
    return dsl.fetchCount(
        GRID_NODES,
        Subtree.holds(subtreePath),
        GRID_NODES.NODE_LEVEL.eq(GridLevel.GRID.name()),
        GRID_NODES.RETIRED_AT.isNull());
  }

  List<GridNode> searchByLevel(GridLevel level, String text, int limit) {
    return dsl.select(NODE_FIELDS)
        .from(GRID_NODES)
        .where(GRID_NODES.NODE_LEVEL.eq(level.name()), GRID_NODES.RETIRED_AT.isNull())
        .and(
            text == null || text.isBlank()
                ? DSL.noCondition()
                : GRID_NODES.NAME.contains(text.trim()))
        .orderBy(GRID_NODES.NAME, GRID_NODES.ID)
        .limit(limit)
        .fetch(GridRepository::toNode);
  }

  /** Nodes of a level whose name appears in the text (longest names first). */
  List<GridNode> findNamedIn(GridLevel level, String text, int limit) {
    return dsl.select(NODE_FIELDS)
        .from(GRID_NODES)
        .where(GRID_NODES.NODE_LEVEL.eq(level.name()), GRID_NODES.RETIRED_AT.isNull())
        .and(DSL.val(text).contains(GRID_NODES.NAME))
        .orderBy(DSL.charLength(GRID_NODES.NAME).desc(), GRID_NODES.ID)
        .limit(limit)
        .fetch(GridRepository::toNode);
  }

  /** A node's new outline and the box around it (null: none). */
  void updateBoundary(long id, String boundaryJson, GeoPolygon boundary) {
    recent.forgetAll();
    dsl.update(GRID_NODES)
        .set(GRID_NODES.BOUNDARY, boundaryJson)
        .set(GRID_NODES.MIN_LAT, boundary == null ? null : BigDecimal.valueOf(boundary.minLat()))
        .set(GRID_NODES.MAX_LAT, boundary == null ? null : BigDecimal.valueOf(boundary.maxLat()))
        .set(GRID_NODES.MIN_LNG, boundary == null ? null : BigDecimal.valueOf(boundary.minLng()))
        .set(GRID_NODES.MAX_LNG, boundary == null ? null : BigDecimal.valueOf(boundary.maxLng()))
        .where(GRID_NODES.ID.eq(id))
        .execute();
  }

  /** Nodes by code, each with its parent's code and its boundary text. */
  List<Record> findByCodes(Collection<String> codes) {
    return withParentCode(GRID_NODES.CODE.in(codes));
  }

  /** Nodes of a level with a boundary whose box meets the given box, each with its boundary. */
  List<Record> findBoundedIn(
      GridLevel level, double minLat, double maxLat, double minLng, double maxLng) {
    return withParentCode(
        GRID_NODES
            .NODE_LEVEL
            .eq(level.name())
            .and(GRID_NODES.MIN_LAT.le(BigDecimal.valueOf(maxLat)))
            .and(GRID_NODES.MAX_LAT.ge(BigDecimal.valueOf(minLat)))
            .and(GRID_NODES.MIN_LNG.le(BigDecimal.valueOf(maxLng)))
            .and(GRID_NODES.MAX_LNG.ge(BigDecimal.valueOf(minLng))));
  }

  /** Nodes that meet the condition, each with its parent's code as "parent_code". */
  private List<Record> withParentCode(Condition condition) {
    var parent = GRID_NODES.as("parent");
    return dsl
        .select(GRID_NODES.fields())
        .select(parent.CODE.as("parent_code"))
        .from(GRID_NODES)
        .leftJoin(parent)
        .on(parent.ID.eq(GRID_NODES.PARENT_ID))
        .where(condition)
        .fetch()
        .stream()
        .map(r -> (Record) r)
        .toList();
  }

  /**
   * Inserts nodes under parents that already exist in one statement, then fills in their paths in a
   * second; call inside a transaction.
   */
  void insertAll(
      List<NodeDraft> drafts,
      Map<String, GridNode> parentsByCode,
      Function<GeoPolygon, String> write,
      Instant now) {
    recent.forgetAll();
    var insert =
        dsl.insertInto(
            GRID_NODES,
            GRID_NODES.PARENT_ID,
            GRID_NODES.NODE_LEVEL,
            GRID_NODES.CODE,
            GRID_NODES.NAME,
            GRID_NODES.PATH,
            GRID_NODES.DEPTH,
            GRID_NODES.HOTLINE_PHONE,
            GRID_NODES.BOUNDARY,
            GRID_NODES.MIN_LAT,
            GRID_NODES.MAX_LAT,
            GRID_NODES.MIN_LNG,
            GRID_NODES.MAX_LNG,
            GRID_NODES.CREATED_AT);
    for (NodeDraft d : drafts) {
      GridNode parent = parentsByCode.get(d.parentCode());
      GeoPolygon b = d.boundary();
      insert =
          insert.values(
              parent.id(),
              d.level().name(),
              d.code(),
              d.name(),
              "/",
              parent.depth() + 1,
              d.hotlinePhone(),
              b == null ? null : write.apply(b),
              b == null ? null : BigDecimal.valueOf(b.minLat()),
              b == null ? null : BigDecimal.valueOf(b.maxLat()),
              b == null ? null : BigDecimal.valueOf(b.minLng()),
              b == null ? null : BigDecimal.valueOf(b.maxLng()),
              now);
    }
    insert.execute();
    var child = GRID_NODES.as("child");
    var parent = GRID_NODES.as("parent");
    dsl.update(child.join(parent).on(parent.ID.eq(child.PARENT_ID)))
        .set(child.PATH, DSL.concat(parent.PATH, child.ID.cast(String.class), DSL.val("/")))
        .where(child.PATH.eq("/"), child.CODE.in(drafts.stream().map(NodeDraft::code).toList()))
        .execute();
  }

  /** Renames a node and sets its hotline and boundary (a null boundary is left as it is). */
  void updateDetails(long id, String name, String hotlinePhone) {
    recent.forgetAll();
    dsl.update(GRID_NODES)
        .set(GRID_NODES.NAME, name)
        .set(GRID_NODES.HOTLINE_PHONE, hotlinePhone)
        .where(GRID_NODES.ID.eq(id))
        .execute();
  }

  boolean isEmpty() {
    return !dsl.fetchExists(GRID_NODES);
  }

  /** The nodes of these ids read now, by id, kept per size of the padded list (SqlShapes). */
  private Map<Long, GridNode> readByIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    List<Long> padded = SqlShapes.padded(ids);
    Map<Long, GridNode> out = new HashMap<>();
    for (Record r :
        shapes.fetch(
            new ByIds(padded.size()),
            () -> dsl.select(NODE_FIELDS).from(GRID_NODES).where(GRID_NODES.ID.in(padded)),
            padded)) {
      GridNode node = toNode(r);
      out.put(node.id(), node);
    }
    return out;
  }

  /** The key of {@link #readByIds}: how many ids it binds. */
  private record ByIds(int ids) {}

  static GridNode toNode(Record r) {
    GridNodesRecord n = r.into(GRID_NODES);
    return new GridNode(
        n.getId(),
        n.getParentId(),
        GridLevel.valueOf(n.getNodeLevel()),
        n.getCode(),
        n.getName(),
        n.getPath(),
        n.getDepth(),
        n.getHotlinePhone(),
        n.getRetiredAt() != null);
  }
}
