package org.onegrid.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/**
 * Problems reported in 英才社区's first grid show on its dashboard and every dashboard above it, once
 * the summary is refreshed; each admin reads only their subtree.
 */
@MicronautTest
class DashboardTest extends ApiTest {

  @Inject StatsJob job;
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
    Browser leader = staff("13800001010");
    Browser city = staff(DemoCity.CITY_ADMIN);
    long grid = nodeOf(leader);
    long root = nodeOf(city);
    job.refresh(Instant.now().plusSeconds(60));
    Map<String, Object> gridBefore = total(leader, grid);
    Map<String, Object> cityBefore = total(city, root);

    Resident resident = residentOf("英才", "统计", "2401");
    long first = report(resident, "sanitation", "楼下垃圾没人清");
    report(resident, "facility_repair", "路灯坏了");
    leader.post("/api/v1/problems/" + first + "/actions", Map.of("action", "ACCEPT"));
    job.refresh(Instant.now().plusSeconds(60));

    Map<String, Object> gridAfter = total(leader, grid);
    assertThat(n(gridAfter, "reported") - n(gridBefore, "reported")).isEqualTo(2);
    assertThat(n(gridAfter, "acceptedOnTime") - n(gridBefore, "acceptedOnTime")).isEqualTo(1);
    assertThat(n(total(city, root), "reported") - n(cityBefore, "reported")).isEqualTo(2);

    Browser.Reply dashboard = leader.get("/api/v1/staff/dashboard?nodeId=" + grid);
    List<Map<String, Object>> sources = dashboard.at("bySource");
    assertThat(sources).anySatisfy(s -> assertThat(s.get("key")).isEqualTo("APP"));
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
    assertThat(gridResidents).isGreaterThanOrEqualTo(2);
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
}
