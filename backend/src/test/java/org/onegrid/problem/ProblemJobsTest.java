package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.db.Tables.PROBLEMS;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.notify.OutboxMessage;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/**
 * Overdue problems go up the tree once per level; unconfirmed fixes close themselves; ratings are
 * kept.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemJobsTest extends ApiTest {

  @Inject ProblemJobs jobs;
  @Inject DSLContext dsl;
  private Browser reporter;

  /** A resident of 民主路社区 第1网格, signed in once for the class. */
  Browser zhang() {
    if (reporter == null) {
      reporter = residentOfMinzhulu1("钱阿姨", "303").browser();
    }
    return reporter;
  }

  long reportAsZhang(String text) {
    Browser zhang = zhang();
    Browser.Reply created =
        zhang.send(
            "POST",
            "/api/v1/problems",
            Map.of("categoryCode", "water_supply", "description", text),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.<Number>at("id").longValue();
  }

  List<OutboxMessage> escalationTextsTo(String phone, long problemId) {
    return outbox.sentTo("+86" + phone, 50).stream()
        .filter(m -> m.purpose().equals("problem-escalated"))
        .filter(m -> m.body().contains("编号 " + problemId + "，"))
        .toList();
  }

  @Test
  void anOverdueProblemIsEscalatedOncePerLevelEvenWithTwoInstances() throws Exception {
    long id = reportAsZhang("5号楼4单元水表井太低，进污水");
    dsl.update(PROBLEMS)
        .set(PROBLEMS.ACCEPT_DUE_AT, Instant.now().minus(Duration.ofHours(1)))
        .where(PROBLEMS.ID.eq(id))
        .execute();

    ExecutorService twoInstances = Executors.newFixedThreadPool(2);
    Future<Integer> a = twoInstances.submit(jobs::escalateOverdue);
    Future<Integer> b = twoInstances.submit(jobs::escalateOverdue);
    a.get();
    b.get();
    jobs.escalateOverdue();
    twoInstances.shutdown();

    assertThat(escalationTextsTo(DemoCity.COMMUNITY_ADMIN_MINZHULU, id)).hasSize(1);
    assertThat(escalationTextsTo(DemoCity.COMMUNITY_ADMIN_MINZHULU, id).get(0).body())
        .contains("超时未受理");
    assertThat(
            outbox.sentTo("+86" + DemoCity.LEADER_MINZHULU_1, 100).stream()
                .filter(m -> m.purpose().equals("problem-overdue"))
                .filter(m -> m.body().contains("编号 " + id + "，")))
        .hasSize(1);
    Browser admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    Browser.Reply seen = admin.get("/api/v1/problems/" + id);
    assertThat(seen.<Number>at("escalationLevel")).isEqualTo(1);
    List<Map<String, Object>> timeline = seen.at("timeline");
    assertThat(timeline).extracting(e -> e.get("action")).containsOnlyOnce("ESCALATE_COMMUNITY");

    dsl.update(PROBLEMS)
        .set(PROBLEMS.ESCALATED_AT, Instant.now().minus(Duration.ofDays(2)))
        .where(PROBLEMS.ID.eq(id))
        .execute();
    jobs.escalateOverdue();
    jobs.escalateOverdue();
    assertThat(escalationTextsTo(DemoCity.STREET_ADMIN_JIANZHONG, id)).hasSize(1);
    assertThat(admin.get("/api/v1/problems/" + id).<Number>at("escalationLevel")).isEqualTo(2);
  }

  @Test
  void aFixNobodyConfirmsClosesAfterSevenDays() {
    long id = reportAsZhang("楼道灯不亮");
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    leader.post("/api/v1/problems/" + id + "/actions", Map.of("action", "ACCEPT"));
    leader.post(
        "/api/v1/problems/" + id + "/actions", Map.of("action", "RESOLVE", "reason", "已清理"));
    jobs.closeUnconfirmed();
    assertThat(leader.get("/api/v1/problems/" + id).<String>at("state")).isEqualTo("RESOLVED");

    dsl.update(PROBLEMS)
        .set(PROBLEMS.RESOLVED_AT, Instant.now().minus(Duration.ofDays(8)))
        .where(PROBLEMS.ID.eq(id))
        .execute();
    jobs.closeUnconfirmed();
    jobs.closeUnconfirmed();
    Browser.Reply closed = leader.get("/api/v1/problems/" + id);
    assertThat(closed.<String>at("state")).isEqualTo("CLOSED");
    List<Map<String, Object>> timeline = closed.at("timeline");
    assertThat(timeline).extracting(e -> e.get("action")).containsOnlyOnce("AUTO_CLOSE");
  }

  @Test
  void confirmingAFixNeedsARatingAndKeepsIt() {
    long id = reportAsZhang("垃圾道堵了");
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    leader.post("/api/v1/problems/" + id + "/actions", Map.of("action", "ACCEPT"));
    leader.post(
        "/api/v1/problems/" + id + "/actions", Map.of("action", "RESOLVE", "reason", "已清理"));
    Browser zhang = zhang();
    Browser.Reply noRating =
        zhang.post("/api/v1/problems/" + id + "/actions", Map.of("action", "CONFIRM"));
    assertThat(noRating.status()).isEqualTo(400);
    assertThat(noRating.<String>at("errors.0.field")).isEqualTo("rating");
    Browser.Reply rated =
        zhang.post(
            "/api/v1/problems/" + id + "/actions",
            Map.of("action", "CONFIRM", "rating", 5, "reason", "很快就通了"));
    assertThat(rated.<String>at("state")).isEqualTo("CLOSED");
    assertThat(rated.<Number>at("rating")).isEqualTo(5);
  }
}
