package org.onegrid.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/**
 * Why someone sees a doctor is for them and the provider's staff: every clinic endpoint, walked as
 * a neighbour, the grid leader, the admins above and a clinician of another provider, never shows
 * it, and nothing they try changes anything.
 */
@MicronautTest
class ClinicPrivacyTest extends ApiTest {

  private static final String BOOKING_WHY = "想复查一下甲状腺结节";
  private static final String VISIT_WHY = "卧床三个月，需要换药";

  @Test
  void theReasonForAVisitReachesNobodyButTheHouseholdAndTheProvider() {
    Browser doctor = staff("13800003001");
    Resident resident = residentOfMinzhulu1("隐私", "1801");
    Map<String, Object> station =
        resident.browser().get("/api/v1/clinic/providers").list().stream()
            .filter(p -> p.get("kind").equals("HEALTH_STATION"))
            .findFirst()
            .orElseThrow();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> services = (List<Map<String, Object>>) station.get("services");
    Map<String, Object> practice =
        services.stream()
            .filter(s -> s.get("kind").equals("CLINIC_VISIT"))
            .findFirst()
            .orElseThrow();
    Object serviceId = practice.get("id");
    List<Map<String, Object>> slots =
        resident.browser().get("/api/v1/clinic/services/" + serviceId + "/slots").list();
    Object start = slots.get(slots.size() - 1).get("startsAt");
    Browser.Reply booking =
        resident
            .browser()
            .send(
                "POST",
                "/api/v1/clinic/bookings",
                Map.of("serviceId", serviceId, "startsAt", start, "reason", BOOKING_WHY),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(booking.status()).as(booking.text()).isEqualTo(201);
    long homeVisitService =
        resident.browser().get("/api/v1/clinic/providers").list().stream()
            .filter(p -> p.get("kind").equals("AREA_DOCTOR"))
            .map(p -> ((List<Map<String, Object>>) p.get("services")).get(0).get("id"))
            .map(id -> ((Number) id).longValue())
            .findFirst()
            .orElseThrow();
    Browser.Reply visit =
        resident
            .browser()
            .send(
                "POST",
                "/api/v1/clinic/home-visits",
                Map.of("serviceId", homeVisitService, "reason", VISIT_WHY),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(visit.status()).as(visit.text()).isEqualTo(201);
    long bookingId = booking.<Number>at("id").longValue();
    long visitId = visit.<Number>at("id").longValue();
    String day =
        LocalDate.ofInstant(Instant.parse((String) start), ZoneId.of("Asia/Shanghai")).toString();
    long grid =
        ((Number) resident.browser().get("/api/v1/me").<Object>at("home.gridId")).longValue();

    Browser neighbour = residentOfMinzhulu1("邻居", "1802").browser();
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    Browser admin = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    Browser street = staff(DemoCity.STREET_ADMIN_JIANZHONG);
    Browser city = staff(DemoCity.CITY_ADMIN);
    Browser hospital = staff("13800003002");
    for (Browser other : List.of(neighbour, leader, admin, street, city, hospital)) {
      List<String> reads =
          new ArrayList<>(
              List.of(
                  "/api/v1/me/clinic-bookings",
                  "/api/v1/me/clinic-waitlist",
                  "/api/v1/me/clinic-requests",
                  "/api/v1/notifications",
                  "/api/v1/clinic/bookings/" + bookingId + "/calendar.ics",
                  "/api/v1/clinic/services/" + serviceId + "/day?date=" + day,
                  "/api/v1/clinician/requests",
                  "/api/v1/clinician/requests?open=false",
                  "/api/v1/staff/clinic/visits?nodeId=" + grid));
      Map<String, Object> node = other.get("/api/v1/me").at("staffNode");
      if (node != null) {
        reads.add("/api/v1/staff/clinic/visits?nodeId=" + node.get("id"));
      }
      for (String path : reads) {
        Browser.Reply reply = other.get(path);
        assertThat(reply.status()).as(path).isLessThan(500);
        assertThat(reply.text()).as(path).doesNotContain(BOOKING_WHY).doesNotContain(VISIT_WHY);
      }
      for (String action :
          List.of(
              "/api/v1/clinic/bookings/" + bookingId + "/cancel",
              "/api/v1/clinic/requests/" + visitId + "/cancel",
              "/api/v1/clinic/requests/" + visitId + "/done")) {
        assertThat(other.post(action, Map.of()).status()).as(action).isIn(403, 404);
      }
      assertThat(
              other
                  .post(
                      "/api/v1/clinic/bookings/" + bookingId + "/attendance",
                      Map.of("attended", false))
                  .status())
          .isIn(403, 404);
      assertThat(
              other
                  .post(
                      "/api/v1/clinic/bookings/" + bookingId + "/reschedule",
                      Map.of("startsAt", slots.get(slots.size() - 2).get("startsAt")))
                  .status())
          .isIn(403, 404);
      assertThat(
              other
                  .post(
                      "/api/v1/clinic/requests/" + visitId + "/schedule",
                      Map.of("at", Instant.now().plusSeconds(86_400).toString()))
                  .status())
          .isIn(403, 404);
      assertThat(
              other
                  .post("/api/v1/clinic/requests/" + visitId + "/decline", Map.of("reason", "x"))
                  .status())
          .isIn(403, 404);
    }
    // Supervisors see that the visits exist.
    assertThat(leader.get("/api/v1/staff/clinic/visits?nodeId=" + grid).list())
        .filteredOn(v -> "隐私".equals(v.get("patientName")))
        .hasSize(2);
    // Nothing the others tried changed anything; the household and the doctor see why.
    assertThat(resident.browser().get("/api/v1/me/clinic-bookings").list())
        .anySatisfy(
            b -> {
              assertThat(b.get("reason")).isEqualTo(BOOKING_WHY);
              assertThat(b.get("status")).isEqualTo("BOOKED");
              assertThat(b.get("startsAt")).isEqualTo(start);
            });
    assertThat(resident.browser().get("/api/v1/me/clinic-requests").list().get(0))
        .containsEntry("reason", VISIT_WHY)
        .containsEntry("status", "REQUESTED");
    assertThat(doctor.get("/api/v1/clinic/services/" + serviceId + "/day?date=" + day).text())
        .contains(BOOKING_WHY);
    assertThat(doctor.get("/api/v1/clinician/requests").text()).contains(VISIT_WHY);
  }
}
