package org.onegrid.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Phones;

/** A grid's boundary is GeoJSON in the API, and a GPS point inside it is placed in that grid. */
@MicronautTest
class GridBoundaryTest extends ApiTest {

  @Test
  void aPointIsPlacedInTheGridWhoseBoundaryHoldsIt() {
    Browser resident = browser();
    signIn().resident(resident, Phones.fresh());
    // The demo's 民主路社区 第1网格 covers 34.7472–34.7492 N, 113.6401–113.6431 E.
    Browser.Reply inside = resident.get("/api/v1/grid-nodes/locate?lat=34.7480&lng=113.6410");
    assertThat(inside.status()).isEqualTo(200);
    assertThat(inside.<String>at("name")).isEqualTo("第1网格");
    assertThat(resident.get("/api/v1/grid-nodes/locate?lat=0&lng=0").status()).isEqualTo(404);
    assertThat(resident.get("/api/v1/grid-nodes/locate?lat=91&lng=0").status()).isEqualTo(400);
  }

  @Test
  void anAdminRedrawsAGridAndLocatingFollows() {
    Browser admin = browser();
    signIn().staff(admin, DemoCity.COMMUNITY_ADMIN_MINZHULU);
    Browser leader = browser();
    signIn().staff(leader, DemoCity.LEADER_MINZHULU_2);
    long grid2 = ((Number) leader.get("/api/v1/me").at("staffNode.id")).longValue();

    Map<String, Object> farAway =
        Map.of(
            "type",
            "Polygon",
            "coordinates",
            List.of(
                List.of(
                    List.of(100.0, 10.0),
                    List.of(100.1, 10.0),
                    List.of(100.1, 10.1),
                    List.of(100.0, 10.1),
                    List.of(100.0, 10.0))));
    Browser.Reply set = admin.put("/api/v1/admin/nodes/" + grid2 + "/boundary", farAway);
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    assertThat(admin.get("/api/v1/grid-nodes/locate?lat=10.05&lng=100.05").<String>at("name"))
        .isEqualTo("第2网格");

    Browser.Reply bad =
        admin.put(
            "/api/v1/admin/nodes/" + grid2 + "/boundary",
            Map.of("type", "Point", "coordinates", List.of()));
    assertThat(bad.status()).isEqualTo(400);
    // A bow tie crosses itself; a shape over 第1网格 overlaps it: both refused, saying why.
    Browser.Reply bowTie =
        admin.put(
            "/api/v1/admin/nodes/" + grid2 + "/boundary",
            Map.of(
                "type",
                "Polygon",
                "coordinates",
                List.of(
                    List.of(
                        List.of(100.0, 10.0),
                        List.of(100.1, 10.1),
                        List.of(100.1, 10.0),
                        List.of(100.0, 10.1),
                        List.of(100.0, 10.0)))));
    assertThat(bowTie.status()).isEqualTo(400);
    assertThat(bowTie.text()).contains("不是一个简单的多边形");
    Browser.Reply overGrid1 =
        admin.put(
            "/api/v1/admin/nodes/" + grid2 + "/boundary",
            Map.of(
                "type",
                "Polygon",
                "coordinates",
                List.of(
                    List.of(
                        List.of(113.641, 34.748),
                        List.of(113.6412, 34.748),
                        List.of(113.6412, 34.7482),
                        List.of(113.641, 34.7482),
                        List.of(113.641, 34.748)))));
    assertThat(overGrid1.status()).isEqualTo(409);
    assertThat(overGrid1.text()).contains("第1网格");
    assertThat(leader.put("/api/v1/admin/nodes/" + grid2 + "/boundary", farAway).status())
        .isEqualTo(403);
  }
}
