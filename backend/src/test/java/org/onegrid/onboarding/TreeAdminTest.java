package org.onegrid.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/** Admins add and rename nodes of their own subtree, and nothing outside it. */
@MicronautTest
class TreeAdminTest extends ApiTest {

  @Test
  void aCityAdminAddsADistrictAndRenamesItAndADistrictAdminCannotReachIt() {
    Browser city = staff(DemoCity.CITY_ADMIN);
    Object root = city.get("/api/v1/staff/home").at("node.id");
    Browser.Reply added =
        city.post(
            "/api/v1/admin/nodes/" + root + "/children", Map.of("code", "TA1", "name", "新建区"));
    assertThat(added.status()).as(added.text()).isEqualTo(201);
    assertThat(added.<String>at("level")).isEqualTo("DISTRICT");
    Object district = added.at("id");
    assertThat(
            city.post(
                    "/api/v1/admin/nodes/" + root + "/children",
                    Map.of("code", "TA1", "name", "重复"))
                .status())
        .isEqualTo(409);
    Browser.Reply street =
        city.post(
            "/api/v1/admin/nodes/" + district + "/children", Map.of("code", "TA1S", "name", "新街道"));
    assertThat(street.<String>at("level")).isEqualTo("STREET");
    Browser.Reply renamed = city.put("/api/v1/admin/nodes/" + district, Map.of("name", "新设区"));
    assertThat(renamed.<String>at("name")).isEqualTo("新设区");
    assertThat(city.get("/api/v1/staff/nodes/" + root).text()).contains("新设区");
    assertThat(city.get("/api/v1/admin/audit").text()).contains("tree.rename").contains("新建区");

    Browser erqi = staff(DemoCity.DISTRICT_ADMIN_ERQI);
    assertThat(
            erqi.post(
                    "/api/v1/admin/nodes/" + district + "/children",
                    Map.of("code", "TA2", "name", "越界"))
                .status())
        .isEqualTo(404);
    assertThat(erqi.put("/api/v1/admin/nodes/" + district, Map.of("name", "越界")).status())
        .isEqualTo(404);
    // Nobody renames their own node; a grid has nothing below it.
    Object own = erqi.get("/api/v1/staff/home").at("node.id");
    assertThat(erqi.put("/api/v1/admin/nodes/" + own, Map.of("name", "自己改名")).status())
        .isEqualTo(403);
    Object grid = city.get("/api/v1/grid-nodes/locate?lat=34.7481&lng=113.6411").at("id");
    assertThat(
            city.post(
                    "/api/v1/admin/nodes/" + grid + "/children", Map.of("code", "TA3", "name", "x"))
                .status())
        .isEqualTo(400);
  }
}
