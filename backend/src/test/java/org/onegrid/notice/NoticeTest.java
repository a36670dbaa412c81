package org.onegrid.notice;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.onegrid.platform.Tx;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/** Notices to a grid or a community: on residents' home pages, and texted once each. */
@MicronautTest
class NoticeTest extends ApiTest {

  @Inject NoticeService notices;
  @Inject Tx tx;

  private static long nodeOf(Browser staff) {
    return staff.get("/api/v1/me").<Number>at("staffNode.id").longValue();
  }

  @Test
  void aCommunityNoticeReachesItsResidentsInTheAppAndOnceEachBySms() throws Exception {
    Resident first = residentOfMinzhulu1("看通知", "2201");
    Resident second = residentOfMinzhulu1("退订了", "2202");
    tx.run(() -> outbox.optOut("+86" + second.phone(), "test"));
    Resident elsewhere = residentOf("工人新村", "别的社区", "2203");
    Browser admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    Map<String, Object> notice =
        Map.of(
            "nodeId", nodeOf(admin),
            "kind", "WATER_POWER",
            "title", "明天上午停水",
            "body", "因管网维修，明天 8:00-12:00 停水，请提前储水。",
            "bySms", true);
    String key = UUID.randomUUID().toString();
    Browser.Reply posted =
        admin.send("POST", "/api/v1/staff/notices", notice, Map.of("Idempotency-Key", key));
    assertThat(posted.status()).as(posted.text()).isEqualTo(201);
    assertThat(
            admin
                .send("POST", "/api/v1/staff/notices", notice, Map.of("Idempotency-Key", key))
                .<Number>at("id"))
        .isEqualTo(posted.<Number>at("id"));
    // A second texted notice to the same place within the hour is refused; in the app only is fine.
    assertThat(admin.post("/api/v1/staff/notices", notice).status()).isEqualTo(429);

    assertThat(first.browser().get("/api/v1/notices").list())
        .anySatisfy(n -> assertThat(n.get("title")).isEqualTo("明天上午停水"));
    assertThat(elsewhere.browser().get("/api/v1/notices").text()).doesNotContain("明天上午停水");

    // Two instances' jobs at once, then until done: every resident texted once, opt-outs kept.
    CompletableFuture<Void> a = CompletableFuture.runAsync(notices::textResidents);
    CompletableFuture<Void> b = CompletableFuture.runAsync(notices::textResidents);
    a.get();
    b.get();
    for (int i = 0; i < 20; i++) {
      notices.textResidents();
    }
    assertThat(outbox.sentTo("+86" + first.phone(), 20))
        .filteredOn(m -> m.purpose().equals("notice") && m.body().contains("明天上午停水"))
        .hasSize(1);
    assertThat(outbox.sentTo("+86" + second.phone(), 20))
        .filteredOn(m -> m.purpose().equals("notice"))
        .allSatisfy(m -> assertThat(m.status()).isEqualTo("OPTED_OUT"));
    assertThat(outbox.sentTo("+86" + elsewhere.phone(), 20))
        .noneMatch(m -> m.purpose().equals("notice"));
    Map<String, Object> shown =
        admin.get("/api/v1/staff/notices?nodeId=" + nodeOf(admin)).list().get(0);
    assertThat(shown.get("smsDone")).isEqualTo(true);
    assertThat(((Number) shown.get("smsCount")).intValue()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void onlyStaffReachingTheNodePostToIt() {
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    long grid = nodeOf(leader);
    Map<String, Object> notice =
        Map.of("nodeId", grid, "kind", "SAFETY", "title", "注意防火", "body", "冬季用电注意安全");
    assertThat(staff(DemoCity.LEADER_MINZHULU_2).post("/api/v1/staff/notices", notice).status())
        .isEqualTo(404);
    Resident resident = residentOfMinzhulu1("居民", "2204");
    assertThat(resident.browser().post("/api/v1/staff/notices", notice).status()).isEqualTo(403);
    assertThat(
            leader
                .post(
                    "/api/v1/staff/notices",
                    Map.of("nodeId", grid, "kind", "X", "title", "t", "body", "b"))
                .status())
        .isEqualTo(400);
    assertThat(leader.post("/api/v1/staff/notices", notice).status()).isEqualTo(201);
    assertThat(resident.browser().get("/api/v1/notices").list())
        .extracting(n -> n.get("title"))
        .contains("注意防火");
    assertThat(List.of(leader.get("/api/v1/staff/notices?nodeId=" + grid).text()))
        .allSatisfy(t -> assertThat(t).contains("注意防火"));
  }
}
