package org.onegrid.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.CityFiles;
import org.onegrid.support.DemoCity;

/**
 * A community admin sets up a new clinic service with its hours without code, residents book it at
 * once, and only the admins over the community may touch it.
 */
@MicronautTest
class ClinicSetupTest extends ApiTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static Map<String, Object> settings(String name, List<Map<String, Object>> hours) {
    return Map.of(
        "kind", "CLINIC_VISIT",
        "name", name,
        "slotMinutes", 30,
        "capacity", 1,
        "minNoticeHours", 0,
        "horizonDays", 7,
        "cancelCutoffHours", 1,
        "hours", hours);
  }

  /** Every day of the week, 08:00–11:30. */
  private static List<Map<String, Object>> everyMorning() {
    return IntStream.rangeClosed(1, 7)
        .mapToObj(d -> Map.<String, Object>of("weekday", d, "opens", "08:00", "closes", "11:30"))
        .toList();
  }

  private long community(Browser admin) {
    return ((Number) admin.get("/api/v1/staff/home").at("node.id")).longValue();
  }

  @Test
  void aCommunityAdminAddsAServiceWithHoursAndAResidentBooksIt() {
    Browser admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    long community = community(admin);
    Browser.Reply provider =
        admin.post(
            "/api/v1/admin/communities/" + community + "/clinic/providers",
            Map.of("kind", "HEALTH_STATION", "name", "民主路社区卫生服务站分站", "phone", "0371-6801 2001"));
    assertThat(provider.status()).as(provider.text()).isEqualTo(201);
    Browser.Reply service =
        admin.post(
            "/api/v1/admin/clinic/providers/" + provider.at("id") + "/services",
            settings("中医理疗", everyMorning()));
    assertThat(service.status()).as(service.text()).isEqualTo(201);
    Object serviceId = service.at("id");
    assertThat(service.<List<Object>>at("hours")).hasSize(7);

    Resident resident = residentOfMinzhulu1("卢阿姨", "4101");
    assertThat(resident.browser().get("/api/v1/clinic/providers").text()).contains("中医理疗");
    List<Map<String, Object>> slots =
        resident.browser().get("/api/v1/clinic/services/" + serviceId + "/slots").list();
    assertThat(slots).isNotEmpty();
    Object startsAt = slots.get(slots.size() - 1).get("startsAt");
    Browser.Reply booked =
        resident
            .browser()
            .send(
                "POST",
                "/api/v1/clinic/bookings",
                Map.of("serviceId", serviceId, "startsAt", startsAt, "reason", "腰疼"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(booked.status()).as(booked.text()).isEqualTo(201);

    // That day cannot be closed while the booking stands; another day can, and its slots go.
    LocalDate day = LocalDate.ofInstant(Instant.parse(startsAt.toString()), ZONE);
    Browser.Reply refused =
        admin.post(
            "/api/v1/admin/clinic/services/" + serviceId + "/closures",
            Map.of("day", day.toString(), "reason", "培训"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.<String>at("detail")).contains("还有 1 个预约");
    LocalDate other = day.minusDays(1);
    assertThat(
            admin
                .post(
                    "/api/v1/admin/clinic/services/" + serviceId + "/closures",
                    Map.of("day", other.toString(), "reason", "培训"))
                .status())
        .isEqualTo(201);
    assertThat(resident.browser().get("/api/v1/clinic/services/" + serviceId + "/slots").list())
        .noneMatch(
            s ->
                LocalDate.ofInstant(Instant.parse(s.get("startsAt").toString()), ZONE)
                    .equals(other));

    // Taken off the list: residents no longer see it; the booking made stays.
    Map<String, Object> off = new HashMap<>(settings("中医理疗", everyMorning()));
    off.put("active", false);
    assertThat(admin.put("/api/v1/admin/clinic/services/" + serviceId, off).status())
        .isEqualTo(200);
    assertThat(resident.browser().get("/api/v1/clinic/providers").text()).doesNotContain("中医理疗");
    assertThat(resident.browser().get("/api/v1/me/clinic-bookings").text()).contains("中医理疗");

    // The street admin above reads who did it; the admin of another community does not.
    assertThat(staff(DemoCity.STREET_ADMIN_JIANZHONG).get("/api/v1/admin/audit").text())
        .contains("clinic.service.add")
        .contains("中医理疗");
    assertThat(staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU).get("/api/v1/admin/audit").text())
        .doesNotContain("中医理疗");
  }

  @Test
  void anAdminAddsAClinicianWhoSignsInAndSetsTheGridsAnAreaDoctorServes() {
    Browser admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    long community = community(admin);
    Object provider =
        admin
            .post(
                "/api/v1/admin/communities/" + community + "/clinic/providers",
                Map.of("kind", "AREA_DOCTOR", "name", "第二片医团队"))
            .at("id");
    String base = "/api/v1/admin/clinic/providers/" + provider;
    Browser.Reply added =
        admin.post(base + "/staff", Map.of("name", "孙医生", "phone", "13766680001"));
    assertThat(added.status()).as(added.text()).isEqualTo(201);
    assertThat(added.<List<Map<String, Object>>>at("staff"))
        .extracting(c -> c.get("name"))
        .containsExactly("孙医生");
    // A phone that is someone else's is not taken over.
    assertThat(
            admin
                .post(base + "/staff", Map.of("name", "冒名", "phone", DemoCity.LEADER_MINZHULU_1))
                .status())
        .isEqualTo(409);
    Browser doctor = CityFiles.signedInStaff(browser(), outbox, "13766680001");
    assertThat(doctor.get("/api/v1/clinician/providers").text()).contains("第二片医团队");

    // The grids it serves: those of this community only.
    List<Map<String, Object>> children =
        admin.get("/api/v1/staff/nodes/" + community).at("children");
    Object zone = ((Map<?, ?>) children.get(0).get("node")).get("id");
    List<Map<String, Object>> gridsOfZone = admin.get("/api/v1/staff/nodes/" + zone).at("children");
    Object grid = ((Map<?, ?>) gridsOfZone.get(0).get("node")).get("id");
    Browser.Reply served = admin.put(base + "/grids", Map.of("gridIds", List.of(grid)));
    assertThat(served.status()).as(served.text()).isEqualTo(200);
    assertThat(served.<List<Map<String, Object>>>at("grids")).hasSize(1);
    assertThat(admin.put(base + "/grids", Map.of("gridIds", List.of(zone))).status())
        .isEqualTo(400);

    Object doctorId = added.<List<Map<String, Object>>>at("staff").get(0).get("id");
    Browser.Reply removed = admin.send("DELETE", base + "/staff/" + doctorId, null, Map.of());
    assertThat(removed.status()).as(removed.text()).isEqualTo(200);
    assertThat(removed.<List<Object>>at("staff")).isEmpty();
    assertThat(doctor.get("/api/v1/clinician/providers").text()).doesNotContain("第二片医团队");
    assertThat(admin.get("/api/v1/admin/audit").text())
        .contains("clinic.staff.add")
        .contains("clinic.grids");
  }

  @Test
  void hoursThatOverlapOrHoldNoSlotAreRefusedInTheAdminsLanguage() {
    Browser admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU).language("en");
    long community = community(admin);
    Object provider =
        admin
            .post(
                "/api/v1/admin/communities/" + community + "/clinic/providers",
                Map.of("kind", "HOSPITAL", "name", "测试医院"))
            .at("id");
    Browser.Reply overlap =
        admin.post(
            "/api/v1/admin/clinic/providers/" + provider + "/services",
            settings(
                "x",
                List.of(
                    Map.of("weekday", 1, "opens", "08:00", "closes", "11:00"),
                    Map.of("weekday", 1, "opens", "10:30", "closes", "12:00"))));
    assertThat(overlap.status()).isEqualTo(400);
    assertThat(overlap.text()).contains("must not overlap");
    Browser.Reply tooShort =
        admin.post(
            "/api/v1/admin/clinic/providers/" + provider + "/services",
            settings("x", List.of(Map.of("weekday", 2, "opens", "08:00", "closes", "08:10"))));
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.text()).contains("hold at least one slot");
  }

  @Test
  void onlyTheAdminsOverTheCommunitySetUpItsClinic() {
    Browser admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    long community = community(admin);
    String path = "/api/v1/admin/communities/" + community + "/clinic";
    assertThat(admin.get(path).text()).contains("民主路社区卫生服务站");
    assertThat(staff(DemoCity.CITY_ADMIN).get(path).status()).isEqualTo(200);
    assertThat(staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU).get(path).status()).isEqualTo(404);
    assertThat(staff(DemoCity.LEADER_MINZHULU_1).get(path).status()).isEqualTo(403);
    Browser.Reply stranger =
        staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU)
            .post(path + "/providers", Map.of("kind", "HOSPITAL", "name", "冒名医院"));
    assertThat(stranger.status()).isEqualTo(404);
  }
}
