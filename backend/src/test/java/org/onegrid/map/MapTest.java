package org.onegrid.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.OwnCommunity;

/**
 * Maps as their users meet them: a resident's pin keeps the building and unit they chose and
 * decides the grid; the leader's map shows their open problems, pinned or at their building; the
 * city admin's map colours districts and drills down to a grid; nobody reads a map beyond their
 * reach. 民主路's first grid is 34.7472–34.7492 N × 113.6401–113.6431 E, the second just north.
 */
@MicronautTest
class MapTest extends ApiTest {

  private static long nodeOf(Browser staff) {
    return staff.get("/api/v1/me").<Number>at("staffNode.id").longValue();
  }

  private static Map<String, Object> report(Resident r, String text, Double lat, Double lng) {
    Map<String, Object> body = new HashMap<>();
    body.put("categoryCode", "sanitation");
    body.put("description", text);
    if (lat != null) {
      body.put("lat", lat);
      body.put("lng", lng);
    }
    Browser.Reply reply =
        r.browser()
            .send(
                "POST",
                "/api/v1/problems",
                body,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(reply.status()).isEqualTo(201);
    return reply.body();
  }

  @Test
  void aPinInTheHomeGridKeepsBuildingAndUnitAndAPinElsewhereMovesTheReport() {
    Resident r = residentOfMinzhulu1("地图", "4201");
    Map<String, Object> here = report(r, "单元门东侧垃圾桶满了", 34.7481, 113.6409);
    assertThat(here.get("gridName")).isEqualTo("第1网格");
    assertThat((String) here.get("place")).startsWith("1号楼 1单元");
    assertThat(((Number) here.get("lat")).doubleValue()).isEqualTo(34.7481);

    Map<String, Object> north = report(r, "北边路口垃圾堆", 34.7501, 113.6409);
    assertThat(north.get("gridName")).isEqualTo("第2网格");
    assertThat(north.get("place")).isNull();
  }

  @Test
  void theLeadersMapShowsOpenProblemsPinnedOrAtTheirBuildingAndNoOneElseReadsIt() {
    Resident r = residentOfMinzhulu1("地图二", "4202");
    long pinned = ((Number) report(r, "垃圾桶旁有碎玻璃", 34.7483, 113.6411).get("id")).longValue();
    Map<String, Object> unpinned = report(r, "楼道灯不亮", null, null);
    long atBuilding = ((Number) unpinned.get("id")).longValue();
    // Without a pin the problem stands where its building does (1号楼: 34.7482 N, 113.6406 E).
    assertThat(((Number) unpinned.get("lat")).doubleValue()).isEqualTo(34.7482);

    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    long grid = nodeOf(leader);
    Browser.Reply map = leader.get("/api/v1/map/nodes/" + grid);
    assertThat(map.status()).isEqualTo(200);
    List<Map<String, Object>> points = map.at("points");
    assertThat(points)
        .anySatisfy(
            p -> {
              assertThat(((Number) p.get("id")).longValue()).isEqualTo(pinned);
              assertThat(((Number) p.get("lat")).doubleValue()).isEqualTo(34.7483);
              assertThat(p.get("state")).isEqualTo("SUBMITTED");
            });
    assertThat(points)
        .anySatisfy(p -> assertThat(((Number) p.get("id")).longValue()).isEqualTo(atBuilding));
    assertThat(map.<List<?>>at("buildings")).hasSize(5);
    assertThat(map.<List<?>>at("outline")).hasSize(1);
    // A grid's map reads no dashboard figures (it has no child areas), yet shows the same path and
    // period as the grid's dashboard.
    Browser.Reply dashboard = leader.get("/api/v1/staff/dashboard?nodeId=" + grid);
    assertThat(map.<List<?>>at("path")).isEqualTo(dashboard.<List<?>>at("path"));
    assertThat(map.<List<?>>at("path")).hasSize(6);
    assertThat(map.<String>at("from")).isEqualTo(dashboard.<String>at("from"));
    assertThat(map.<String>at("to")).isEqualTo(dashboard.<String>at("to"));

    assertThat(staff(DemoCity.LEADER_MINZHULU_2).get("/api/v1/map/nodes/" + grid).status())
        .isEqualTo(404);
    assertThat(r.browser().get("/api/v1/map/nodes/" + grid).status()).isEqualTo(403);
    assertThat(browser().get("/api/v1/map/nodes/" + grid).status()).isEqualTo(401);
  }

  @Test
  void theCityMapColoursDistrictsFromTheSummariesAndDrillsDownToAGrid() {
    Browser city = staff(DemoCity.CITY_ADMIN);
    long root = nodeOf(city);
    Browser.Reply top = city.get("/api/v1/map/nodes/" + root);
    assertThat(top.status()).isEqualTo(200);
    assertThat(top.text().length()).isLessThan(1_000_000);
    List<Map<String, Object>> districts = top.at("areas");
    assertThat(districts).isNotEmpty();
    assertThat(top.<List<?>>at("points")).isEmpty();
    Map<String, Object> withGrids =
        districts.stream().filter(d -> d.get("outline") != null).findFirst().orElseThrow();
    assertThat(districts)
        .allSatisfy(d -> assertThat(d).containsKeys("open", "overdue", "reported"));

    // Down the tree, each time into the first area drawn, until the areas are grids.
    Map<String, Object> area = withGrids;
    Browser.Reply level = top;
    for (int depth = 0; depth < 4; depth++) {
      long id = ((Number) ((Map<?, ?>) area.get("node")).get("id")).longValue();
      level = city.get("/api/v1/map/nodes/" + id);
      assertThat(level.status()).isEqualTo(200);
      List<Map<String, Object>> areas = level.at("areas");
      area = areas.stream().filter(a -> a.get("outline") != null).findFirst().orElseThrow();
    }
    assertThat(level.<String>at("node.level")).isEqualTo("ZONE");
    assertThat(((Map<?, ?>) area.get("node")).get("level")).isEqualTo("GRID");
    assertThat(level.<List<?>>at("points")).isNotNull();
  }

  @Test
  void gridOutlinesForPlacingAReportAreOneCommunityAtMost() {
    Browser resident = resident(DemoCity.RESIDENT_ZHANG);
    long community =
        resident.get("/api/v1/communities?q=民主路").list().get(0).get("id") instanceof Number n
            ? n.longValue()
            : 0;
    List<Map<String, Object>> grids = resident.get("/api/v1/map/grids?under=" + community).list();
    assertThat(grids).hasSize(3);
    assertThat(grids).allSatisfy(g -> assertThat(g.get("outline")).isNotNull());
    long root = nodeOf(staff(DemoCity.CITY_ADMIN));
    Browser.Reply wide = resident.get("/api/v1/map/grids?under=" + root);
    assertThat(wide.status()).isEqualTo(400);
    assertThat(wide.text()).contains("社区");
    assertThat(resident.get("/api/v1/map/settings").<String>at("datum")).isEqualTo("WGS84");
  }

  @Test
  void theLayersCountWarningsNotYetAcknowledgedAndTodaysHotlineContactsPerArea() {
    OwnCommunity own = ownCommunity();
    Browser street = own.street();
    long streetNode = nodeOf(street);
    Map<String, Object> before =
        areaNamed(street.get("/api/v1/map/nodes/" + streetNode), own.name());
    assertThat(before).containsEntry("pendingWarnings", 0).containsEntry("hotlineToday", 0);

    Browser.Reply issued =
        street.send(
            "POST",
            "/api/v1/staff/warnings",
            Map.of(
                "nodeId", own.communityId(),
                "level", "BLUE",
                "title", "地图图层测试预警",
                "instructions", "检查楼道杂物",
                "validUntil", Instant.now().plusSeconds(86400).toString()),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(issued.status()).as(issued.text()).isEqualTo(201);
    Resident caller = residentOf(own.name(), "图层留言", "4203");
    assertThat(
            caller
                .browser()
                .send(
                    "POST",
                    "/api/v1/hotline/messages",
                    Map.of("text", "小区门口路灯不亮"),
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()))
                .status())
        .isEqualTo(201);

    // Its one grid owes an acknowledgement; one contact today.
    assertThat(areaNamed(street.get("/api/v1/map/nodes/" + streetNode), own.name()))
        .containsEntry("pendingWarnings", 1)
        .containsEntry("hotlineToday", 1);
  }

  private static Map<String, Object> areaNamed(Browser.Reply map, String name) {
    List<Map<String, Object>> areas = map.at("areas");
    return areas.stream()
        .filter(a -> name.equals(((Map<?, ?>) a.get("node")).get("name")))
        .findFirst()
        .orElseThrow();
  }
}
