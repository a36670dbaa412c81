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

/** A problem in the wrong grid is handed on, with a reason, to be accepted there anew. */
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
        leader1.get("/api/v1/problems/" + id + "/transfer-targets").list();
    Object grid2 =
        targets.stream()
            .filter(t -> t.get("name").equals("第2网格"))
            .findFirst()
            .orElseThrow()
            .get("id");
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
}
