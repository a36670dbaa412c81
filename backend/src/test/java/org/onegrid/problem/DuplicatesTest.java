package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.notify.OutboxMessage;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/**
 * "Me too" instead of a second report, and staff merging the duplicates that got through anyway.
 */
@MicronautTest
class DuplicatesTest extends ApiTest {

  long report(Browser who, String category, String text) {
    return who.send(
            "POST",
            "/api/v1/problems",
            Map.of("categoryCode", category, "description", text, "visibility", "PUBLIC"),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()))
        .<Number>at("id")
        .longValue();
  }

  List<String> updatesTo(String phone, long id) {
    return outbox.sentTo("+86" + phone, 50).stream()
        .map(OutboxMessage::body)
        .filter(b -> b.contains("编号 " + id + "）"))
        .toList();
  }

  @Test
  void aNeighbourSeesTheOpenReportSaysMeTooAndHearsTheFix() {
    Resident first = residentOfMinzhulu1("冯大姐", "601");
    Resident second = residentOfMinzhulu1("陈大哥", "602");
    long id = report(first.browser(), "facility_repair", "1号楼电梯停了");

    List<Map<String, Object>> similar =
        second.browser().get("/api/v1/problems/similar?category=facility_repair").list();
    assertThat(similar)
        .anySatisfy(p -> assertThat(((Number) p.get("id")).longValue()).isEqualTo(id));
    assertThat(second.browser().get("/api/v1/problems/similar?category=food_drug").list())
        .noneMatch(p -> ((Number) p.get("id")).longValue() == id);

    Browser.Reply followed = second.browser().post("/api/v1/problems/" + id + "/follow", Map.of());
    assertThat(followed.<Boolean>at("followers.following")).isTrue();
    assertThat(followed.<Number>at("followers.count")).isEqualTo(1);

    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    leader.post("/api/v1/problems/" + id + "/actions", Map.of("action", "ACCEPT"));
    assertThat(updatesTo(second.phone(), id)).anySatisfy(b -> assertThat(b).contains("已受理"));
    assertThat(updatesTo(first.phone(), id)).anySatisfy(b -> assertThat(b).contains("已受理"));
  }

  @Test
  void staffMergeADuplicateAndItsPeopleFollowTheOther() {
    Resident first = residentOfMinzhulu1("褚阿姨", "701");
    Resident second = residentOfMinzhulu1("卫叔叔", "702");
    long original = report(first.browser(), "sanitation", "垃圾站满了");
    long duplicate = report(second.browser(), "sanitation", "垃圾站又满了");

    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    Browser.Reply merged =
        leader.post("/api/v1/problems/" + duplicate + "/merge", Map.of("intoId", original));
    assertThat(merged.status()).as(merged.text()).isEqualTo(200);
    assertThat(merged.<Number>at("followers.count")).isEqualTo(1);
    Browser.Reply closed = second.browser().get("/api/v1/problems/" + duplicate);
    assertThat(closed.<String>at("state")).isEqualTo("CLOSED");
    List<Map<String, Object>> timeline = closed.at("timeline");
    assertThat(timeline.get(timeline.size() - 1).get("reason")).isEqualTo("#" + original);

    leader.post("/api/v1/problems/" + original + "/actions", Map.of("action", "ACCEPT"));
    assertThat(updatesTo(second.phone(), original)).anySatisfy(b -> assertThat(b).contains("已受理"));

    assertThat(
            staff(DemoCity.LEADER_MINZHULU_2)
                .post("/api/v1/problems/" + original + "/merge", Map.of("intoId", duplicate))
                .status())
        .isEqualTo(404);
    assertThat(
            second
                .browser()
                .post("/api/v1/problems/" + original + "/merge", Map.of("intoId", duplicate))
                .status())
        .isIn(403, 404);
  }
}
