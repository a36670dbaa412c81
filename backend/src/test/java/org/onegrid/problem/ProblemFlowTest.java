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
import org.onegrid.support.Phones;

/** From a resident's report to the grid leader and back to a fix, with who may see and do what. */
@MicronautTest
class ProblemFlowTest extends ApiTest {

  /** A new resident of 民主路社区 第1网格, 1号楼 1单元 (the unit 张桂兰 lives in). */
  Browser neighbourOfZhang(String phone) {
    Browser b = resident(phone);
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    long grid = ((Number) leader.get("/api/v1/me").at("staffNode.id")).longValue();
    Object unitId = leader.get("/api/v1/staff/nodes/" + grid).at("buildings.0.units.0.id");
    assertThat(
            b.put("/api/v1/me/home", Map.of("unitId", unitId, "room", "202", "name", "周阿姨"))
                .status())
        .isEqualTo(200);
    return b;
  }

  Browser.Reply report(Browser b, String key, Map<String, Object> body) {
    return b.send("POST", "/api/v1/problems", body, Map.of("Idempotency-Key", key));
  }

  @Test
  void categoriesComeWithIconsAndTimeLimitsInTheCallersLanguage() {
    Browser b = resident(Phones.fresh());
    List<Map<String, Object>> zh = b.get("/api/v1/problem-categories").list();
    assertThat(zh).extracting(c -> c.get("name")).contains("供水排水", "建筑垃圾", "邻里纠纷");
    assertThat(zh.get(0).get("icon")).isNotNull();
    List<Map<String, Object>> en = b.language("en").get("/api/v1/problem-categories").list();
    assertThat(en).extracting(c -> c.get("name")).contains("Construction waste");
  }

  @Test
  void theReportAnswersWithTheProblemExactlyAsReadingItBackShowsIt() {
    Browser resident = neighbourOfZhang(Phones.fresh());
    Map<String, Object> body =
        Map.of(
            "categoryCode",
            "facility_repair",
            "description",
            "楼道灯不亮，晚上看不清台阶",
            "locationText",
            "1号楼1单元三楼",
            "lat",
            34.7466123456,
            "lng",
            113.6253987654,
            "hideReporter",
            true);
    Browser.Reply created = report(resident, UUID.randomUUID().toString(), body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);

    Browser.Reply read = resident.get("/api/v1/problems/" + created.<Number>at("id"));
    // Built from what was written, not read back: the same answer the page gets when it reads it
    // (coordinates at the six decimals the database keeps, the REPORT event, the leader's name).
    assertThat(created.body()).isEqualTo(read.body());
    assertThat(created.<Number>at("lat").doubleValue()).isEqualTo(34.746612);
    assertThat(created.<List<?>>at("timeline")).hasSize(1);
  }

  @Test
  void aReportReachesTheGridLeaderOnceAndTheResidentHearsBackAtEachStep() {
    String phone = Phones.fresh();
    Browser resident = neighbourOfZhang(phone);
    String key = UUID.randomUUID().toString();
    Map<String, Object> body =
        Map.of("categoryCode", "construction_waste", "description", "3号楼2单元门前一堆建筑垃圾");
    Browser.Reply first = report(resident, key, body);
    Browser.Reply retry = report(resident, key, body);
    assertThat(first.status()).as(first.text()).isEqualTo(201);
    assertThat(retry.<Number>at("id")).isEqualTo(first.<Number>at("id"));
    assertThat(first.<String>at("state")).isEqualTo("SUBMITTED");
    assertThat(first.<String>at("gridName")).isEqualTo("第1网格");
    assertThat(first.<String>at("assigneeName")).isEqualTo(DemoCity.LEADER_MINZHULU_1_NAME);
    assertThat(first.<String>at("place")).contains("1号楼");
    long id = first.<Number>at("id").longValue();
    // The answer is built from what the report wrote, not read back: it shows what a reload shows.
    assertThat(first.<String>at("place"))
        .isEqualTo(resident.get("/api/v1/problems/" + id).<String>at("place"));

    List<OutboxMessage> toLeader =
        outbox.sentTo("+86" + DemoCity.LEADER_MINZHULU_1, 20).stream()
            .filter(m -> m.purpose().equals("problem-new") && m.body().contains("3号楼2单元门前"))
            .toList();
    assertThat(toLeader).hasSize(1);

    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    List<Map<String, Object>> inbox = leader.get("/api/v1/staff/problems?state=SUBMITTED").list();
    assertThat(inbox).anySatisfy(p -> assertThat(((Number) p.get("id")).longValue()).isEqualTo(id));

    Browser.Reply accepted =
        leader.post("/api/v1/problems/" + id + "/actions", Map.of("action", "ACCEPT"));
    assertThat(accepted.<String>at("state")).isEqualTo("ACCEPTED");
    // Closing it with no word of what was done is refused, in the leader's language, and changes
    // nothing.
    Browser.Reply silent =
        leader.post("/api/v1/problems/" + id + "/actions", Map.of("action", "RESOLVE"));
    assertThat(silent.status()).isEqualTo(400);
    assertThat(silent.text()).contains("请写明是怎么处理的");
    assertThat(resident.get("/api/v1/problems/" + id).<String>at("state")).isEqualTo("ACCEPTED");
    Browser.Reply resolved =
        leader.post(
            "/api/v1/problems/" + id + "/actions",
            Map.of("action", "RESOLVE", "reason", "已联系物业清运"));
    assertThat(resolved.<String>at("state")).isEqualTo("RESOLVED");

    List<String> texts =
        outbox.sentTo("+86" + phone, 20).stream()
            .filter(m -> m.purpose().startsWith("problem-"))
            .map(OutboxMessage::body)
            .toList();
    assertThat(texts).hasSize(2);
    assertThat(texts.get(0)).contains("已处理完成").contains("已联系物业清运");
    assertThat(texts.get(1)).contains("已受理");

    Browser.Reply seen = resident.get("/api/v1/problems/" + id);
    List<Map<String, Object>> timeline = seen.at("timeline");
    assertThat(timeline)
        .extracting(e -> e.get("to"))
        .containsExactly("SUBMITTED", "ACCEPTED", "RESOLVED");
    assertThat(seen.<List<String>>at("allowedActions"))
        .containsExactlyInAnyOrder("REOPEN", "CONFIRM");

    Browser.Reply tooEarly =
        leader.post("/api/v1/problems/" + id + "/actions", Map.of("action", "ACCEPT"));
    assertThat(tooEarly.status()).isEqualTo(409);

    Browser.Reply reopened =
        resident.post(
            "/api/v1/problems/" + id + "/actions", Map.of("action", "REOPEN", "reason", "垃圾还在"));
    assertThat(reopened.<String>at("state")).isEqualTo("REOPENED");
    assertThat(reopened.<Number>at("redoCount")).isEqualTo(1);
  }

