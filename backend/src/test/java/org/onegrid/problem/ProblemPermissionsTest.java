package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
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
 * Who may do what to a problem, endpoint by endpoint. Resident A reported it with her name hidden;
 * B lives in the same grid, C in another community; the leader of A's grid handles it, the leader
 * of the next grid and a leader of another community may not touch it. Every refused call leaves
 * the problem as it was.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemPermissionsTest extends ApiTest {

  private Resident a;
  private Browser b;
  private Browser c;
  private Browser leader;
  private Browser nextGridLeader;
  private Browser otherCommunityLeader;
  private long problem;
  private long otherProblem;
  private long attachedPhoto;
  private long loosePhoto;

  @BeforeAll
  void reportAsA() {
    a = residentOfMinzhulu1("严阿姨", "1101");
    b = residentOfMinzhulu1("苏大爷", "1102").browser();
    c = residentOf("工人新村", "潘先生", "1103").browser();
    leader = staff(DemoCity.LEADER_MINZHULU_1);
    nextGridLeader = staff(DemoCity.LEADER_MINZHULU_2);
    otherCommunityLeader = staff(DemoCity.LEADER_GONGREN_2);
    attachedPhoto = photo(a.browser());
    loosePhoto = photo(a.browser());
    problem = report(a.browser(), "家里漏水影响楼下，我的名字请别公开", List.of(attachedPhoto), true);
    otherProblem = report(a.browser(), "另一个问题", List.of(), false);
    a.browser()
        .post(
            "/api/v1/problems/" + problem + "/messages",
            Map.of("body", "我家电话随时可以打", "clientKey", UUID.randomUUID().toString()));
  }

  long photo(Browser who) {
    return who.send(
            "POST", "/api/v1/photos", PhotoTest.pngBytes(), Map.of("Content-Type", "image/png"))
        .<Number>at("id")
        .longValue();
  }

  long report(Browser who, String text, List<Long> photos, boolean hide) {
    Browser.Reply reply =
        who.send(
            "POST",
            "/api/v1/problems",
            Map.of(
                "categoryCode",
                "water_supply",
                "description",
                text,
                "hideReporter",
                hide,
                "visibility",
                "PUBLIC",
                "photoIds",
                photos),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.<Number>at("id").longValue();
  }

  record Call(String who, Browser browser, String method, String path, Object body, int status) {}

  List<Call> calls() {
    String p = "/api/v1/problems/" + problem;
    Map<String, Object> accept = Map.of("action", "ACCEPT");
    Map<String, Object> confirm = Map.of("action", "CONFIRM", "rating", 1);
    Map<String, Object> note =
        Map.of("body", "插一句", "clientKey", UUID.randomUUID().toString(), "internal", false);
    Map<String, Object> transfer = Map.of("departmentId", 1, "reason", "试试");
    Map<String, Object> merge = Map.of("intoId", otherProblem);
    List<Call> calls = new ArrayList<>();
    // Reading the problem: A, her neighbour B (public view) and the leader; nobody else.
    calls.add(new Call("A", a.browser(), "GET", p, null, 200));
    calls.add(new Call("B", b, "GET", p, null, 200));
    calls.add(new Call("C", c, "GET", p, null, 404));
    calls.add(new Call("leader", leader, "GET", p, null, 200));
    calls.add(new Call("next grid", nextGridLeader, "GET", p, null, 404));
    calls.add(new Call("other community", otherCommunityLeader, "GET", p, null, 404));
    // The thread is between A and staff.
    calls.add(new Call("A", a.browser(), "GET", p + "/messages", null, 200));
    calls.add(new Call("B", b, "GET", p + "/messages", null, 404));
    calls.add(new Call("C", c, "GET", p + "/messages", null, 404));
    calls.add(new Call("leader", leader, "GET", p + "/messages", null, 200));
    calls.add(new Call("next grid", nextGridLeader, "GET", p + "/messages", null, 404));
    calls.add(new Call("B", b, "POST", p + "/messages", note, 404));
    calls.add(new Call("C", c, "POST", p + "/messages", note, 404));
    calls.add(
        new Call("other community", otherCommunityLeader, "POST", p + "/messages", note, 404));
    // Photos follow the problem; a photo not yet attached is its uploader's alone.
    String attached = "/api/v1/photos/" + attachedPhoto + "?size=thumb";
    calls.add(new Call("B", b, "GET", attached, null, 200));
    calls.add(new Call("C", c, "GET", attached, null, 404));
    calls.add(new Call("next grid", nextGridLeader, "GET", attached, null, 404));
    calls.add(new Call("A", a.browser(), "GET", "/api/v1/photos/" + loosePhoto, null, 200));
    calls.add(new Call("B", b, "GET", "/api/v1/photos/" + loosePhoto, null, 404));
    calls.add(new Call("leader", leader, "GET", "/api/v1/photos/" + loosePhoto, null, 404));
    // Moving it on: staff within reach only; the reporter only confirms or reopens.
    calls.add(new Call("A", a.browser(), "POST", p + "/actions", accept, 403));
    calls.add(new Call("B", b, "POST", p + "/actions", accept, 403));
    calls.add(new Call("B", b, "POST", p + "/actions", confirm, 403));
    calls.add(new Call("C", c, "POST", p + "/actions", accept, 404));
    calls.add(new Call("next grid", nextGridLeader, "POST", p + "/actions", accept, 404));
    calls.add(
        new Call("other community", otherCommunityLeader, "POST", p + "/actions", accept, 404));
    calls.add(new Call("A", a.browser(), "GET", p + "/transfer-targets", null, 403));
    calls.add(new Call("next grid", nextGridLeader, "GET", p + "/transfer-targets", null, 404));
    calls.add(new Call("A", a.browser(), "POST", p + "/transfer", transfer, 403));
    calls.add(new Call("B", b, "POST", p + "/transfer", transfer, 403));
    calls.add(new Call("next grid", nextGridLeader, "POST", p + "/transfer", transfer, 404));
    calls.add(new Call("A", a.browser(), "POST", p + "/merge", merge, 403));
    calls.add(new Call("other community", otherCommunityLeader, "POST", p + "/merge", merge, 404));
    calls.add(new Call("C", c, "POST", p + "/follow", null, 404));
    // Staff lists are for staff.
    calls.add(new Call("A", a.browser(), "GET", "/api/v1/staff/problems", null, 403));
    calls.add(new Call("A", a.browser(), "GET", "/api/v1/staff/problems/counts", null, 403));
    calls.add(new Call("B", b, "GET", "/api/v1/staff/reply-templates", null, 403));
    return calls;
  }

  @Test
  void everyEndpointAnswersOnlyThoseItShould() {
    List<String> wrong = new ArrayList<>();
    for (Call call : calls()) {
      Browser.Reply reply = call.browser().send(call.method(), call.path(), call.body());
      if (reply.status() != call.status()) {
        wrong.add(
            call.who()
                + " "
                + call.method()
                + " "
                + call.path()
                + " → "
                + reply.status()
                + " (expected "
                + call.status()
                + ")");
      }
      if (reply.status() >= 400) {
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      }
    }
    assertThat(wrong).isEmpty();

    // Nothing refused changed anything.
    Browser.Reply after = leader.get("/api/v1/problems/" + problem);
    assertThat(after.<String>at("state")).isEqualTo("SUBMITTED");
    assertThat(after.<Map<String, Object>>at("followers").get("count")).isEqualTo(0);
    assertThat(leader.get("/api/v1/problems/" + problem + "/messages").list())
        .extracting(m -> m.get("body"))
        .containsExactly("我家电话随时可以打");
    assertThat(leader.get("/api/v1/problems/" + otherProblem).<String>at("state"))
        .isEqualTo("SUBMITTED");
  }

  @Test
  void aNeighbourSeesTheProblemButNotWhoReportedItNorAnyPhone() {
    Browser.Reply seen = b.get("/api/v1/problems/" + problem);
    assertThat(seen.<Object>at("reporterName")).isNull();
    assertThat(seen.<Boolean>at("mine")).isFalse();
    assertThat(seen.<List<String>>at("allowedActions")).isEmpty();
    List<Map<String, Object>> timeline = seen.at("timeline");
    assertThat(timeline).allSatisfy(e -> assertThat(e.get("actorName")).isNotEqualTo("严阿姨"));
    assertThat(seen.text())
        .doesNotContain("严阿姨")
        .doesNotContain(a.phone())
        .doesNotContain(a.phone().substring(3));
    assertThat(leader.get("/api/v1/problems/" + problem).<String>at("reporterName"))
        .isEqualTo("严阿姨");
  }

  @Test
  void othersNeitherSeeAResidentsReportsNorFindThemInTheirLists() {
    assertThat(b.get("/api/v1/me/problems").list())
        .noneMatch(p -> ((Number) p.get("id")).longValue() == problem);
    assertThat(nextGridLeader.get("/api/v1/staff/problems").list())
        .noneMatch(p -> ((Number) p.get("id")).longValue() == problem);
    assertThat(otherCommunityLeader.get("/api/v1/staff/problems").list())
        .noneMatch(p -> ((Number) p.get("id")).longValue() == problem);
    assertThat(leader.get("/api/v1/staff/problems").list())
        .anyMatch(p -> ((Number) p.get("id")).longValue() == problem);
    // B cannot attach A's loose photo to a report of his own.
    Browser.Reply stolen =
        b.send(
            "POST",
            "/api/v1/problems",
            Map.of("categoryCode", "other", "description", "借用照片", "photoIds", List.of(loosePhoto)),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(stolen.status()).isEqualTo(400);
    assertThat(a.browser().get("/api/v1/photos/" + loosePhoto).status()).isEqualTo(200);
  }
}
