package org.onegrid.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.dashboard.StatsJob;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.CityFiles;
import org.onegrid.support.DemoCity;

/**
 * A street reshapes its grids: a new grid takes a building from another (a split), a grid is merged
 * into its neighbour, a grid moves to another community, an empty grid is retired. Residents, their
 * open problems (with a line in the timeline), staff and the dashboard's figures follow; a retired
 * code is never used again. Built on a street of its own, loaded through the import.
 */
@MicronautTest
class TreeChangesTest extends ApiTest {

  @Inject StatsJob stats;

  @Test
  void buildingsProblemsAndStaffFollowASplitAMergeAndAMove() {
    Browser city = staff(DemoCity.CITY_ADMIN);
    CityFiles.apply(
        city,
        "GRIDS",
        "t.csv",
        """
        code,name,level,parent_code
        TC1,调整测试区,district,4101
        TC1S,调整测试街道,street,TC1
        TC1C,东社区,community,TC1S
        TC1Z,东片区,zone,TC1C
        TC1G1,甲网格,grid,TC1Z
        TC1G2,乙网格,grid,TC1Z
        TC2C,西社区,community,TC1S
        TC2Z,西片区,zone,TC2C
        """);
    CityFiles.apply(
        city,
        "BUILDINGS",
        "t.csv",
        "grid_code,building,units\nTC1G1,1号楼,1\nTC1G1,2号楼,1\nTC1G2,1号楼,1\n");
    CityFiles.apply(
        city,
        "STAFF",
        "t.csv",
        "name,phone,role,node_code,leader_of\n"
            + "甲网格长,13766670001,网格长,,TC1G1\n"
            + "乙网格长,13766670002,网格长,,TC1G2\n"
            + "东社区书记,13766670005,社区管理员,TC1C,\n");
    CityFiles.apply(
        city,
        "RESIDENTS",
        "t.csv",
        "phone,name,grid_code,building,unit,room\n"
            + "13766670003,二号楼居民,TC1G1,2号楼,1,201\n"
            + "13766670004,一号楼居民,TC1G1,1号楼,1,101\n");
    Browser east = CityFiles.signedInStaff(browser(), outbox, "13766670005");
    long zone =
        east.get("/api/v1/staff/home").<List<Map<String, Object>>>at("children").stream()
            .map(c -> ((Number) ((Map<?, ?>) c.get("node")).get("id")).longValue())
            .findFirst()
            .orElseThrow();
    Map<String, Long> grids = childIds(east, zone);
    long g1 = grids.get("甲网格");
    long g2 = grids.get("乙网格");

    Browser second = resident("13766670003");
    String secondProblem = report(second, "楼道灯坏了");
    Browser first = resident("13766670004");
    String firstProblem = report(first, "门禁坏了");

    // A split: a new grid under the zone takes 2号楼, and the open problem there goes with it.
    Object g3 =
        east.post(
                "/api/v1/admin/nodes/" + zone + "/children", Map.of("code", "TC1G3", "name", "丙网格"))
            .at("id");
    Object twoHao =
        east.get("/api/v1/staff/nodes/" + g1).<List<Map<String, Object>>>at("buildings").stream()
            .filter(b -> b.get("name").equals("2号楼"))
            .findFirst()
            .orElseThrow()
            .get("id");
    Browser.Reply moved =
        east.post(
            "/api/v1/admin/grids/" + g1 + "/buildings/move",
            Map.of("toGridId", g3, "buildingIds", List.of(twoHao)));
    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    assertThat(moved.<Integer>at("problems")).isEqualTo(1);
    assertThat(second.get("/api/v1/me").<Object>at("home.gridId")).isEqualTo(g3);
    assertThat(second.get(secondProblem).text()).contains("REGRID").contains("甲网格 → 丙网格");

    // A merge: 甲 into 乙. Its 1号楼 meets 乙's 1号楼 and is renamed; its leader is placed at 乙.
    Browser.Reply merged = east.post("/api/v1/admin/grids/" + g1 + "/merge", Map.of("gridId", g2));
    assertThat(merged.status()).as(merged.text()).isEqualTo(200);
    assertThat(merged.<Map<String, Object>>at("renamed")).containsEntry("1号楼", "1号楼（甲网格）");
    assertThat(merged.<Integer>at("problems")).isEqualTo(1);
    assertThat(merged.<Integer>at("staff")).isEqualTo(1);
    assertThat(first.get("/api/v1/me").<Object>at("home.gridId")).isEqualTo((int) g2);
    Browser leaderB = CityFiles.signedInStaff(browser(), outbox, "13766670002");
    assertThat(leaderB.get(firstProblem).text()).contains("甲网格 → 乙网格");
    assertThat(childIds(east, zone)).containsOnlyKeys("乙网格", "丙网格");
    assertThat(east.post("/api/v1/admin/grids/" + g1 + "/merge", Map.of("gridId", g2)).status())
        .isEqualTo(404);
    // The retired code is refused by the files too.
    Browser.Reply check =
        city.post(
            "/api/v1/admin/imports/BUILDINGS/dry-run?name=t.csv",
            "grid_code,building,units\nTC1G1,9号楼,1\n");
    assertThat(check.text()).contains("REFUSE").contains("网格编码“TC1G1”不存在");

    // A grid moves to the western community; the dashboards of both recount.
    stats.refresh();
    long eastId = east.get("/api/v1/me").<Number>at("staffNode.id").longValue();
    int eastBefore = reported(city, eastId);
    List<Map<String, Object>> choices =
        east.get("/api/v1/admin/nodes/" + g2 + "/parent-choices?q=西").list();
    assertThat(choices).isEmpty(); // the west is outside the community admin's reach
    Map<String, Object> west =
        city.get("/api/v1/admin/nodes/" + g2 + "/parent-choices?q=西").list().get(0);
    assertThat(west.get("name")).isEqualTo("西片区");
    Browser.Reply away =
        city.post("/api/v1/admin/nodes/" + g2 + "/move", Map.of("parentId", west.get("id")));
    assertThat(away.status()).as(away.text()).isEqualTo(200);
    stats.refresh();
    assertThat(reported(city, eastId)).isEqualTo(eastBefore - 1);
    long westCommunity =
        ((Number)
                city.get("/api/v1/staff/nodes/" + west.get("id"))
                    .<List<Map<String, Object>>>at("path")
                    .get(4)
                    .get("id"))
            .longValue();
    assertThat(reported(city, westCommunity)).isEqualTo(1);
    assertThat(east.get("/api/v1/staff/nodes/" + g2).status()).isEqualTo(404);

    // Retiring: refused while 丙网格 still has a building, done once it has none.
    Browser.Reply notEmpty = east.post("/api/v1/admin/nodes/" + g3 + "/retire", Map.of());
    assertThat(notEmpty.status()).isEqualTo(409);
    assertThat(notEmpty.text()).contains("1 栋楼");
    Object empty =
        east.post(
                "/api/v1/admin/nodes/" + zone + "/children", Map.of("code", "TC1G4", "name", "丁网格"))
            .at("id");
    assertThat(east.post("/api/v1/admin/nodes/" + empty + "/retire", Map.of()).status())
        .isEqualTo(200);
    assertThat(east.post("/api/v1/admin/nodes/" + empty + "/retire", Map.of()).status())
        .isEqualTo(200);
    assertThat(east.get("/api/v1/admin/audit").text())
        .contains("tree.merge")
        .contains("tree.buildings")
        .contains("tree.retire");
  }

  private String report(Browser resident, String text) {
    Object unit = resident.get("/api/v1/me").at("home.unitId");
    Browser.Reply filed =
        resident.send(
            "POST",
            "/api/v1/problems",
            Map.of("categoryCode", "sanitation", "description", text, "unitId", unit),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    return "/api/v1/problems/" + filed.at("id");
  }

  private static Map<String, Long> childIds(Browser admin, long node) {
    Map<String, Long> out = new LinkedHashMap<>();
    admin
        .get("/api/v1/staff/nodes/" + node)
        .<List<Map<String, Object>>>at("children")
        .forEach(
            c -> {
              Map<?, ?> n = (Map<?, ?>) c.get("node");
              out.put((String) n.get("name"), ((Number) n.get("id")).longValue());
            });
    return out;
  }

  private static int reported(Browser admin, long node) {
    return ((Number)
            admin
                .get("/api/v1/staff/dashboard?nodeId=" + node)
                .<Map<String, Object>>at("total")
                .get("reported"))
        .intValue();
  }
}
