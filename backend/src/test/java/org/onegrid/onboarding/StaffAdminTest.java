package org.onegrid.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.CityFiles;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Eventually;

/**
 * A grid leader leaves: their admin deactivates them, their session ends at once, they cannot sign
 * in again, the grid waits for a new leader, and the problem they had is handed back to the grid.
 * Built on a grid of its own, loaded through the import, so no demo leader is touched.
 */
@MicronautTest
class StaffAdminTest extends ApiTest {

  @Test
  void aLeaderWhoLeftIsSignedOutAndTheirOpenProblemGoesBackToTheGrid() {
    Browser city = staff(DemoCity.CITY_ADMIN);
    apply(
        city,
        "GRIDS",
        """
        code,name,level,parent_code
        SA1,离职测试区,district,4101
        SA1S,离职测试街道,street,SA1
        SA1C,离职测试社区,community,SA1S
        SA1Z,第一片区,zone,SA1C
        SA1G,离职测试网格,grid,SA1Z
        """);
    apply(city, "BUILDINGS", "grid_code,building,units\nSA1G,1号楼,1\n");
    apply(
        city,
        "STAFF",
        "name,phone,role,node_code,leader_of\n"
            + "离职网格长,13766660001,网格长,,SA1G\n"
            + "测试社区书记,13766660002,社区管理员,SA1C,\n");
    apply(
        city,
        "RESIDENTS",
        "phone,name,grid_code,building,unit,room\n13766660003,留守居民,SA1G,1号楼,1,101\n");

    Browser leader = browser();
    Browser.Reply login =
        leader.post(
            "/api/v1/auth/login",
            Map.of("phone", "13766660001", "password", temporaryPassword("+8613766660001")));
    assertThat(login.status()).as(login.text()).isEqualTo(200);
    Browser resident = resident("13766660003");
    Browser.Reply filed =
        resident.send(
            "POST",
            "/api/v1/problems",
            Map.of("categoryCode", "sanitation", "description", "楼道里的垃圾三天没人收"),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    String problem = "/api/v1/problems/" + filed.at("id");
    assertThat(leader.get(problem).text()).contains("离职网格长");

    Browser community = browser();
    assertThat(
            community
                .post(
                    "/api/v1/auth/login",
                    Map.of("phone", "13766660002", "password", temporaryPassword("+8613766660002")))
                .status())
        .isEqualTo(200);
    Object communityId = community.get("/api/v1/staff/home").at("node.id");
    List<Map<String, Object>> staffList =
        community.get("/api/v1/admin/nodes/" + communityId + "/staff").list();
    Object leaderId =
        staffList.stream()
            .filter(s -> s.get("name").equals("离职网格长"))
            .findFirst()
            .orElseThrow()
            .get("id");
    // The community's own admin cannot deactivate a peer or above; nobody outside reaches them.
    assertThat(
            staff(DemoCity.COMMUNITY_ADMIN_MINZHULU)
                .post("/api/v1/admin/staff/" + leaderId + "/deactivate", Map.of())
                .status())
        .isEqualTo(404);
    Browser.Reply gone =
        community.post("/api/v1/admin/staff/" + leaderId + "/deactivate", Map.of());
    assertThat(gone.status()).as(gone.text()).isEqualTo(200);
    assertThat(gone.<String>at("deactivatedAt")).isNotNull();

    // Signed out within seconds, and the password no longer works.
    assertThat(
            Eventually.read(
                Duration.ofSeconds(15),
                () -> leader.get("/api/v1/staff/home").status(),
                s -> s == 401))
        .isEqualTo(401);
    assertThat(
            browser()
                .post(
                    "/api/v1/auth/login",
                    Map.of("phone", "13766660001", "password", temporaryPassword("+8613766660001")))
                .status())
        .isEqualTo(401);
    // The grid waits for a new leader; the problem is the grid's again, with nobody's name on it.
    assertThat(community.get(problem).text()).doesNotContain("离职网格长");
    assertThat(community.get("/api/v1/staff/nodes/" + communityId + "/grid-leaders").text())
        .doesNotContain("离职网格长");
    assertThat(community.get("/api/v1/admin/audit").text()).contains("staff.deactivate");
  }

  @Test
  void anAdminInvitesOneMemberOfStaffWhoIsTextedAPassword() {
    Browser street = staff(DemoCity.STREET_ADMIN_JIANZHONG);
    Object node = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU).get("/api/v1/staff/home").at("node.id");
    Browser.Reply wrongLevel =
        street.post(
            "/api/v1/admin/nodes/" + node + "/staff",
            Map.of("name", "新网格员", "phone", "13766660011", "role", "GRID_WORKER"));
    assertThat(wrongLevel.status()).isEqualTo(400);
    Browser.Reply invited =
        street.post(
            "/api/v1/admin/nodes/" + node + "/staff",
            Map.of("name", "新社区干事", "phone", "13766660011", "role", "COMMUNITY_ADMIN"));
    assertThat(invited.status()).as(invited.text()).isEqualTo(201);
    assertThat(temporaryPassword("+8613766660011")).isNotBlank();
    assertThat(
            street
                .post(
                    "/api/v1/admin/nodes/" + node + "/staff",
                    Map.of("name", "又一个", "phone", "13766660011", "role", "COMMUNITY_ADMIN"))
                .status())
        .isEqualTo(409);
    assertThat(
            staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU)
                .get("/api/v1/admin/nodes/" + node + "/staff")
                .status())
        .isEqualTo(404);
  }

  @Test
  void anAdminMovesALeaderToAnotherPostAndResetsAForgottenPassword() {
    Browser city = staff(DemoCity.CITY_ADMIN);
    apply(
        city,
        "GRIDS",
        """
        code,name,level,parent_code
        SA2,调岗测试区,district,4101
        SA2S,调岗测试街道,street,SA2
        SA2C,调岗测试社区,community,SA2S
        SA2Z,第一片区,zone,SA2C
        SA2G1,一号网格,grid,SA2Z
        SA2G2,二号网格,grid,SA2Z
        """);
    apply(
        city,
        "STAFF",
        "name,phone,role,node_code,leader_of\n"
            + "调岗网格长,13766660021,网格长,,SA2G1\n"
            + "调岗社区书记,13766660022,社区管理员,SA2C,\n");
    Browser leader = CityFiles.signedInStaff(browser(), outbox, "13766660021");
    Browser community = CityFiles.signedInStaff(browser(), outbox, "13766660022");
    Object communityId = community.get("/api/v1/staff/home").at("node.id");
    Object leaderId =
        community
            .get("/api/v1/admin/nodes/" + communityId + "/staff?q=调岗网格长")
            .list()
            .get(0)
            .get("id");
    List<Map<String, Object>> grids =
        community.get("/api/v1/admin/node-search?level=GRID&q=二号").list();
    assertThat(grids).extracting(g -> g.get("name")).containsExactly("二号网格");
    Object g1 =
        community.get("/api/v1/admin/node-search?level=GRID&q=SA2G1").list().get(0).get("id");

    // A grid leader becomes a grid worker of the other grid: 一号网格 waits for a new leader.
    Browser.Reply wrong =
        community.put(
            "/api/v1/admin/staff/" + leaderId,
            Map.of("role", "COMMUNITY_ADMIN", "nodeId", grids.get(0).get("id")));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(
            community
                .put(
                    "/api/v1/admin/staff/" + leaderId,
                    Map.of("role", "STREET_ADMIN", "nodeId", communityId))
                .status())
        .isIn(400, 403);
    Browser.Reply moved =
        community.put(
            "/api/v1/admin/staff/" + leaderId,
            Map.of("role", "GRID_WORKER", "nodeId", grids.get(0).get("id")));
    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    assertThat(moved.<String>at("node.name")).isEqualTo("二号网格");
    assertThat(community.get("/api/v1/staff/nodes/" + g1).<Object>at("leader")).isNull();
    assertThat(community.get("/api/v1/grids/" + g1 + "/leaders").text()).contains("调岗网格长");
    assertThat(leader.get("/api/v1/staff/home").status()).isEqualTo(401);
    assertThat(
            staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU)
                .put(
                    "/api/v1/admin/staff/" + leaderId,
                    Map.of("role", "GRID_LEADER", "nodeId", grids.get(0).get("id")))
                .status())
        .isEqualTo(404);

    // A forgotten password: the old one stops working, a new one is texted and works.
    String old = temporaryPassword("+8613766660021");
    Browser.Reply reset =
        community.post("/api/v1/staff/members/" + leaderId + "/password-reset", Map.of());
    assertThat(reset.status()).as(reset.text()).isIn(200, 204);
    assertThat(
            browser()
                .post("/api/v1/auth/login", Map.of("phone", "13766660021", "password", old))
                .status())
        .isEqualTo(401);
    Eventually.read(
        Duration.ofSeconds(30), () -> outbox.sentTo("+8613766660021", 5), s -> s.size() >= 2);
    String fresh =
        outbox
            .sentTo("+8613766660021", 1)
            .get(0)
            .body()
            .replaceAll("(?s).*临时密码：([A-Za-z0-9]+).*", "$1");
    assertThat(fresh).isNotEqualTo(old);
    assertThat(
            browser()
                .post("/api/v1/auth/login", Map.of("phone", "13766660021", "password", fresh))
                .status())
        .isEqualTo(200);
    assertThat(community.get("/api/v1/admin/audit").text())
        .contains("staff.repost")
        .contains("staff.reset-password");
  }

  private void apply(Browser admin, String kind, String file) {
    CityFiles.apply(admin, kind, "t.csv", file);
  }

  private String temporaryPassword(String e164) {
    return CityFiles.temporaryPassword(outbox, e164);
  }
}
