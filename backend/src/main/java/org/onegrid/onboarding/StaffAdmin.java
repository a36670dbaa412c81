package org.onegrid.onboarding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.account.StaffImports;
import org.onegrid.audit.AuditLog;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.grid.NodeRef;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;
import org.onegrid.problem.Handover;

/**
 * Admins look after the staff of their subtree one by one: list and find them, invite one (texted a
 * temporary password, like an imported one), and deactivate one who has left — their sessions end,
 * a grid they led is left for a new leader, and their open problems go to the grid's leader or back
 * to the grid; give one another role or post. Whole lists go through the staff import; a forgotten
 * password is reset by POST /api/v1/staff/members/{id}/password-reset.
 */
@Singleton
class StaffAdmin {

  private final StaffImports people;
  private final AccountService accounts;
  private final GridService grids;
  private final Handover handover;
  private final AuditLog audit;
  private final Phones phones;
  private final Tx tx;

  StaffAdmin(
      StaffImports people,
      AccountService accounts,
      GridService grids,
      Handover handover,
      AuditLog audit,
      Phones phones,
      Tx tx) {
    this.people = people;
    this.accounts = accounts;
    this.grids = grids;
    this.handover = handover;
    this.audit = audit;
    this.phones = phones;
    this.tx = tx;
  }

  /** A member of staff as their admins see them (the phone in full: they are their staff). */
  @Serdeable
  record StaffRow(
      long id,
      String name,
      Role role,
      String phone,
      @Nullable NodeRef node,
      @Nullable Instant deactivatedAt) {}

  @Serdeable
  record NewStaff(String name, String phone, Role role) {}

  /** Another role or post for a member of staff. */
  @Serdeable
  record Post(Role role, long nodeId) {}

  List<StaffRow> list(Account admin, long nodeId, @Nullable String q, @Nullable Long after) {
    GridNode node = reach(admin, nodeId);
    List<Account> page = people.staffPage(node, q, after == null ? 0 : after, 50);
    Map<Long, GridNode> nodes =
        grids.byIds(
            page.stream().map(Account::nodeId).filter(id -> id != null).distinct().toList());
    return page.stream().map(a -> row(a, nodes.get(a.nodeId()))).toList();
  }

  StaffRow invite(Account admin, long nodeId, NewStaff body) {
    GridNode node = reach(admin, nodeId);
    if (body.name() == null || body.name().isBlank() || body.name().length() > 60) {
      throw ApiException.invalidField("name", "validation.name");
    }
    String phone = phones.toE164(body.phone(), "phone");
    if (body.role() == null || !body.role().isStaff() || body.role().level() != node.level()) {
      throw ApiException.invalidField("role", "validation.role-for-node");
    }
    if (!body.role().level().below(admin.role().level())) {
      throw ApiException.forbidden();
    }
    return tx.run(
        () -> {
          if (!people.byPhones(List.of(phone)).isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "phone-taken");
          }
          long id = people.invite(phone, body.name().trim(), body.role(), node.id(), admin.id());
          audit.record(
              admin,
              node,
              "staff.invite",
              body.name().trim(),
              null,
              Map.of("role", body.role().name(), "phone", Phones.mask(phone)));
          return row(accounts.get(id), node);
        });
  }

  StaffRow deactivate(Account admin, long memberId) {
    Account member = accounts.find(memberId).orElseThrow(ApiException::notFound);
    if (!member.role().isStaff() || member.nodeId() == null) {
      throw ApiException.notFound();
    }
    GridNode node = grids.get(member.nodeId());
    reach(admin, node.id());
    if (!member.role().level().below(admin.role().level())) {
      throw ApiException.forbidden();
    }
    if (member.deactivatedAt() != null) {
      return row(member, node);
    }
    tx.run(
        () -> {
          people.deactivate(memberId);
          int handed = handover.handOverFrom(memberId);
          audit.record(
              admin,
              node,
              "staff.deactivate",
              member.displayName(),
              Map.of("role", member.role().name()),
              Map.of("problemsHandedOver", handed));
        });
    return row(accounts.get(memberId), node);
  }

  /**
   * Gives a member of staff below me another role or post in my subtree: a grid they led waits for
   * a new leader, their open problems go to the grid's leader, they sign in again.
   */
  StaffRow repost(Account admin, long memberId, Post body) {
    Account member = memberBelow(admin, memberId);
    GridNode node = reach(admin, body.nodeId());
    if (node.retired()
        || body.role() == null
        || !body.role().isStaff()
        || body.role().level() != node.level()) {
      throw ApiException.invalidField("role", "validation.role-for-node");
    }
    if (!body.role().level().below(admin.role().level())) {
      throw ApiException.forbidden();
    }
    if (body.role() == member.role() && node.id() == member.nodeId()) {
      return row(member, node);
    }
    GridNode before = grids.get(member.nodeId());
    tx.run(
        () -> {
          people.repost(member, body.role(), node.id());
          int handed = node.id() == member.nodeId() ? 0 : handover.handOverFrom(memberId);
          audit.record(
              admin,
              node,
              "staff.repost",
              member.displayName(),
              Map.of("role", member.role().name(), "node", before.code() + " " + before.name()),
              Map.of(
                  "role",
                  body.role().name(),
                  "node",
                  node.code() + " " + node.name(),
                  "problemsHandedOver",
                  handed));
        });
    return row(accounts.get(memberId), node);
  }

  /** A member of staff in my subtree, in a role below mine, who has not left. */
  private Account memberBelow(Account admin, long memberId) {
    Account member = accounts.find(memberId).orElseThrow(ApiException::notFound);
    if (!member.role().isStaff() || member.nodeId() == null || member.deactivatedAt() != null) {
      throw ApiException.notFound();
    }
    reach(admin, member.nodeId());
    if (!member.role().level().below(admin.role().level())) {
      throw ApiException.forbidden();
    }
    return member;
  }

  private GridNode reach(Account admin, long nodeId) {
    if (!admin.role().isAdmin()) {
      throw ApiException.forbidden();
    }
    GridNode node = grids.find(nodeId).orElseThrow(ApiException::notFound);
    return accounts.requireReach(admin, node);
  }

  private static StaffRow row(Account a, @Nullable GridNode node) {
    return new StaffRow(
        a.id(),
        a.displayName(),
        a.role(),
        a.phone(),
        node == null ? null : NodeRef.of(node),
        a.deactivatedAt());
  }
}
