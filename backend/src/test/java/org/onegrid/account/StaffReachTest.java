package org.onegrid.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Phones;

/** Everyone sees and acts only within their own part of the grid tree, endpoint by endpoint. */
@MicronautTest
class StaffReachTest extends ApiTest {

  long gridOf(Browser staff) {
    return ((Number) staff.get("/api/v1/me").at("staffNode.id")).longValue();
  }

  @Test
  void aGridLeaderSeesTheirGridButNotTheNextOne() {
    Browser leader1 = staff(DemoCity.LEADER_MINZHULU_1);
    Browser leader2 = staff(DemoCity.LEADER_MINZHULU_2);
    long grid1 = gridOf(leader1);
    long grid2 = gridOf(leader2);

    Browser.Reply own = leader1.get("/api/v1/staff/nodes/" + grid1);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.<String>at("leader.name")).isEqualTo(DemoCity.LEADER_MINZHULU_1_NAME);
    assertThat(leader1.get("/api/v1/grids/" + grid1 + "/residents").status()).isEqualTo(200);

    assertThat(leader1.get("/api/v1/staff/nodes/" + grid2).status()).isEqualTo(404);
    assertThat(leader1.get("/api/v1/grids/" + grid2 + "/residents").status()).isEqualTo(404);
    assertThat(leader1.get("/api/v1/grids/" + grid2 + "/leaders").status()).isEqualTo(404);
  }

  @Test
  void aLeaderSeesFullPhonesOfTheirResidentsAndAnAdminAboveSeesThemMasked() {
    Browser leader1 = staff(DemoCity.LEADER_MINZHULU_1);
    long grid1 = gridOf(leader1);
    List<Map<String, Object>> rows =
        leader1.get("/api/v1/grids/" + grid1 + "/residents").at("items");
    assertThat(rows)
        .anySatisfy(r -> assertThat(r.get("phone")).isEqualTo("+86" + DemoCity.RESIDENT_ZHANG));

    Browser admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    List<Map<String, Object>> seenByAdmin =
        admin.get("/api/v1/grids/" + grid1 + "/residents").at("items");
    assertThat(seenByAdmin).anySatisfy(r -> assertThat(r.get("phone")).isEqualTo("139****0001"));
  }

  @Test
  void anAdminReachesTheirSubtreeOnly() {
    Browser minzhulu = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    Browser huanghelu = staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU);
    long minzhuluGrid = gridOf(staff(DemoCity.LEADER_MINZHULU_1));
    assertThat(minzhulu.get("/api/v1/staff/nodes/" + minzhuluGrid).status()).isEqualTo(200);
    assertThat(huanghelu.get("/api/v1/staff/nodes/" + minzhuluGrid).status()).isEqualTo(404);

    Browser city = staff(DemoCity.CITY_ADMIN);
    Browser.Reply root = city.get("/api/v1/staff/home");
    assertThat(root.<String>at("node.name")).isEqualTo("郑州市");
    List<Map<String, Object>> districts = root.at("children");
    assertThat(
            districts.stream().map(d -> (String) ((Map<?, ?>) d.get("node")).get("name")).toList())
        .contains("二七区", "金水区", "惠济区");
    assertThat(city.get("/api/v1/staff/nodes/" + minzhuluGrid).status()).isEqualTo(200);
  }

  @Test
  void residentsCannotUseStaffEndpoints() {
    Browser resident = browser();
    signIn().resident(resident, Phones.fresh());
    long grid1 = gridOf(staff(DemoCity.LEADER_MINZHULU_1));
    assertThat(resident.get("/api/v1/staff/home").status()).isEqualTo(403);
    assertThat(resident.get("/api/v1/staff/nodes/" + grid1).status()).isEqualTo(403);
    assertThat(resident.get("/api/v1/grids/" + grid1 + "/residents").status()).isEqualTo(403);
    assertThat(
            resident
                .post(
                    "/api/v1/residents",
                    Map.of("phone", Phones.fresh(), "name", "x", "unitId", 1, "room", "1"))
                .status())
        .isEqualTo(403);
  }

  @Test
  void anonymousCallersAreAskedToSignIn() {
    Browser anonymous = browser();
    for (String path : new String[] {"/api/v1/me", "/api/v1/staff/home", "/api/v1/communities"}) {
      Browser.Reply reply = anonymous.get(path);
      assertThat(reply.status()).as(path).isEqualTo(401);
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    }
  }

  @Test
  void aLeaderRegistersAnElderlyResidentWhoLaterSignsInByCode() {
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    long grid = gridOf(leader);
    Map<String, Object> detail = leader.get("/api/v1/staff/nodes/" + grid).body();
    @SuppressWarnings("unchecked")
    Map<String, Object> building = ((List<Map<String, Object>>) detail.get("buildings")).get(0);
    @SuppressWarnings("unchecked")
    Object unitId = ((List<Map<String, Object>>) building.get("units")).get(1).get("id");
    String phone = Phones.fresh();

    Browser.Reply registered =
        leader.post(
            "/api/v1/residents",
            Map.of("phone", phone, "name", "赵奶奶", "unitId", unitId, "room", "501"));
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    assertThat(registered.<String>at("phone")).isEqualTo("+86" + phone);

    Browser again = leader;
    assertThat(
            again
                .post(
                    "/api/v1/residents",
                    Map.of("phone", phone, "name", "赵奶奶", "unitId", unitId, "room", "501"))
                .status())
        .isEqualTo(409);

    Browser grandma = browser();
    Browser.Reply me = signIn().resident(grandma, phone);
    assertThat(me.<Boolean>at("needsHome")).isFalse();
    assertThat(me.<String>at("name")).isEqualTo("赵奶奶");
    assertThat(me.<String>at("home.room")).isEqualTo("501");
    assertThat(me.<String>at("gridLeader.name")).isEqualTo(DemoCity.LEADER_MINZHULU_1_NAME);
  }

  @Test
  void aLeaderCannotRegisterResidentsInAnotherGrid() {
    Browser leader2 = staff(DemoCity.LEADER_MINZHULU_2);
    Browser leader1 = staff(DemoCity.LEADER_MINZHULU_1);
    Map<String, Object> grid1 = leader1.get("/api/v1/staff/nodes/" + gridOf(leader1)).body();
    @SuppressWarnings("unchecked")
    Object unitInGrid1 =
        ((List<Map<String, Object>>)
                ((List<Map<String, Object>>) grid1.get("buildings")).get(0).get("units"))
            .get(0)
            .get("id");
    Browser.Reply reply =
        leader2.post(
            "/api/v1/residents",
            Map.of("phone", Phones.fresh(), "name", "x", "unitId", unitInGrid1, "room", "9"));
    assertThat(reply.status()).isEqualTo(404);
  }

  @Test
  void anAdminChoosesLeadersFromTheirOwnSubtreeOnly() {
    Browser admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    long community = ((Number) admin.get("/api/v1/me").at("staffNode.id")).longValue();
    List<Map<String, Object>> leaders =
        admin.get("/api/v1/staff/nodes/" + community + "/grid-leaders").list();
    assertThat(leaders)
        .extracting(l -> l.get("name"))
        .contains(DemoCity.LEADER_MINZHULU_1_NAME)
        .hasSize(3);
    assertThat(
            staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU)
                .get("/api/v1/staff/nodes/" + community + "/grid-leaders")
                .status())
        .isEqualTo(404);
    assertThat(
            staff(DemoCity.LEADER_MINZHULU_1)
                .get("/api/v1/staff/nodes/" + community + "/grid-leaders")
                .status())
        .isIn(403, 404);
  }

  /** The grid's current leader by its history, or null when it has none. */
  Long currentLeaderOf(Browser admin, long grid) {
    List<Map<String, Object>> terms = admin.get("/api/v1/grids/" + grid + "/leaders").list();
    return terms.stream()
        .filter(t -> t.get("endedAt") == null)
        .map(t -> ((Number) t.get("leaderId")).longValue())
        .findFirst()
        .orElse(null);
  }

  @Test
  void aCommunityAdminChangesAGridLeaderAndTheOldOneBecomesHistory() {
    Browser admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    Browser leader2 = staff(DemoCity.LEADER_MINZHULU_2);
    long grid2 = gridOf(leader2);
    long leader2Id = ((Number) leader2.get("/api/v1/me").at("id")).longValue();
    Browser leader1 = staff(DemoCity.LEADER_MINZHULU_1);
    long grid1 = gridOf(leader1);
    long leader1Id = ((Number) leader1.get("/api/v1/me").at("id")).longValue();

    Browser.Reply history =
        admin.put("/api/v1/grids/" + grid2 + "/leader", Map.of("leaderId", leader1Id));
    assertThat(history.status()).as(history.text()).isEqualTo(200);
    List<Map<String, Object>> terms = history.list();
    assertThat(terms.get(0).get("leaderId")).isEqualTo((int) leader1Id);
    assertThat(terms.get(0).get("endedAt")).isNull();
    assertThat(terms.get(1).get("leaderId")).isEqualTo((int) leader2Id);
    assertThat(terms.get(1).get("endedAt")).isNotNull();
    // One source of truth: 李秀英 now leads grid 2 only. Grid 1 no longer lists her (its reports go
    // to the community admin, who reaches them), and her workbench is grid 2's.
    assertThat(currentLeaderOf(admin, grid1)).isNull();
    assertThat(gridOf(leader1)).isEqualTo(grid2);
    assertThat(leader1.get("/api/v1/staff/nodes/" + grid1).status()).isEqualTo(404);

    // Put things back for the other tests, and check a leader cannot do this themselves.
    assertThat(
            leader2
                .put("/api/v1/grids/" + grid2 + "/leader", Map.of("leaderId", leader2Id))
                .status())
        .isEqualTo(403);
    assertThat(
            admin.put("/api/v1/grids/" + grid2 + "/leader", Map.of("leaderId", leader2Id)).status())
        .isEqualTo(200);
    assertThat(
            admin.put("/api/v1/grids/" + grid1 + "/leader", Map.of("leaderId", leader1Id)).status())
        .isEqualTo(200);
    // Back exactly as before: each grid lists its own leader, whose workbench is that grid.
    assertThat(currentLeaderOf(admin, grid1)).isEqualTo(leader1Id);
    assertThat(currentLeaderOf(admin, grid2)).isEqualTo(leader2Id);
    assertThat(gridOf(staff(DemoCity.LEADER_MINZHULU_1))).isEqualTo(grid1);
    assertThat(gridOf(staff(DemoCity.LEADER_MINZHULU_2))).isEqualTo(grid2);
    assertThat(admin.get("/api/v1/admin/audit").text()).contains("grid.leader");
    assertThat(
            staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU)
                .put("/api/v1/grids/" + grid2 + "/leader", Map.of("leaderId", leader1Id))
                .status())
        .isEqualTo(404);
  }
}
