package org.onegrid.warning;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/** The 建中街 street admin warns 民主路社区's three grids; leaders acknowledge, or are chased. */
@MicronautTest
class WarningTest extends ApiTest {

  @Inject WarningService warnings;

  private static long nodeOf(Browser staff) {
    return staff.get("/api/v1/me").<Number>at("staffNode.id").longValue();
  }

  private Browser.Reply issue(Browser admin, long node, String level, String title) {
    return admin.send(
        "POST",
        "/api/v1/staff/warnings",
        Map.of(
            "nodeId", node,
            "level", level,
            "title", title,
            "instructions", "加强巡查，重点关注独居老人",
            "validUntil", Instant.now().plus(Duration.ofDays(3)).toString()),
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
  }

  @Test
  void everyGridAcknowledgesOrIsRemindedThenEscalatedOnce() {
    Browser street = staff(DemoCity.STREET_ADMIN_JIANZHONG);
    Browser communityAdmin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    long community = nodeOf(communityAdmin);
    Instant issuedAt = Instant.now();
    Browser.Reply issued = issue(street, community, "YELLOW", "寒潮黄色预警");
    assertThat(issued.status()).as(issued.text()).isEqualTo(201);
    assertThat(issued.<Number>at("grids").intValue()).isEqualTo(3);
    long id = issued.<Number>at("id").longValue();
    assertThat(outbox.sentTo("+8613800001002", 50))
        .anySatisfy(m -> assertThat(m.body()).contains("黄色预警").contains("寒潮黄色预警"));

    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    assertThat(leader.get("/api/v1/staff/my-warnings").list())
        .anySatisfy(
            w -> {
              assertThat(((Map<?, ?>) w.get("warning")).get("title")).isEqualTo("寒潮黄色预警");
              assertThat(w.get("acknowledgedAt")).isNull();
            });
    Browser.Reply acked = leader.post("/api/v1/staff/warnings/" + id + "/acknowledge", Map.of());
    assertThat(acked.<Object>at("acknowledgedAt")).isNotNull();

    Browser.Reply acks = street.get("/api/v1/staff/warnings/" + id);
    assertThat(acks.<Number>at("warning.acknowledged").intValue()).isEqualTo(1);
    // The admins' list counts each warning's grids (one query for the list); the grid's own
    // leader is not shown how the other grids are doing.
    assertThat(street.get("/api/v1/staff/warnings?nodeId=" + community).list())
        .filteredOn(w -> ((Number) w.get("id")).longValue() == id)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(((Number) w.get("grids")).intValue()).isEqualTo(3);
              assertThat(((Number) w.get("acknowledged")).intValue()).isEqualTo(1);
            });
    assertThat(leader.get("/api/v1/staff/my-warnings").list())
        .allSatisfy(w -> assertThat(((Map<?, ?>) w.get("warning")).get("grids")).isNull());
    List<Map<String, Object>> grids = acks.at("grids");
    assertThat(grids).hasSize(3);
    assertThat(grids.get(2).get("acknowledgedBy")).isEqualTo(DemoCity.LEADER_MINZHULU_1_NAME);
    assertThat(grids.get(0).get("acknowledgedAt")).isNull();

    // Half the 24 hours: the two grids not yet acknowledged are reminded, once.
    warnings.chase(issuedAt.plus(Duration.ofHours(13)));
    warnings.chase(issuedAt.plus(Duration.ofHours(14)));
    assertThat(outbox.sentTo("+8613800001002", 50))
        .filteredOn(m -> m.body().contains("还没有确认") && m.body().contains("寒潮黄色预警"))
        .hasSize(1);
    assertThat(outbox.sentTo("+8613800001001", 50))
        .noneMatch(m -> m.body().contains("还没有确认") && m.body().contains("寒潮黄色预警"));
    // At the deadline the community admin hears which grids did not acknowledge, once each.
    warnings.chase(issuedAt.plus(Duration.ofHours(25)));
    warnings.chase(issuedAt.plus(Duration.ofHours(26)));
    assertThat(outbox.sentTo("+8613800000010", 50))
        .filteredOn(m -> m.body().contains("寒潮黄色预警") && m.body().contains("超时未确认"))
        .hasSize(2)
        .noneMatch(m -> m.body().contains("第1网格"));
  }

  @Test
  void residentsSeeOrangeAndRedWarningsWhereTheyLiveAndOnlyAdminsIssue() {
    Browser street = staff(DemoCity.STREET_ADMIN_JIANZHONG);
    long community = nodeOf(staff(DemoCity.COMMUNITY_ADMIN_MINZHULU));
    issue(street, community, "BLUE", "大风蓝色预警");
    issue(street, community, "RED", "暴雨红色预警");
    Resident resident = residentOfMinzhulu1("看预警", "2301");
    assertThat(resident.browser().get("/api/v1/warnings").list())
        .extracting(w -> w.get("title"))
        .contains("暴雨红色预警")
        .doesNotContain("大风蓝色预警");
    assertThat(residentOf("黄河路", "别处", "2302").browser().get("/api/v1/warnings").text())
        .doesNotContain("暴雨红色预警");
    // The home page's one answer carries the same warnings, beside the notices and unread count.
    Browser.Reply home = resident.browser().get("/api/v1/me/home-page");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.<List<Map<String, Object>>>at("warnings"))
        .extracting(w -> w.get("title"))
        .contains("暴雨红色预警")
        .doesNotContain("大风蓝色预警");
    assertThat(home.body()).containsKeys("notices", "unreadMessages");
    // How many grids acknowledged is the admins' business, and counting them for a city-wide
    // warning on every resident's visit would read every grid's row.
    assertThat(home.<List<Map<String, Object>>>at("warnings"))
        .allSatisfy(w -> assertThat(w.get("grids")).isNull());

    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    assertThat(issue(leader, nodeOf(leader), "RED", "x").status()).isEqualTo(403);
    assertThat(issue(staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU), community, "RED", "x").status())
        .isEqualTo(404);
    assertThat(issue(street, community, "PURPLE", "x").status()).isEqualTo(400);
  }
}
