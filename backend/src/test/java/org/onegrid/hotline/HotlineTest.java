package org.onegrid.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/**
 * The duty roster and the hotline page of the demo 民主路社区: 李秀英 days, 王淑珍 nights, the community admin
 * as fallback.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotlineTest extends ApiTest {

  @Inject CoverageWarnings coverage;

  private Browser admin;
  private long community;

  @BeforeAll
  void theCommunityAdminSignsIn() {
    admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    community = admin.get("/api/v1/me").<Number>at("staffNode.id").longValue();
  }

  private long idOf(String phone) {
    return staff(phone).get("/api/v1/me").<Number>at("id").longValue();
  }

  @Test
  void theRosterCoversEveryHourAndSaysWhoIsOnDutyNowAndNext() {
    String roster = "/api/v1/staff/communities/" + community + "/roster";
    Browser.Reply shown = admin.get(roster);
    assertThat(shown.status()).as(shown.text()).isEqualTo(200);
    assertThat(shown.<List<?>>at("gaps")).isEmpty();
    assertThat(shown.<List<?>>at("rotation")).hasSize(2);
    assertThat(shown.<String>at("fallbacks.0.name")).isEqualTo("民主社区书记");

    Resident resident = residentOfMinzhulu1("值班查询", "1901");
    Browser.Reply hotline = resident.browser().get("/api/v1/hotline");
    assertThat(hotline.<String>at("number")).isNotBlank();
    assertThat(List.of("李秀英", "王淑珍")).contains(hotline.<String>at("duty.now.name"));
    assertThat(hotline.<String>at("duty.next.name")).isNotEqualTo(hotline.at("duty.now.name"));

    // Others may not read or change the roster.
    assertThat(resident.browser().get(roster).status()).isEqualTo(403);
    assertThat(staff(DemoCity.LEADER_MINZHULU_1).get(roster).status()).isEqualTo(403);
    assertThat(staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU).get(roster).status()).isEqualTo(404);
  }

  @Test
  void anOverrideTakesOverAndOnlyStaffOfTheCommunityGoOnItsRoster() {
    String base = "/api/v1/staff/communities/" + community + "/roster";
    long worker = idOf(DemoCity.WORKER_MINZHULU_1);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Browser.Reply overridden =
        admin.post(
            base + "/overrides",
            Map.of(
                "from",
                now.minusSeconds(60).toString(),
                "to",
                now.plus(Duration.ofHours(2)).toString(),
                "accountId",
                worker,
                "note",
                "替李秀英值班"));
    assertThat(overridden.status()).as(overridden.text()).isEqualTo(200);
    Resident resident = residentOfMinzhulu1("换班", "1902");
    assertThat(resident.browser().get("/api/v1/hotline").<String>at("duty.now.name"))
        .isEqualTo("网格员1");
    long shiftId = overridden.<Number>at("overrides.0.id").longValue();
    assertThat(admin.send("DELETE", base + "/overrides/" + shiftId, null).status()).isEqualTo(200);
    assertThat(resident.browser().get("/api/v1/hotline").<String>at("duty.now.name"))
        .isNotEqualTo("网格员1");
    // Both changes are in the audit log, readable by the street above.
    assertThat(staff(DemoCity.STREET_ADMIN_JIANZHONG).get("/api/v1/admin/audit").text())
        .contains("roster.override")
        .contains("roster.override.remove")
        .contains("网格员1");

    long elsewhere = idOf("13800001004");
    assertThat(
            admin
                .put(
                    base + "/rotation",
                    Map.of(
                        "firstStart",
                        now.toString(),
                        "shiftHours",
                        12,
                        "memberIds",
                        List.of(elsewhere)))
                .status())
        .isEqualTo(400);
    assertThat(
            admin
                .put(
                    base + "/rotation",
                    Map.of(
                        "firstStart",
                        now.toString(),
                        "shiftHours",
                        7,
                        "memberIds",
                        List.of(worker)))
                .status())
        .isEqualTo(400);
  }

  @Test
  void aMessageLeftOnTheHotlineReachesTheGridLeaderAndThePersonOnDutyOnce() {
    Resident resident = residentOfMinzhulu1("留言人", "1903");
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of("text", "楼道灯坏了一个星期了，晚上看不见");
    Browser.Reply left =
        resident
            .browser()
            .send("POST", "/api/v1/hotline/messages", body, Map.of("Idempotency-Key", key));
    assertThat(left.status()).as(left.text()).isEqualTo(201);
    Browser.Reply again =
        resident
            .browser()
            .send("POST", "/api/v1/hotline/messages", body, Map.of("Idempotency-Key", key));
    assertThat(again.<Number>at("problemId")).isEqualTo(left.<Number>at("problemId"));
    long problem = left.<Number>at("problemId").longValue();

    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    assertThat(leader.get("/api/v1/staff/problems?source=HOTLINE").list())
        .anySatisfy(p -> assertThat(((Number) p.get("id")).longValue()).isEqualTo(problem));
    String onDuty = left.at("toldOnDuty.name");
    String dutyPhone = "李秀英".equals(onDuty) ? "+8613800001001" : "+8613800001002";
    assertThat(outbox.sentTo(dutyPhone, 50))
        .filteredOn(m -> m.body().contains("#" + problem))
        .hasSize(1)
        .allSatisfy(m -> assertThat(m.body()).contains("楼道灯坏了").contains("+86" + resident.phone()));
    assertThat(
            admin
                .get("/api/v1/staff/communities/" + community + "/hotline-log")
                .<List<Map<String, Object>>>at("contacts"))
        .anySatisfy(
            c -> {
              assertThat(c.get("channel")).isEqualTo("WEB");
              assertThat(c.get("from")).isEqualTo("留言人");
            });
  }

  @Test
  void adminsAreWarnedOnceADayOfHoursWithNobodyOnDuty() {
    Browser gongren = staff("13800000011");
    long other = gongren.get("/api/v1/me").<Number>at("staffNode.id").longValue();
    long leader = idOf("13800001004");
    Instant later = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
    Browser.Reply saved =
        gongren.put(
            "/api/v1/staff/communities/" + other + "/roster/rotation",
            Map.of("firstStart", later.toString(), "shiftHours", 24, "memberIds", List.of(leader)));
    assertThat(saved.status()).as(saved.text()).isEqualTo(200);
    assertThat(saved.<List<?>>at("gaps")).hasSize(1);

    coverage.warnOfGaps(Instant.now());
    coverage.warnOfGaps(Instant.now());
    assertThat(outbox.sentTo("+8613800000011", 50))
        .filteredOn(m -> m.purpose().equals("duty-gaps"))
        .hasSize(1)
        .allSatisfy(m -> assertThat(m.body()).contains("无人值班"));
    // 民主路社区 is covered: its admin hears nothing.
    assertThat(outbox.sentTo("+8613800000010", 50)).noneMatch(m -> m.purpose().equals("duty-gaps"));
  }
}
