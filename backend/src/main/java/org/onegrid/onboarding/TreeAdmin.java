package org.onegrid.onboarding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.audit.AuditLog;
import org.onegrid.grid.GeoPolygon;
import org.onegrid.grid.GridImports;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.grid.NodeDraft;
import org.onegrid.grid.NodeRecord;
import org.onegrid.grid.NodeRef;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;

/**
 * Admins add a node under one of their subtree and rename nodes below their own (with the
 * community's hotline), one at a time; the same checks as the tree import, each change audited.
 */
@Singleton
class TreeAdmin {

  private final GridService grids;
  private final GridImports tree;
  private final AccountService accounts;
  private final AuditLog audit;
  private final Phones phones;
  private final Tx tx;

  TreeAdmin(
      GridService grids,
      GridImports tree,
      AccountService accounts,
      AuditLog audit,
      Phones phones,
      Tx tx) {
    this.grids = grids;
    this.tree = tree;
    this.accounts = accounts;
    this.audit = audit;
    this.phones = phones;
    this.tx = tx;
  }

  /**
   * A node as the admin names it: code (new nodes only), name, and a community's hotline (on a
   * rename, absent keeps it and blank clears it).
   */
  @Serdeable
  record NodeSettings(@Nullable String code, String name, @Nullable String hotline) {}

  NodeRef addChild(Account admin, long parentId, NodeSettings body) {
    GridNode parent = reach(admin, parentId);
    if (parent.level().child() == null) {
      throw ApiException.invalidField("parentId", "validation.no-children");
    }
    String code = body.code() == null ? "" : body.code().trim();
    if (!GridTreeImporter.CODE.matcher(code).matches()) {
      throw ApiException.invalidField("code", "validation.node-code");
    }
    String name = name(body);
    String hotline = hotline(body);
    return tx.run(
        () -> {
          if (!tree.byCodes(List.of(code)).isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "node-code-taken");
          }
          GridNode node = grids.create(parent, parent.level().child(), code, name, hotline, null);
          audit.record(
              admin, node, "tree.add", code + " " + name, null, Map.of("parent", parent.code()));
          return NodeRef.of(node);
        });
  }

  NodeRef rename(Account admin, long nodeId, NodeSettings body) {
    GridNode node = reach(admin, nodeId);
    if (admin.nodeId() != null && admin.nodeId() == node.id()) {
      throw ApiException.forbidden();
    }
    String name = name(body);
    String hotline = body.hotline() == null ? node.hotlinePhone() : hotline(body);
    return tx.run(
        () -> {
          NodeRecord existing = tree.byCodes(List.of(node.code())).get(node.code());
          tree.update(
              existing,
              new NodeDraft(node.code(), name, node.level(), existing.parentCode(), hotline, null));
          audit.record(
              admin,
              node,
              "tree.rename",
              node.code() + " " + name,
              Map.of("name", node.name(), "hotline", String.valueOf(node.hotlinePhone())),
              Map.of("name", name, "hotline", String.valueOf(hotline)));
          return NodeRef.of(grids.get(nodeId));
        });
  }

  /**
   * Redraws a node's boundary (uploaded as GeoJSON until the map can draw one): refused when it is
   * not a valid simple polygon or overlaps another node of its level, as in the tree import.
   */
  NodeRef reshape(Account admin, long nodeId, GeoPolygon shape) {
    GridNode node = reach(admin, nodeId);
    if (admin.nodeId() != null && admin.nodeId() == node.id()) {
      throw ApiException.forbidden();
    }
    Polygon polygon =
        Shapes.polygon(shape)
            .orElseThrow(() -> ApiException.invalidField("boundary", "validation.polygon"));
    Shapes.invalidity(polygon)
        .ifPresent(
            why -> {
              throw ApiException.invalidField("boundary", "validation.polygon-invalid", why);
            });
    Envelope box = polygon.getEnvelopeInternal();
    for (NodeRecord other :
        tree.boundedIn(node.level(), box.getMinY(), box.getMaxY(), box.getMinX(), box.getMaxX())) {
      if (other.node().id() != node.id()
          && other.boundary() != null
          && Shapes.polygon(other.boundary()).filter(o -> Shapes.overlap(polygon, o)).isPresent()) {
        throw new ApiException(
            HttpStatus.CONFLICT,
            "boundary-overlaps",
            other.node().name() + "（" + other.node().code() + "）");
      }
    }
    return tx.run(
        () -> {
          NodeRecord existing = tree.byCodes(List.of(node.code())).get(node.code());
          tree.update(
              existing,
              new NodeDraft(
                  node.code(),
                  node.name(),
                  node.level(),
                  existing.parentCode(),
                  node.hotlinePhone(),
                  shape));
          audit.record(
              admin,
              node,
              "tree.boundary",
              node.code() + " " + node.name(),
              Map.of("boundary", existing.boundary() != null),
              Map.of(
                  "boundary",
                  String.format(
                      Locale.ROOT,
                      "%.5f,%.5f – %.5f,%.5f",
                      box.getMinY(),
                      box.getMinX(),
                      box.getMaxY(),
                      box.getMaxX())));
          return NodeRef.of(node);
        });
  }

  private GridNode reach(Account admin, long nodeId) {
    if (!admin.role().isAdmin()) {
      throw ApiException.forbidden();
    }
    return accounts.requireReach(admin, grids.find(nodeId).orElseThrow(ApiException::notFound));
  }

  private static String name(NodeSettings body) {
    String name = body.name() == null ? "" : body.name().trim();
    if (name.isEmpty() || name.length() > 100) {
      throw ApiException.invalidField("name", "validation.node-name");
    }
    return name;
  }

  private String hotline(NodeSettings body) {
    return body.hotline() == null || body.hotline().isBlank()
        ? null
        : phones.toE164(body.hotline(), "hotline");
  }
}
