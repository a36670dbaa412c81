package org.onegrid.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.onegrid.account.AccountService;
import org.onegrid.problem.ProblemService;
import org.onegrid.problem.ProblemSource;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.OwnCommunity;

/**
 * Problems reported in a community of the test's own show on its grid's dashboard, exactly, and on
 * every dashboard above it, once the summary is refreshed; each admin reads only their subtree.
 */
@MicronautTest
class DashboardTest extends ApiTest {

  @Inject StatsJob job;
  @Inject ProblemService problems;
  @Inject AccountService accounts;
  @Inject EngagementJob engagement;

  private static long nodeOf(Browser staff) {
    return staff.get("/api/v1/me").<Number>at("staffNode.id").longValue();
  }

  private long report(Resident resident, String category, String text) {
    return resident
        .browser()
        .send(
            "POST",
            "/api/v1/problems",
            Map.of("categoryCode", category, "description", text),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()))
        .<Number>at("id")
        .longValue();
  }

  private Map<String, Object> total(Browser staff, long node) {
    return staff.get("/api/v1/staff/dashboard?nodeId=" + node).at("total");
  }

  private static int n(Map<String, Object> figures, String key) {
    return ((Number) figures.get(key)).intValue();
  }

  @Test
  void newProblemsCountAtTheGridAndAtTheCityRootAndAdminsSeeOnlyTheirSubtree() {
    OwnCommunity own = ownCommunity();
    Browser leader = own.leader();
    Browser city = staff(DemoCity.CITY_ADMIN);
    long grid = own.gridId();
    long root = nodeOf(city);
    job.refresh();
    Map<String, Object> cityBefore = total(city, root);

    Resident resident = residentOf(own.name(), "统计", "2401");
    long first = report(resident, "sanitation", "楼下垃圾没人清");
    report(resident, "facility_repair", "路灯坏了");
    leader.post("/api/v1/problems/" + first + "/actions", Map.of("action", "ACCEPT"));
    job.refresh();

    Map<String, Object> gridAfter = total(leader, grid);
    assertThat(gridAfter).containsEntry("reported", 2).containsEntry("acceptedOnTime", 1);
    assertThat(n(total(city, root), "reported") - n(cityBefore, "reported")).isEqualTo(2);

    Browser.Reply dashboard = leader.get("/api/v1/staff/dashboard?nodeId=" + grid);
    List<Map<String, Object>> sources = dashboard.at("bySource");
    assertThat(sources).anySatisfy(s -> assertThat(s.get("key")).isEqualTo("APP"));
    // The tables split the total: each problem counts once by category and once by source.
    Map<String, Object> total = dashboard.at("total");
    List<Map<String, Object>> categories = dashboard.at("byCategory");
    assertThat(categories.stream().mapToInt(c -> n(c, "reported")).sum())
        .isEqualTo(n(total, "reported"));
    assertThat(sources.stream().mapToInt(c -> n(c, "reported")).sum())
        .isEqualTo(n(total, "reported"));
    assertThat(categories).extracting(c -> c.get("key")).contains("sanitation", "facility_repair");
    assertThat(dashboard.<List<?>>at("weeks")).hasSize(12);
    assertThat(city.get("/api/v1/staff/dashboard?nodeId=" + root).<List<?>>at("children"))
        .isNotEmpty();

    Browser.Reply csv =
        city.send(
            "GET",
            "/api/v1/staff/dashboard/children.csv?nodeId=" + root,
            null,
            Map.of("Accept", "text/csv"));
    assertThat(csv.status()).as(csv.text()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.text()).contains("closure_rate").contains("\"二七区\"");

    // Engagement: the new resident counts in her grid and in the city.
    engagement.recount();
    int gridResidents =
        leader
            .get("/api/v1/staff/dashboard?nodeId=" + grid)
            .<Number>at("engagement.residents")
            .intValue();
    int cityResidents =
        city.get("/api/v1/staff/dashboard?nodeId=" + root)
            .<Number>at("engagement.residents")
            .intValue();
    assertThat(gridResidents).isEqualTo(1);
    assertThat(cityResidents).isGreaterThan(gridResidents);

    // Each admin only their subtree; residents not at all.
    assertThat(
            staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU)
                .get("/api/v1/staff/dashboard?nodeId=" + grid)
                .status())
        .isEqualTo(404);
    assertThat(leader.get("/api/v1/staff/dashboard?nodeId=" + root).status()).isEqualTo(404);
    assertThat(resident.browser().get("/api/v1/staff/dashboard?nodeId=" + grid).status())
        .isEqualTo(403);
  }

  @Test
  void aReportWhoseTransactionCommitsLateIsCountedAfterAllRunsOfTheJob() throws Exception {
    OwnCommunity own = ownCommunity();
    Browser leader = own.leader();
    long grid = own.gridId();
    Resident resident = residentOf(own.name(), "慢事务", "2403");
    var reporter = accounts.findByPhone("+86" + resident.phone()).orElseThrow();
    job.refresh();

    // Another instance reports, and its transaction stays open while this one's job runs twice.
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService otherInstance = Executors.newSingleThreadExecutor();
    Future<?> slow =
        otherInstance.submit(
            () ->
                problems.report(
                    reporter,
                    new ProblemService.NewReport(
                        "sanitation",
                        "提交得很慢的报事",
                        null,
                        null,
                        null,
                        null,
                        false,
                        List.of(),
                        null,
                        null),
                    UUID.randomUUID().toString(),
                    Locale.CHINA,
                    ProblemSource.APP,
                    id -> {
                      inside.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
    try {
      inside.await();
      job.refresh();
      // A report made and committed meanwhile, with a later time than the slow one, by a
      // neighbour: one resident's reports count against their hourly limit one after the other.
      report(residentOf(own.name(), "邻居", "2404"), "facility_repair", "后来居上的报事");
      job.refresh();
      assertThat(total(leader, grid)).containsEntry("reported", 1);
    } finally {
      release.countDown();
      slow.get();
      otherInstance.shutdown();
    }
    job.refresh();
    assertThat(total(leader, grid)).containsEntry("reported", 2);
  }
}
