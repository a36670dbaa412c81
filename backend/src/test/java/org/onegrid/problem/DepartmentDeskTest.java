package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Departments;
import org.onegrid.support.Images;

/**
 * A department answers through the link in its text, with no account: it reads the problem, accepts
 * it, reports progress and records the fix (the reporter is told), or sends it back (the grid is
 * told); the link works only while the problem is with that department, and staff can withdraw it.
 */
@MicronautTest
class DepartmentDeskTest extends ApiTest {

  private String handToWater(Browser leader, long id) {
    return Departments.handToWater(leader, outbox, id, "水表归自来水公司");
  }

  @Test
  void theDepartmentAcceptsReportsProgressAndRecordsTheFixWhichTheReporterHears() {
    Resident reporter = residentOfMinzhulu1("龚大姐", "803");
    long id = reportWater(reporter, "水表井漏水，联系我 13712345678");
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    String token = handToWater(leader, id);
    Browser officer = browser();
    String path = "/api/v1/department-links/" + token;

    Browser.Reply task = officer.get(path);
    assertThat(task.status()).as(task.text()).isEqualTo(200);
    assertThat(task.<String>at("department")).isEqualTo("自来水公司");
    assertThat(task.<String>at("description")).contains("水表井漏水");
    assertThat(task.<Boolean>at("open")).isTrue();
    assertThat(task.text())
        .doesNotContain("龚大姐")
        .doesNotContain(reporter.phone())
        .doesNotContain("13712345678");

    assertThat(officer.post(path + "/steps", Map.of("step", "ACCEPT")).status()).isEqualTo(200);
    Browser.Reply noWords = officer.post(path + "/steps", Map.of("step", "PROGRESS", "text", " "));
    assertThat(noWords.status()).isEqualTo(400);
    assertThat(noWords.header("Content-Type")).startsWith("application/problem+json");
    officer.post(path + "/steps", Map.of("step", "PROGRESS", "text", "维修班组下午到场"));
    // The fix goes with a photo, sent through the link; one uploaded by anyone else is refused.
    Browser.Reply photo =
        officer.send("POST", path + "/photos", Images.png(), Map.of("Content-Type", "image/png"));
    assertThat(photo.status()).as(photo.text()).isEqualTo(201);
    long photoId = photo.<Number>at("id").longValue();
    assertThat(officer.get("/api/v1/photos/" + photoId).status()).isIn(401, 404);
    long residents =
        reporter
            .browser()
            .send("POST", "/api/v1/photos", Images.png(), Map.of("Content-Type", "image/png"))
            .<Number>at("id")
            .longValue();
    Browser.Reply borrowed =
        officer.post(
            path + "/steps",
            Map.of("step", "RESOLVE", "text", "已更换水表井盖", "photoIds", List.of(residents)));
    assertThat(borrowed.status()).isEqualTo(400);
    assertThat(borrowed.text()).contains("photoIds");
    Browser.Reply fixed =
        officer.post(
            path + "/steps",
            Map.of("step", "RESOLVE", "text", "已更换水表井盖", "photoIds", List.of(photoId)));
    assertThat(fixed.status()).as(fixed.text()).isEqualTo(200);
    assertThat(leader.get("/api/v1/problems/" + id).text()).contains("/api/v1/photos/" + photoId);
    assertThat(leader.get("/api/v1/photos/" + photoId).status()).isEqualTo(200);
    assertThat(reporter.browser().get("/api/v1/photos/" + photoId).status()).isEqualTo(200);
    assertThat(staff(DemoCity.LEADER_GONGREN_2).get("/api/v1/photos/" + photoId).status())
        .isEqualTo(404);
    assertThat(fixed.<String>at("state")).isEqualTo("RESOLVED");
    assertThat(fixed.<Boolean>at("open")).isFalse();

    // The grid sees every step on the timeline; the reporter is told as when staff fix it.
    List<Map<String, Object>> timeline = leader.get("/api/v1/problems/" + id).at("timeline");
    assertThat(timeline)
        .extracting(e -> e.get("action"))
        .containsSubsequence(
            "TRANSFER_DEPARTMENT", "DEPARTMENT_ACCEPT", "DEPARTMENT_PROGRESS", "RESOLVE");
    assertThat(timeline)
        .anySatisfy(e -> assertThat(String.valueOf(e.get("reason"))).contains("已更换水表井盖"));
    assertThat(outbox.sentTo("+86" + reporter.phone(), 20))
        .anySatisfy(m -> assertThat(m.body()).contains("编号 " + id).contains("已更换水表井盖"));

    // The problem has left the department: the link has ended, for reading and for answering.
    assertThat(officer.get(path).status()).isEqualTo(410);
    Browser.Reply late = officer.post(path + "/steps", Map.of("step", "PROGRESS", "text", "再看看"));
    assertThat(late.status()).isEqualTo(410);
    assertThat(late.text()).contains("链接已失效");
  }

  @Test
  void sentBackTheGridWorksOnItAgainAndARevokedOrUnknownLinkOpensNothing() {
    Resident reporter = residentOfMinzhulu1("龚大爷", "804");
    long id = reportWater(reporter, "楼道水管滴水");
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    String token = handToWater(leader, id);
    Browser officer = browser();
    Browser.Reply back =
        officer.post(
            "/api/v1/department-links/" + token + "/steps",
            Map.of("step", "SEND_BACK", "text", "楼内管道归物业"));
    assertThat(back.<String>at("state")).isEqualTo("IN_PROGRESS");
    assertThat(leader.get("/api/v1/problems/" + id).<String>at("state")).isEqualTo("IN_PROGRESS");
    assertThat(leader.get("/api/v1/me/notifications").text()).contains("楼内管道归物业");
    assertThat(officer.get("/api/v1/department-links/" + token).status()).isEqualTo(410);

    // Handed again: a new link; staff withdraw it (a text to the wrong phone) and it ends.
    String again = handToWater(leader, id);
    assertThat(again).isNotEqualTo(token);
    assertThat(officer.get("/api/v1/department-links/" + again).status()).isEqualTo(200);
    assertThat(
            staff(DemoCity.LEADER_MINZHULU_2)
                .post("/api/v1/problems/" + id + "/department-link/revoke", Map.of())
                .status())
        .isEqualTo(404);
    assertThat(leader.post("/api/v1/problems/" + id + "/department-link/revoke", Map.of()).status())
        .isEqualTo(204);
    assertThat(officer.get("/api/v1/department-links/" + again).status()).isEqualTo(410);

    assertThat(officer.get("/api/v1/department-links/" + "x".repeat(40)).status()).isEqualTo(404);
    assertThat(officer.get("/api/v1/department-links/" + "x".repeat(300)).status()).isIn(400, 404);
  }
}
