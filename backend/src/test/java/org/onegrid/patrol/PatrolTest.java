package org.onegrid.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Images;

/** 李秀英 patrols 民主路社区 第1网格: her diary, its findings as problems, who may read it. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatrolTest extends ApiTest {

  private Browser leader;
  private long grid;
  private long unitOfGrid;

  @BeforeAll
  void theLeaderSignsIn() {
    leader = staff(DemoCity.LEADER_MINZHULU_1);
    grid = leader.get("/api/v1/me").<Number>at("staffNode.id").longValue();
    List<Map<String, Object>> path = leader.get("/api/v1/me").at("staffPath");
    long community =
        path.stream()
            .filter(n -> "COMMUNITY".equals(n.get("level")))
            .map(n -> ((Number) n.get("id")).longValue())
            .findFirst()
            .orElseThrow();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> units =
        (List<Map<String, Object>>)
            leader
                .get("/api/v1/communities/" + community + "/buildings")
                .list()
                .get(0)
                .get("units");
    unitOfGrid = ((Number) units.get(0).get("id")).longValue();
  }

  private String today() {
    return LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
  }

  private Map<String, Object> patrol(long photoId) {
    return Map.of(
        "gridId",
        grid,
        "date",
        today(),
        "area",
        "1-5号楼",
        "notes",
        "傍晚巡查，楼道总体整洁",
        "photoIds",
        List.of(photoId),
        "findings",
        List.of(
            Map.of(
                "categoryCode", "facility_repair",
                "description", "1号楼1单元楼道灯不亮",
                "unitId", unitOfGrid),
            Map.of("categoryCode", "sanitation", "description", "3号楼东侧垃圾桶满溢")));
  }

  @Test
  void aPatrolWithTwoFindingsFilesTwoPatrolProblemsOnceAndSupervisorsReadIt() {
    long photo =
        leader
            .send("POST", "/api/v1/photos", Images.png(), Map.of("Content-Type", "image/png"))
            .<Number>at("id")
            .longValue();
    String key = UUID.randomUUID().toString();
    Browser.Reply logged =
        leader.send("POST", "/api/v1/staff/patrols", patrol(photo), Map.of("Idempotency-Key", key));
    assertThat(logged.status()).as(logged.text()).isEqualTo(201);
    assertThat(logged.<List<?>>at("findings")).hasSize(2);
    assertThat(logged.<String>at("findings.0.source")).isEqualTo("PATROL");
    Browser.Reply retried =
        leader.send("POST", "/api/v1/staff/patrols", patrol(photo), Map.of("Idempotency-Key", key));
    assertThat(retried.<Number>at("id")).isEqualTo(logged.<Number>at("id"));
    assertThat(leader.get("/api/v1/staff/problems?source=PATROL").list())
        .filteredOn(p -> String.valueOf(p.get("description")).contains("垃圾桶满溢"))
        .hasSize(1);

    Browser admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    long community = admin.get("/api/v1/me").<Number>at("staffNode.id").longValue();
    List<Map<String, Object>> diary = admin.get("/api/v1/staff/patrols?nodeId=" + community).list();
    assertThat(diary)
        .anySatisfy(
            p -> {
              assertThat(p.get("area")).isEqualTo("1-5号楼");
              assertThat(p.get("authorName")).isEqualTo(DemoCity.LEADER_MINZHULU_1_NAME);
              assertThat((List<?>) p.get("findings")).hasSize(2);
            });
    String photoUrl = logged.at("photos.0.url");
    assertThat(admin.get(photoUrl).status()).isEqualTo(200);

    Resident resident = residentOfMinzhulu1("巡查", "2101");
    Browser otherAdmin = staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU);
    assertThat(resident.browser().get(photoUrl).status()).isEqualTo(404);
    assertThat(otherAdmin.get(photoUrl).status()).isEqualTo(404);
    assertThat(otherAdmin.get("/api/v1/staff/patrols?nodeId=" + community).status()).isEqualTo(404);
    assertThat(resident.browser().get("/api/v1/staff/patrols?nodeId=" + community).status())
        .isEqualTo(403);
  }

  @Test
  void onlyStaffOfTheGridLogItsPatrolsForRecentDaysAndPlacesInIt() {
    Map<String, Object> base =
        Map.of("gridId", grid, "date", today(), "area", "全网格", "photoIds", List.of());
    assertThat(staff(DemoCity.LEADER_MINZHULU_2).post("/api/v1/staff/patrols", base).status())
        .isEqualTo(404);
    Map<String, Object> future = new HashMap<>(base);
    future.put("date", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).toString());
    assertThat(leader.post("/api/v1/staff/patrols", future).status()).isEqualTo(400);
    Map<String, Object> elsewhere = new HashMap<>(base);
    elsewhere.put(
        "findings",
        List.of(Map.of("categoryCode", "other", "description", "别处", "unitId", 999_999)));
    assertThat(leader.post("/api/v1/staff/patrols", elsewhere).status()).isEqualTo(400);
  }
}
