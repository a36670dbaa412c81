package org.onegrid.onboarding;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;
import org.onegrid.account.Account;
import org.onegrid.account.Role;
import org.onegrid.account.StaffImports;
import org.onegrid.grid.GridImports;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.NodeRecord;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;

/**
 * Staff by CSV: name, phone, role, the code of the node they work at and, for a grid leader, the
 * grid they lead. New staff get no password: {@code StaffInvites} texts each a temporary one. An
 * admin loads only roles below their own, at nodes of their subtree.
 */
@Singleton
class StaffImporter implements Importer<StaffImporter.Work> {

  private static final int CHUNK = 200;

  static final Map<String, List<String>> COLUMNS =
      Map.of(
          "name", List.of("姓名"),
          "phone", List.of("手机号", "手机", "电话"),
          "role", List.of("角色"),
          "node_code", List.of("节点编码", "所在节点编码", "node"),
          "leader_of", List.of("负责网格编码", "网格长网格", "leads"));

  record Work(String phone, String name, Role role, long nodeId, Long leadsGridId) {}

  private final GridImports grids;
  private final StaffImports people;
  private final Phones phones;
  private final Tx tx;

  StaffImporter(GridImports grids, StaffImports people, Phones phones, Tx tx) {
    this.grids = grids;
    this.people = people;
    this.phones = phones;
    this.tx = tx;
  }

  @Override
  public ImportKind kind() {
    return ImportKind.STAFF;
  }

  @Override
  public Plan<Work> plan(Account admin, GridNode reach, byte[] file) {
    CsvTable table =
        CsvTable.parse(TextFile.decode(file), COLUMNS, List.of("name", "phone", "role"));
    Plan<Work> missing = Plan.missingColumns(table);
    if (missing != null) {
      return missing;
    }
    Set<String> codes = new HashSet<>();
    Map<Integer, String> e164 = new HashMap<>();
    for (CsvTable.Row r : table.rows()) {
      r.get("node_code").ifPresent(codes::add);
      r.get("leader_of").ifPresent(codes::add);
      r.get("phone").map(this::e164).ifPresent(p -> e164.put(r.line(), p));
    }
    Map<String, NodeRecord> nodes = grids.inUseByCodes(codes);
    Map<String, Account> stored = people.byPhones(e164.values());
    Map<Long, Long> leaders =
        grids.currentLeaderIds(
            nodes.values().stream()
                .filter(n -> n.node().level() == GridLevel.GRID)
                .map(n -> n.node().id())
                .toList());

    Map<String, Integer> seenPhones = new HashMap<>();
    Map<Long, Integer> ledGrids = new HashMap<>();
    List<RowVerdict> verdicts = new ArrayList<>();
    List<Work> work = new ArrayList<>();
    for (CsvTable.Row r : table.rows()) {
      int line = r.line();
      String phone = e164.get(line);
      String key = r.get("name").orElse("") + " " + r.get("phone").orElse("");
      if (phone == null) {
        verdicts.add(RowVerdict.refuse(line, key, "bad-phone", r.get("phone").orElse("")));
        continue;
      }
      key = r.get("name").orElse("") + " " + phone;
      String name = r.get("name").orElse(null);
      if (name == null || name.length() > 60) {
        verdicts.add(RowVerdict.refuse(line, key, "bad-name"));
        continue;
      }
      Role role = role(r.get("role").orElse(""));
      if (role == null || !role.isStaff()) {
        verdicts.add(RowVerdict.refuse(line, key, "bad-role", r.get("role").orElse("")));
        continue;
      }
      if (!role.level().below(admin.role().level())) {
        verdicts.add(RowVerdict.refuse(line, key, "role-too-high"));
        continue;
      }
      if (seenPhones.containsKey(phone)) {
        verdicts.add(RowVerdict.refuse(line, key, "duplicate-phone", seenPhones.get(phone)));
        continue;
      }
      String nodeCode = r.get("node_code").or(() -> r.get("leader_of")).orElse("");
      NodeRecord node = nodes.get(nodeCode);
      if (node == null || !reach.contains(node.node())) {
        verdicts.add(RowVerdict.refuse(line, key, "unknown-node", nodeCode));
        continue;
      }
      if (node.node().level() != role.level()) {
        verdicts.add(
            RowVerdict.refuse(line, key, "wrong-node-level", nodeCode, role.level().name()));
        continue;
      }
      Long leads = null;
      if (r.get("leader_of").isPresent()) {
        NodeRecord grid = nodes.get(r.get("leader_of").get());
        if (role != Role.GRID_LEADER) {
          verdicts.add(RowVerdict.refuse(line, key, "leads-but-not-leader"));
          continue;
        }
        if (grid == null || !reach.contains(grid.node()) || grid.node().level() != GridLevel.GRID) {
          verdicts.add(RowVerdict.refuse(line, key, "unknown-node", r.get("leader_of").get()));
          continue;
        }
        leads = grid.node().id();
        if (ledGrids.containsKey(leads)) {
          verdicts.add(RowVerdict.refuse(line, key, "grid-led-twice", ledGrids.get(leads)));
          continue;
        }
      }
      Account existing = stored.get(phone);
      if (existing != null && !existing.role().isStaff()) {
        verdicts.add(RowVerdict.refuse(line, key, "phone-not-staff"));
        continue;
      }
      if (existing != null
          && (existing.nodeId() == null
              || !existing.role().level().below(admin.role().level())
              || !reach.contains(grids.node(existing.nodeId())))) {
        verdicts.add(RowVerdict.refuse(line, key, "phone-taken"));
        continue;
      }
      seenPhones.put(phone, line);
      if (leads != null) {
        ledGrids.put(leads, line);
      }
      Work w = new Work(phone, name, role, node.node().id(), leads);
      if (existing == null) {
        verdicts.add(RowVerdict.create(line, key));
        work.add(w);
        continue;
      }
      List<String> changes = new ArrayList<>();
      if (existing.deactivatedAt() != null) {
        changes.add("reactivate");
      }
      if (!name.equals(existing.name())) {
        changes.add("name");
      }
      if (role != existing.role()) {
        changes.add("role");
      }
      if (!Objects.equals(existing.nodeId(), w.nodeId())) {
        changes.add("node");
      }
      if (leads != null && !Objects.equals(leaders.get(leads), existing.id())) {
        changes.add("leader");
      }
      if (changes.isEmpty()) {
        verdicts.add(RowVerdict.same(line, key));
      } else {
        verdicts.add(RowVerdict.change(line, key, String.join(", ", changes)));
        work.add(w);
      }
    }
    return new Plan<>(verdicts, work);
  }

