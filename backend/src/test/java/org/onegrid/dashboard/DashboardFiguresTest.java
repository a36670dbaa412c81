package org.onegrid.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.OwnCommunity;

/**
 * The figures a supervisor reads on Monday morning, exactly, on a community of the test's own: four
 * problems, one closed with five stars, one closed with one star (closed, but not a success), one
 * reopened by its reporter after a fix that was not one, one not touched. Every rate has the four
 * reported as its denominator.
 */
@MicronautTest
class DashboardFiguresTest extends ApiTest {

  @Inject StatsJob job;

  private static void act(Browser who, long problem, Map<String, Object> action) {
    Browser.Reply done = who.post("/api/v1/problems/" + problem + "/actions", action);
    assertThat(done.status()).as(done.text()).isEqualTo(200);
  }

  private static Map<String, Object> total(Browser staff, long node) {
    Browser.Reply dashboard = staff.get("/api/v1/staff/dashboard?nodeId=" + node);
    assertThat(dashboard.status()).as(dashboard.text()).isEqualTo(200);
    return dashboard.at("total");
  }

  private static double rate(Map<String, Object> figures, String key) {
    return ((Number) figures.get(key)).doubleValue();
  }

  @Test
  void closureAcceptanceSatisfactionAndRedoAreCountedOverEveryProblemReported() {
    OwnCommunity own = ownCommunity();
    Resident first = residentOf(own.name(), "一号", "101");
    Resident second = residentOf(own.name(), "二号", "102");
    Browser leader = own.leader();

    long fixed = reportWater(first, "水表井盖松了");
    act(leader, fixed, Map.of("action", "ACCEPT"));
    act(leader, fixed, Map.of("action", "RESOLVE", "reason", "已换新井盖"));
    act(first.browser(), fixed, Map.of("action", "CONFIRM", "rating", 5));

    long grudging = reportWater(second, "楼道水管滴水");
    act(leader, grudging, Map.of("action", "ACCEPT"));
    act(leader, grudging, Map.of("action", "RESOLVE", "reason", "已拧紧"));
    act(second.browser(), grudging, Map.of("action", "CONFIRM", "rating", 1));

    long reopened = reportWater(first, "水压太低");
    act(leader, reopened, Map.of("action", "ACCEPT"));
    act(leader, reopened, Map.of("action", "RESOLVE", "reason", "已调整"));
    act(first.browser(), reopened, Map.of("action", "REOPEN", "reason", "还是很低"));

    reportWater(second, "消防栓漏水");
    job.refresh();

    Map<String, Object> grid = total(leader, own.gridId());
    assertThat(grid)
        .containsEntry("reported", 4)
        .containsEntry("accepted", 3)
        .containsEntry("acceptedOnTime", 3)
        .containsEntry("closed", 2)
        .containsEntry("closedOk", 1)
        .containsEntry("closedOnTime", 1)
        .containsEntry("rated", 2)
        .containsEntry("ratingSum", 6)
        .containsEntry("redo", 1);
    assertThat(rate(grid, "acceptedOnTimeRate")).isCloseTo(0.75, within(1e-9));
    assertThat(rate(grid, "closureRate")).isCloseTo(0.25, within(1e-9));
    assertThat(rate(grid, "onTimeClosureRate")).isCloseTo(0.25, within(1e-9));
    assertThat(rate(grid, "satisfaction")).isCloseTo(3.0, within(1e-9));

    // The community above the one grid reads the same; another community's admin cannot read it.
    Map<String, Object> community = total(own.admin(), own.communityId());
    assertThat(community).containsEntry("reported", 4).containsEntry("closedOk", 1);
    assertThat(rate(community, "closureRate")).isCloseTo(0.25, within(1e-9));
    assertThat(
            staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU)
                .get("/api/v1/staff/dashboard?nodeId=" + own.communityId())
                .status())
        .isEqualTo(404);
  }
}
