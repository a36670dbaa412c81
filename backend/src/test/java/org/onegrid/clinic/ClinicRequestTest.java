package org.onegrid.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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
 * Home visits and green-channel referrals of the demo city: the area doctor 赵明 (13800003001) serves
 * 民主路 grids 1 and 2, 陈静 (13800003002) the partner hospital's green channel. The grid leader hears
 * about people on the care list, never why.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicRequestTest extends ApiTest {

  private static final String WHY = "腿脚不便，最近血糖控制不好";
  private static final String REFERRAL_WHY = "胸闷气短一周，社区建议尽快做心脏检查";

  private Browser doctor;
  private Browser hospital;
  private Browser leader;
  private long homeVisitService;

  @BeforeAll
  void theDoctorTheHospitalAndTheLeaderSignIn() {
    doctor = staff("13800003001");
    hospital = staff("13800003002");
    leader = staff(DemoCity.LEADER_MINZHULU_1);
    homeVisitService =
        doctor.get("/api/v1/clinician/providers").list().stream()
            .filter(p -> p.get("kind").equals("AREA_DOCTOR"))
            .flatMap(p -> services(p).stream())
            .findFirst()
            .map(s -> ((Number) s.get("id")).longValue())
            .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> services(Map<String, Object> provider) {
    return (List<Map<String, Object>>) provider.get("services");
  }

  private static long idOf(Browser b) {
    return b.get("/api/v1/me").<Number>at("id").longValue();
  }

  Browser.Reply askHomeVisit(Browser b, String key) {
    Map<String, Object> body = new HashMap<>();
    body.put("serviceId", homeVisitService);
    body.put("reason", WHY);
    body.put("preferred", "工作日上午");
    return b.send("POST", "/api/v1/clinic/home-visits", body, Map.of("Idempotency-Key", key));
  }

  @Test
  void theAreaDoctorSchedulesAHomeVisitAndTheCareLeaderHearsThatButNotWhy() {
    Resident resident = residentOfMinzhulu1("孤老人", "1601");
    long residentId = idOf(resident.browser());
    assertThat(
            leader
                .put(
                    "/api/v1/staff/care-list/" + residentId,
                    Map.of("kind", "ELDERLY_ALONE", "note", "独居"))
                .status())
        .isEqualTo(200);
    assertThat(resident.browser().get("/api/v1/clinic/providers").list())
        .anySatisfy(p -> assertThat(p.get("kind")).isEqualTo("AREA_DOCTOR"));

    String key = UUID.randomUUID().toString();
    Browser.Reply asked = askHomeVisit(resident.browser(), key);
    assertThat(asked.status()).as(asked.text()).isEqualTo(201);
    assertThat(askHomeVisit(resident.browser(), key).<Number>at("id"))
        .isEqualTo(asked.<Number>at("id"));
    assertThat(asked.<String>at("address")).contains("1号楼").contains("1601");
    assertThat(asked.<String>at("reason")).isEqualTo(WHY);
    long id = asked.<Number>at("id").longValue();

    // The leader hears a care-list resident asked for a visit; the SMS does not say why.
    assertThat(outbox.sentTo("+86" + DemoCity.LEADER_MINZHULU_1, 50))
        .anySatisfy(m -> assertThat(m.body()).contains("孤老人").contains("上门服务"))
        .noneSatisfy(m -> assertThat(m.body()).contains("血糖"));

    List<Map<String, Object>> open = doctor.get("/api/v1/clinician/requests").list();
    Map<String, Object> mine =
        open.stream()
            .filter(r -> ((Number) r.get("id")).longValue() == id)
            .findFirst()
            .orElseThrow();
    assertThat(mine.get("reason")).isEqualTo(WHY);
    assertThat(mine.get("patientPhone")).isEqualTo("+86" + resident.phone());
    assertThat(mine.get("onCareList")).isEqualTo(true);
    assertThat(hospital.get("/api/v1/clinician/requests").text()).doesNotContain(WHY);

    Instant at = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    Browser.Reply scheduled =
        doctor.post(
            "/api/v1/clinic/requests/" + id + "/schedule",
            Map.of("at", at.toString(), "note", "请家里留人开门"));
    assertThat(scheduled.status()).as(scheduled.text()).isEqualTo(200);
    assertThat(scheduled.<String>at("status")).isEqualTo("SCHEDULED");
    assertThat(outbox.sentTo("+86" + resident.phone(), 10))
        .anySatisfy(m -> assertThat(m.body()).contains("已为孤老人安排在").contains("请家里留人开门"));
    assertThat(outbox.sentTo("+86" + DemoCity.LEADER_MINZHULU_1, 50))
        .anySatisfy(m -> assertThat(m.body()).contains("孤老人").contains("已安排在"));

    // The leader's follow-up list shows the visit and when, never why.
    long grid =
        ((Number) resident.browser().get("/api/v1/me").<Object>at("home.gridId")).longValue();
    Browser.Reply visits =
        leader.get("/api/v1/staff/clinic/visits?nodeId=" + grid + "&careList=true");
    assertThat(visits.list())
        .anySatisfy(
            v -> {
              assertThat(v.get("patientName")).isEqualTo("孤老人");
              assertThat(v.get("status")).isEqualTo("SCHEDULED");
            });
    assertThat(visits.text()).doesNotContain(WHY).doesNotContain("请家里留人开门");

    assertThat(
            doctor.post("/api/v1/clinic/requests/" + id + "/done", Map.of()).<String>at("status"))
        .isEqualTo("DONE");
    assertThat(doctor.post("/api/v1/clinic/requests/" + id + "/done", Map.of()).status())
        .isEqualTo(409);
  }

  @Test
  void aDeclinedVisitSaysWhyToTheHouseholdAndOthersCannotTouchIt() {
    Resident resident = residentOfMinzhulu1("请上门", "1602");
    long id =
        askHomeVisit(resident.browser(), UUID.randomUUID().toString()).<Number>at("id").longValue();
    Resident neighbour = residentOfMinzhulu1("邻居", "1603");
    for (Browser stranger : List.of(neighbour.browser(), hospital, leader)) {
      assertThat(
              stranger
                  .post("/api/v1/clinic/requests/" + id + "/decline", Map.of("reason", "x"))
                  .status())
          .isEqualTo(404);
      assertThat(stranger.post("/api/v1/clinic/requests/" + id + "/cancel", Map.of()).status())
          .isEqualTo(404);
    }
    assertThat(neighbour.browser().get("/api/v1/me/clinic-requests").text()).doesNotContain(WHY);
    assertThat(
            doctor
                .post("/api/v1/clinic/requests/" + id + "/decline", Map.of("reason", ""))
                .status())
        .isEqualTo(400);
    Browser.Reply declined =
        doctor.post(
            "/api/v1/clinic/requests/" + id + "/decline", Map.of("reason", "本周出诊已满，请先到服务站就诊"));
    assertThat(declined.<String>at("status")).isEqualTo("DECLINED");
    assertThat(outbox.sentTo("+86" + resident.phone(), 10))
        .anySatisfy(m -> assertThat(m.body()).contains("本周出诊已满"));
    Map<String, Object> seen = resident.browser().get("/api/v1/me/clinic-requests").list().get(0);
    assertThat(seen.get("status")).isEqualTo("DECLINED");
    assertThat(seen.get("providerNote")).isEqualTo("本周出诊已满，请先到服务站就诊");
    assertThat(seen.get("reason")).isEqualTo(WHY);
  }

  @Test
  void aResidentOfAGridTheAreaDoctorDoesNotServeCannotAskThem() {
    Resident elsewhere = residentOf("工人新村", "别处", "1604");
    assertThat(askHomeVisit(elsewhere.browser(), UUID.randomUUID().toString()).status())
        .isEqualTo(404);
    assertThat(elsewhere.browser().get("/api/v1/clinic/providers").list())
        .noneSatisfy(p -> assertThat(p.get("kind")).isEqualTo("AREA_DOCTOR"));
  }

  @Test
  void cliniciansCannotReferStrangersAndSoLearnNothingOfThem() {
    Resident stranger = residentOfMinzhulu1("没看过病", "1606");
    long strangerId = idOf(stranger.browser());
    Object serviceId =
        leader.get("/api/v1/clinic/green-channels?patientId=" + strangerId).list().get(0).get("id");
    for (Browser clinician : List.of(hospital, doctor)) {
      assertThat(clinician.get("/api/v1/clinic/green-channels?patientId=" + strangerId).status())
          .isEqualTo(404);
      Browser.Reply walked =
          clinician.post(
              "/api/v1/clinic/referrals",
              Map.of("serviceId", serviceId, "patientId", strangerId, "reason", "看看"));
      assertThat(walked.status()).isEqualTo(404);
      assertThat(walked.text()).doesNotContain("没看过病").doesNotContain(stranger.phone());
    }
  }

  @Test
  void aGridLeaderRefersAResidentToTheGreenChannelAndTheHospitalSetsATime() {
    Resident resident = residentOfMinzhulu1("转诊人", "1605");
    long residentId = idOf(resident.browser());
    List<Map<String, Object>> channels =
        leader.get("/api/v1/clinic/green-channels?patientId=" + residentId).list();
    assertThat(channels).hasSize(1);
    Object serviceId = channels.get(0).get("id");
    Map<String, Object> body =
        Map.of("serviceId", serviceId, "patientId", residentId, "reason", REFERRAL_WHY);
    String key = UUID.randomUUID().toString();
    Browser.Reply referred =
        leader.send("POST", "/api/v1/clinic/referrals", body, Map.of("Idempotency-Key", key));
    assertThat(referred.status()).as(referred.text()).isEqualTo(201);
    assertThat(
            leader
                .send("POST", "/api/v1/clinic/referrals", body, Map.of("Idempotency-Key", key))
                .<Number>at("id"))
        .isEqualTo(referred.<Number>at("id"));
    // Once made, the referral shows the leader that it exists, not why.
    assertThat(referred.<Object>at("reason")).isNull();
    long id = referred.<Number>at("id").longValue();
    assertThat(outbox.sentTo("+86" + resident.phone(), 10))
        .anySatisfy(m -> assertThat(m.body()).contains("李秀英").contains("郑州大学第一附属医院"));

    // Nobody else refers: the resident themselves, a leader of another community, a resident.
    assertThat(resident.browser().post("/api/v1/clinic/referrals", body).status()).isEqualTo(404);
    assertThat(
            staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU)
                .post("/api/v1/clinic/referrals", body)
                .status())
        .isEqualTo(404);

    assertThat(hospital.get("/api/v1/clinician/requests").list())
        .anySatisfy(
            r -> {
              assertThat(r.get("id")).isEqualTo(referred.<Number>at("id"));
              assertThat(r.get("reason")).isEqualTo(REFERRAL_WHY);
              assertThat(r.get("kind")).isEqualTo("REFERRAL");
            });
    Instant at = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    assertThat(
            doctor
                .post("/api/v1/clinic/requests/" + id + "/schedule", Map.of("at", at.toString()))
                .status())
        .isEqualTo(404);
    assertThat(
            hospital
                .post(
                    "/api/v1/clinic/requests/" + id + "/schedule",
                    Map.of("at", "2020-01-01T00:00:00Z"))
                .status())
        .isEqualTo(400);
    Browser.Reply scheduled =
        hospital.post(
            "/api/v1/clinic/requests/" + id + "/schedule",
            Map.of("at", at.toString(), "note", "门诊楼一楼绿色通道窗口找王护士"));
    assertThat(scheduled.<String>at("status")).isEqualTo("SCHEDULED");
    assertThat(outbox.sentTo("+86" + resident.phone(), 10))
        .anySatisfy(m -> assertThat(m.body()).contains("王护士"));
    assertThat(outbox.sentTo("+86" + DemoCity.LEADER_MINZHULU_1, 50))
        .anySatisfy(m -> assertThat(m.body()).contains("转诊人").contains("已为转诊人安排在"));
    assertThat(resident.browser().get("/api/v1/me/clinic-requests").list().get(0).get("reason"))
        .isEqualTo(REFERRAL_WHY);
  }

  @Test
  void onlyStaffReachingTheResidentKeepTheCareList() {
    Resident resident = residentOfMinzhulu1("关怀", "1606");
    long id = idOf(resident.browser());
    Map<String, Object> body = Map.of("kind", "ELDERLY_ALONE");
    assertThat(
            staff(DemoCity.LEADER_MINZHULU_2).put("/api/v1/staff/care-list/" + id, body).status())
        .isEqualTo(404);
    assertThat(resident.browser().put("/api/v1/staff/care-list/" + id, body).status())
        .isEqualTo(403);
    assertThat(doctor.put("/api/v1/staff/care-list/" + id, body).status()).isEqualTo(403);
    assertThat(leader.put("/api/v1/staff/care-list/" + id, Map.of("kind", "RICH")).status())
        .isEqualTo(400);
    assertThat(leader.put("/api/v1/staff/care-list/" + id, body).status()).isEqualTo(200);
    long grid =
        ((Number) resident.browser().get("/api/v1/me").<Object>at("home.gridId")).longValue();
    assertThat(leader.get("/api/v1/staff/grids/" + grid + "/care-list").list())
        .anySatisfy(e -> assertThat(e.get("name")).isEqualTo("关怀"));
    assertThat(leader.send("DELETE", "/api/v1/staff/care-list/" + id, null).status())
        .isEqualTo(204);
    assertThat(leader.get("/api/v1/staff/grids/" + grid + "/care-list").list())
        .noneSatisfy(e -> assertThat(e.get("name")).isEqualTo("关怀"));
  }
}