  @Override
  public void apply(Account admin, List<Work> work, IntConsumer done) {
    Plan.inChunks(
        work,
        CHUNK,
        done,
        chunk ->
            tx.run(
                () -> {
                  Map<String, Account> now =
                      people.byPhones(chunk.stream().map(Work::phone).toList());
                  for (Work w : chunk) {
                    Account existing = now.get(w.phone());
                    long id;
                    if (existing == null) {
                      id = people.invite(w.phone(), w.name(), w.role(), w.nodeId(), admin.id());
                    } else {
                      id = existing.id();
                      people.place(id, w.name(), w.role(), w.nodeId());
                      if (existing.deactivatedAt() != null) {
                        people.reactivate(id);
                      }
                    }
                    if (w.leadsGridId() != null
                        && !Objects.equals(
                            grids.currentLeaderIds(List.of(w.leadsGridId())).get(w.leadsGridId()),
                            id)) {
                      people.lead(w.leadsGridId(), id, admin.id());
                    }
                  }
                }));
  }

  private String e164(String raw) {
    return phones.e164(raw).orElse(null);
  }

  static Role role(String raw) {
    return switch (raw.trim().toUpperCase(Locale.ROOT)) {
      case "GRID_WORKER", "网格员" -> Role.GRID_WORKER;
      case "GRID_LEADER", "网格长" -> Role.GRID_LEADER;
      case "COMMUNITY_ADMIN", "社区管理员" -> Role.COMMUNITY_ADMIN;
      case "STREET_ADMIN", "街道管理员" -> Role.STREET_ADMIN;
      case "DISTRICT_ADMIN", "区管理员", "区县管理员" -> Role.DISTRICT_ADMIN;
      default -> null;
    };
  }
}