  @Test
  void othersSeeOnlyWhatIsTheirs() {
    Browser reporter = neighbourOfZhang(Phones.fresh());
    Browser.Reply created =
        report(
            reporter,
            UUID.randomUUID().toString(),
            Map.of(
                "categoryCode", "neighbour_dispute",
                "description", "楼上深夜噪音",
                "visibility", "PUBLIC"));
    long id = created.<Number>at("id").longValue();
    // A dispute between neighbours is always private, whatever the form said.
    assertThat(created.<String>at("visibility")).isEqualTo("PRIVATE");
    assertThat(created.<Boolean>at("canBePublic")).isFalse();

    Browser neighbour = neighbourOfZhang(Phones.fresh());
    assertThat(neighbour.get("/api/v1/problems/" + id).status()).isEqualTo(404);
    assertThat(
            neighbour
                .post("/api/v1/problems/" + id + "/actions", Map.of("action", "CONFIRM"))
                .status())
        .isEqualTo(404);

    Browser stranger = resident(Phones.fresh());
    assertThat(stranger.get("/api/v1/problems/" + id).status()).isEqualTo(404);
    Browser otherLeader = staff(DemoCity.LEADER_MINZHULU_2);
    assertThat(otherLeader.get("/api/v1/problems/" + id).status()).isEqualTo(404);
    assertThat(
            otherLeader
                .post("/api/v1/problems/" + id + "/actions", Map.of("action", "ACCEPT"))
                .status())
        .isEqualTo(404);
    assertThat(otherLeader.get("/api/v1/staff/problems").list())
        .noneMatch(p -> ((Number) p.get("id")).longValue() == id);

    Browser community = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    assertThat(community.get("/api/v1/problems/" + id).<String>at("reporterName")).isEqualTo("周阿姨");
  }

  @Test
  void aGpsPointInsideAGridSendsTheReportThere() {
    Browser resident = neighbourOfZhang(Phones.fresh());
    // 民主路社区 第3网格 covers 34.7512–34.7532 N, 113.6401–113.6431 E in the demo city.
    Browser.Reply created =
        report(
            resident,
            UUID.randomUUID().toString(),
            Map.of(
                "categoryCode",
                "safety_hazard",
                "description",
                "路边井盖缺失",
                "lat",
                34.7520,
                "lng",
                113.6410));
    assertThat(created.<String>at("gridName")).isEqualTo("第3网格");
  }

  @Test
  void badReportsAreClear400s() {
    Browser resident = neighbourOfZhang(Phones.fresh());
    Browser.Reply noCategory =
        report(
            resident,
            "k-" + UUID.randomUUID(),
            Map.of("categoryCode", "nonsense", "description", "x"));
    assertThat(noCategory.status()).isEqualTo(400);
    assertThat(noCategory.<String>at("errors.0.field")).isEqualTo("categoryCode");
    Browser.Reply noText =
        report(
            resident, "k-" + UUID.randomUUID(), Map.of("categoryCode", "other", "description", ""));
    assertThat(noText.status()).isEqualTo(400);
    assertThat(noText.<String>at("errors.0.field")).isEqualTo("description");
  }
}
