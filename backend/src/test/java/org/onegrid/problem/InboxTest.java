package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.platform.TestClock;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.OwnCommunity;

/**
 * A leader finds problems by words and works through them by deadline, in a community of the test's
 * own (so the whole inbox is what the test reported) and with the test clock moved, not rows
 * edited.
 */
@MicronautTest
class InboxTest extends ApiTest {

  @Inject TestClock clock;

  long report(Browser who, String category, String text) {
    return who.send(
            "POST",
            "/api/v1/problems",
            Map.of("categoryCode", category, "description", text),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()))
        .<Number>at("id")
        .longValue();
  }

  private static List<Long> ids(List<Map<String, Object>> rows) {
    return rows.stream().map(p -> ((Number) p.get("id")).longValue()).toList();
  }

  @Test
  void searchByWordsAndSortBySoonestDeadline() {
    OwnCommunity own = ownCommunity();
    Resident resident = residentOf(own.name(), "杨阿姨", "1001");
    long relaxed = report(resident.browser(), "other", "小区长椅坏了");
    long urgent = report(resident.browser(), "safety_hazard", "井盖缺失");
    long unrelated = report(resident.browser(), "other", "与搜索无关的问题");
    Browser leader = own.leader();

    // The grid's whole inbox, newest first, is these three and nothing else.
    assertThat(ids(leader.get("/api/v1/staff/problems").list()))
        .containsExactly(unrelated, urgent, relaxed);
    String q = URLEncoder.encode("井盖", StandardCharsets.UTF_8);
    assertThat(ids(leader.get("/api/v1/staff/problems?q=" + q).list())).containsExactly(urgent);

    // By deadline: the hazard (2 h to accept) before the others (24 h), then in the order reported.
    List<Map<String, Object>> byDeadline =
        leader.get("/api/v1/staff/problems?sort=deadline").list();
    assertThat(ids(byDeadline)).containsExactly(urgent, relaxed, unrelated);
    Map<String, Object> first = byDeadline.get(0);
    List<Map<String, Object>> next =
        leader
            .get(
                "/api/v1/staff/problems?sort=deadline&after="
                    + first.get("id")
                    + "&afterDue="
                    + URLEncoder.encode((String) first.get("acceptDueAt"), StandardCharsets.UTF_8))
            .list();
    assertThat(ids(next)).containsExactly(relaxed, unrelated);

    assertThat(leader.get("/api/v1/staff/problems?source=APP").list()).hasSize(3);
    assertThat(leader.get("/api/v1/staff/problems?source=HOTLINE").list()).isEmpty();
    assertThat(leader.get("/api/v1/staff/problems?source=FAX").status()).isEqualTo(400);
  }

  @Test
  void theOverdueTabShowsOpenProblemsPastTheLimitOfTheirStateNewestFirst() {
    OwnCommunity own = ownCommunity();
    Resident resident = residentOf(own.name(), "周大爷", "1002");
    // A hazard is to be accepted in 2 h and fixed in 24 h; "other" in 24 h and 168 h.
    long lateNew = report(resident.browser(), "safety_hazard", "路灯不亮");
    long lateAccepted = report(resident.browser(), "safety_hazard", "垃圾没人清");
    long onTime = report(resident.browser(), "other", "台阶松动");
    Browser leader = own.leader();
    leader.post("/api/v1/problems/" + lateAccepted + "/actions", Map.of("action", "ACCEPT"));
    leader.post("/api/v1/problems/" + onTime + "/actions", Map.of("action", "ACCEPT"));

    // 30 hours on: the new hazard is past its accept limit, the accepted one past its fix limit;
    // the accepted "other" is past its accept limit but no longer new, and within its fix limit.
    clock.advance(Duration.ofHours(30));
    try {
      assertThat(ids(leader.get("/api/v1/staff/problems?overdue=true").list()))
          .containsExactly(lateAccepted, lateNew);
      assertThat(
              ids(leader.get("/api/v1/staff/problems?overdue=true&before=" + lateAccepted).list()))
          .containsExactly(lateNew);
      assertThat(ids(leader.get("/api/v1/staff/problems?overdue=true&sort=deadline").list()))
          .containsExactlyInAnyOrder(lateAccepted, lateNew);
    } finally {
      clock.reset();
    }
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
