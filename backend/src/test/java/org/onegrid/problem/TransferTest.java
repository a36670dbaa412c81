package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Departments;

/**
 * A problem in the wrong grid is handed on, with a reason, to be accepted there anew; one the grid
 * cannot fix goes to a department, which is texted, and the grid records what came of it.
 */
@MicronautTest
class TransferTest extends ApiTest {

  @Test
  void aLeaderHandsAProblemToTheNeighbouringGrid() {
    Resident reporter = residentOfMinzhulu1("蒋大妈", "801");
    long id =
        reporter
            .browser()
            .send(
                "POST",
                "/api/v1/problems",
                Map.of("categoryCode", "public_order", "description", "第2网格那边有人占道经营"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()))
            .<Number>at("id")
            .longValue();
    Browser leader1 = staff(DemoCity.LEADER_MINZHULU_1);
    List<Map<String, Object>> targets =
        leader1.get("/api/v1/problems/" + id + "/transfer-targets").at("grids");
    Object grid2 = Departments.targetId(leader1, id, "grids", "第2网格");
    assertThat(targets).noneMatch(t -> t.get("name").equals("第1网格"));

    assertThat(
            leader1
                .post(
                    "/api/v1/problems/" + id + "/transfer", Map.of("gridId", grid2, "reason", " "))
                .status())
        .isEqualTo(400);
    Browser.Reply moved =
        leader1.post(
            "/api/v1/problems/" + id + "/transfer", Map.of("gridId", grid2, "reason", "在第2网格范围"));
    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    assertThat(moved.<String>at("gridName")).isEqualTo("第2网格");
    assertThat(moved.<String>at("state")).isEqualTo("SUBMITTED");

    assertThat(leader1.get("/api/v1/problems/" + id).status()).isEqualTo(404);
    Browser leader2 = staff(DemoCity.LEADER_MINZHULU_2);
    assertThat(leader2.get("/api/v1/staff/problems?state=SUBMITTED").list())
        .anySatisfy(p -> assertThat(((Number) p.get("id")).longValue()).isEqualTo(id));
    assertThat(outbox.sentTo("+86" + DemoCity.LEADER_MINZHULU_2, 50))
        .anySatisfy(m -> assertThat(m.body()).contains("占道经营"));
    List<Map<String, Object>> timeline =
        reporter.browser().get("/api/v1/problems/" + id).at("timeline");
    assertThat(timeline.get(timeline.size() - 1).get("action")).isEqualTo("TRANSFER");
    assertThat((String) timeline.get(timeline.size() - 1).get("reason")).contains("在第2网格范围");
  }

  long report(Resident reporter, String category, String description) {
    return reporter
        .browser()
        .send(
            "POST",
            "/api/v1/problems",
            Map.of("categoryCode", category, "description", description),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()))
        .<Number>at("id")
        .longValue();
  }

  @Test
  void aLeaderHandsAProblemToADepartmentAndRecordsItsFix() {
    Resident reporter = residentOfMinzhulu1("蔡大爷", "802");
    long id = report(reporter, "water_supply", "5号楼4单元水表井低洼进污水");
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    Object water = Departments.targetId(leader, id, "departments", "自来水公司");

    assertThat(
            leader
                .post(
                    "/api/v1/problems/" + id + "/transfer",
                    Map.of("gridId", 1, "departmentId", water, "reason", "两个都填"))
                .status())
        .isEqualTo(400);
    Browser.Reply handed =
        leader.post(
            "/api/v1/problems/" + id + "/transfer",
            Map.of("departmentId", water, "reason", "水表井归自来水公司维修"));
    assertThat(handed.status()).as(handed.text()).isEqualTo(200);
    assertThat(handed.<String>at("state")).isEqualTo("TRANSFERRED");
    assertThat(handed.<String>at("departmentName")).isEqualTo("自来水公司");
    assertThat(handed.<List<String>>at("allowedActions")).containsExactly("RESOLVE", "TAKE_BACK");
    assertThat(outbox.sentTo("+8637167100001", 50))
        .anySatisfy(
            m ->
                assertThat(m.body())
                    .contains("编号 " + id)
                    .contains("水表井低洼进污水")
                    .contains("水表井归自来水公司维修"));

    // The leader still sees it; the department sent it back, so the grid works on it again.
    assertThat(
            leader
                .post("/api/v1/problems/" + id + "/actions", Map.of("action", "TAKE_BACK"))
                .status())
        .isEqualTo(400);
    Browser.Reply back =
        leader.post(
            "/api/v1/problems/" + id + "/actions",
            Map.of("action", "TAKE_BACK", "reason", "自来水公司说井在小区红线内，归物业"));
    assertThat(back.<String>at("state")).isEqualTo("IN_PROGRESS");
    assertThat(back.<String>at("departmentName")).isNull();

    // Handed again, and this time the department fixes it.
    leader.post(
        "/api/v1/problems/" + id + "/transfer",
        Map.of("departmentId", water, "reason", "物业无资质，再请自来水公司"));
    Browser.Reply fixed =
        leader.post(
            "/api/v1/problems/" + id + "/actions",
            Map.of("action", "RESOLVE", "reason", "自来水公司已抬高井口"));
    assertThat(fixed.<String>at("state")).isEqualTo("RESOLVED");

    List<Map<String, Object>> timeline =
        reporter.browser().get("/api/v1/problems/" + id).at("timeline");
    assertThat(timeline)
        .extracting(e -> e.get("action"))
        .containsSubsequence("TRANSFER_DEPARTMENT", "TAKE_BACK", "TRANSFER_DEPARTMENT", "RESOLVE");
  }
}
