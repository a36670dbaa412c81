package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.db.Tables.PROBLEMS;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/** A leader finds problems by words and works through them by deadline. */
@MicronautTest
class InboxTest extends ApiTest {

  @Inject DSLContext dsl;

  long report(Browser who, String category, String text) {
    return who.send(
            "POST",
            "/api/v1/problems",
            Map.of("categoryCode", category, "description", text),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()))
        .<Number>at("id")
        .longValue();
  }

  @Test
  void searchByWordsAndSortBySoonestDeadline() {
    String token = "标记" + UUID.randomUUID().toString().substring(0, 6);
    Resident resident = residentOfMinzhulu1("杨阿姨", "1001");
    long relaxed = report(resident.browser(), "other", token + " 小区长椅坏了");
    long urgent = report(resident.browser(), "safety_hazard", token + " 井盖缺失");
    report(resident.browser(), "other", "与搜索无关的问题");

    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    String q = URLEncoder.encode(token, StandardCharsets.UTF_8);
    List<Map<String, Object>> found = leader.get("/api/v1/staff/problems?q=" + q).list();
    assertThat(found)
        .extracting(p -> ((Number) p.get("id")).longValue())
        .containsExactly(urgent, relaxed);

    List<Map<String, Object>> byDeadline =
        leader.get("/api/v1/staff/problems?sort=deadline&q=" + q).list();
    assertThat(byDeadline)
        .extracting(p -> ((Number) p.get("id")).longValue())
        .containsExactly(urgent, relaxed);

    Map<String, Object> first = byDeadline.get(0);
    List<Map<String, Object>> next =
        leader
            .get(
                "/api/v1/staff/problems?sort=deadline&q="
                    + q
                    + "&after="
                    + first.get("id")
                    + "&afterDue="
                    + URLEncoder.encode((String) first.get("acceptDueAt"), StandardCharsets.UTF_8))
            .list();
    assertThat(next).extracting(p -> ((Number) p.get("id")).longValue()).containsExactly(relaxed);

    assertThat(leader.get("/api/v1/staff/problems?source=APP&q=" + q).list()).hasSize(2);
    assertThat(leader.get("/api/v1/staff/problems?source=HOTLINE&q=" + q).list()).isEmpty();
    assertThat(leader.get("/api/v1/staff/problems?source=FAX").status()).isEqualTo(400);
  }

  @Test
  void theOverdueTabShowsOpenProblemsPastTheLimitOfTheirStateNewestFirst() {
    String token = "逾期" + UUID.randomUUID().toString().substring(0, 6);
    Resident resident = residentOfMinzhulu1("周大爷", "1002");
    long lateNew = report(resident.browser(), "other", token + " 路灯不亮");
    long lateAccepted = report(resident.browser(), "other", token + " 垃圾没人清");
    long onTime = report(resident.browser(), "other", token + " 台阶松动");
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    leader.post("/api/v1/problems/" + lateAccepted + "/actions", Map.of("action", "ACCEPT"));
    Instant past = Instant.now().minus(Duration.ofHours(1));
    dsl.update(PROBLEMS).set(PROBLEMS.ACCEPT_DUE_AT, past).where(PROBLEMS.ID.eq(lateNew)).execute();
    dsl.update(PROBLEMS)
        .set(PROBLEMS.RESOLVE_DUE_AT, past)
        .where(PROBLEMS.ID.eq(lateAccepted))
        .execute();
    // Past the accept limit but no longer new: not overdue for that.
    dsl.update(PROBLEMS).set(PROBLEMS.ACCEPT_DUE_AT, past).where(PROBLEMS.ID.eq(onTime)).execute();
    dsl.update(PROBLEMS)
        .set(PROBLEMS.STATE, ProblemState.ACCEPTED.name())
        .where(PROBLEMS.ID.eq(onTime))
        .execute();

    String q = URLEncoder.encode(token, StandardCharsets.UTF_8);
    List<Map<String, Object>> overdue =
        leader.get("/api/v1/staff/problems?overdue=true&q=" + q).list();
    assertThat(overdue)
        .extracting(p -> ((Number) p.get("id")).longValue())
        .containsExactly(lateAccepted, lateNew);
    assertThat(
            leader
                .get("/api/v1/staff/problems?overdue=true&q=" + q + "&before=" + lateAccepted)
                .list())
        .extracting(p -> ((Number) p.get("id")).longValue())
        .containsExactly(lateNew);
    assertThat(leader.get("/api/v1/staff/problems?overdue=true&sort=deadline&q=" + q).list())
        .extracting(p -> ((Number) p.get("id")).longValue())
        .containsExactlyInAnyOrder(lateAccepted, lateNew);
  }

  static int unreadOf(List<Map<String, Object>> rows, long id) {
    return rows.stream()
        .filter(p -> ((Number) p.get("id")).longValue() == id)
        .map(p -> ((Number) p.get("unread")).intValue())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void unreadBadgesCountWhatTheOtherSideWroteSinceYouLastLooked() {
    Resident resident = residentOfMinzhulu1("钱奶奶", "1002");
    long id = report(resident.browser(), "sanitation", "楼道里堆了很多杂物");
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    String thread = "/api/v1/problems/" + id + "/messages";
    for (String body : List.of("杂物堆在三楼", "已经堆了一个星期")) {
      resident
          .browser()
          .post(thread, Map.of("body", body, "clientKey", UUID.randomUUID().toString()));
    }
    String inbox = "/api/v1/staff/problems?state=SUBMITTED";
    assertThat(unreadOf(leader.get(inbox).list(), id)).isEqualTo(2);
    assertThat(leader.get("/api/v1/problems/" + id).<Number>at("unread").intValue()).isEqualTo(2);
    assertThat(unreadOf(resident.browser().get("/api/v1/me/problems").list(), id)).isZero();

    leader.get(thread);
    assertThat(unreadOf(leader.get(inbox).list(), id)).isZero();
    leader.post(
        thread,
        Map.of("body", "内部：联系物业", "clientKey", UUID.randomUUID().toString(), "internal", true));
    leader.post(thread, Map.of("body", "明天清理", "clientKey", UUID.randomUUID().toString()));
    assertThat(unreadOf(resident.browser().get("/api/v1/me/problems").list(), id)).isEqualTo(1);
    resident.browser().get(thread);
    assertThat(unreadOf(resident.browser().get("/api/v1/me/problems").list(), id)).isZero();
  }
}
