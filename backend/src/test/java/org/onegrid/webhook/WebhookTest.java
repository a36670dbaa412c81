package org.onegrid.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.db.Tables.PROBLEMS;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onegrid.problem.ProblemJobs;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Eventually;
import org.onegrid.support.TestSubscriber;

/**
 * Another system follows events under a node: a city admin registers it (the secret is shown once),
 * and it receives each event signed, in order per problem, again after its failures and timeouts
 * (processing each event id once), never an event from outside its node, and never a name or phone
 * number; deliveries given up on show in the log, in /health and can be sent again.
 */
@MicronautTest
class WebhookTest extends ApiTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  @Inject ProblemJobs jobs;
  @Inject DSLContext dsl;
  private TestSubscriber receiver;
  private Browser city;
  private Long registered;

  private long communityId(String name) {
    return ((Number)
            city.get("/api/v1/communities?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .list()
                .get(0)
                .get("id"))
        .longValue();
  }

  private void register(String name, long nodeId, List<String> events) {
    receiver = TestSubscriber.start(json);
    city = city == null ? staff(DemoCity.CITY_ADMIN) : city;
    Browser.Reply reply =
        city.post(
            "/api/v1/admin/webhooks",
            Map.of("name", name, "url", receiver.url(), "nodeId", nodeId, "events", events));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    String secret = reply.at("secret");
    assertThat(secret).startsWith("whsec_");
    receiver.useSecret(secret);
    registered = ((Number) reply.at("subscriber.id")).longValue();
    assertThat(city.get("/api/v1/admin/webhooks").text()).doesNotContain(secret);
  }

  @AfterEach
  void disable() {
    // A subscriber left active would go on being retried while other tests count table changes.
    if (registered != null) {
      city.send("DELETE", "/api/v1/admin/webhooks/" + registered, null);
    }
    if (receiver != null) {
      receiver.stop();
    }
  }

  private static boolean about(Map<String, Object> event, String type, long problemId) {
    @SuppressWarnings("unchecked")
    Map<String, Object> problem = (Map<String, Object>) event.get("problem");
    return type.equals(event.get("type"))
        && problem != null
        && ((Number) problem.get("id")).longValue() == problemId;
  }

  @Test
  void problemsUnderTheNodeArriveSignedInOrderAfterFailuresAndNeverNamesOrOtherNodes() {
    city = staff(DemoCity.CITY_ADMIN);
    register(
        "12345 热线平台", communityId("民主路"), List.of("problem.reported", "problem.state_changed"));
    Resident reporter = residentOfMinzhulu1("卫大姐", "901");
    long id = reportWater(reporter, "单元门禁坏了，联系我 13712340000");
    Map<String, Object> reported = receiver.await(e -> about(e, "problem.reported", id), WAIT);
    assertThat(reported.toString())
        .contains("单元门禁坏了")
        .doesNotContain("卫大姐")
        .doesNotContain(reporter.phone());

    // The subscriber is down for two answers: the accept waits, and the resolve (a later event of
    // the same problem) does not overtake it.
    receiver.failNext(2, 503);
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    leader.post("/api/v1/problems/" + id + "/actions", Map.of("action", "ACCEPT"));
    leader.post(
        "/api/v1/problems/" + id + "/actions", Map.of("action", "RESOLVE", "reason", "已修好"));
    receiver.await(
        e ->
            about(e, "problem.state_changed", id)
                && "RESOLVED".equals(((Map<?, ?>) e.get("problem")).get("state")),
        WAIT);
    List<Object> actions =
        receiver.processed().stream()
            .filter(e -> e.get("problem") != null)
            .filter(e -> ((Number) ((Map<?, ?>) e.get("problem")).get("id")).longValue() == id)
            .map(e -> (Object) ((Map<?, ?>) e.get("problem")).get("action"))
            .toList();
    assertThat(actions).containsExactly("REPORT", "ACCEPT", "RESOLVE");
    Map<String, Object> accepted = receiver.await(e -> about(e, "problem.state_changed", id), WAIT);
    assertThat(((Map<?, ?>) accepted.get("problem")).get("previousState")).isEqualTo("SUBMITTED");

    // The log shows the failed attempts and the answer that ended them.
    Browser.Reply log = city.get("/api/v1/admin/webhooks/" + registered + "/deliveries");
    assertThat(log.status()).as(log.text()).isEqualTo(200);
    List<Map<String, Object>> items = log.at("items");
    assertThat(items).allSatisfy(d -> assertThat(d.get("status")).isEqualTo("DELIVERED"));
    assertThat(items)
        .anySatisfy(d -> assertThat(((Number) d.get("attempts")).intValue()).isEqualTo(3));

    // A problem of another community never reaches it.
    Resident elsewhere = residentOf("黄河路", "卫大爷", "902");
    long other = reportWater(elsewhere, "路灯不亮");
    receiver.await(e -> "ping".equals(e.get("type")), pinged());
    assertThat(receiver.processed()).noneMatch(e -> about(e, "problem.reported", other));
    assertThat(receiver.badSignatures()).isZero();
  }

  /** Sends a ping (queued after everything before it) and gives the time to wait for it. */
  private Duration pinged() {
    assertThat(city.post("/api/v1/admin/webhooks/" + registered + "/ping", Map.of()).status())
        .isEqualTo(202);
    return WAIT;
  }

  @Test
  void aTimedOutDeliveryComesAgainAndIsProcessedOnce() {
    city = staff(DemoCity.CITY_ADMIN);
    register("数据仓库", communityId("民主路"), List.of("problem.reported"));
    receiver.stallNext(Duration.ofMillis(2500));
    long id = reportWater(residentOfMinzhulu1("卫老师", "903"), "楼道灯不亮");
    receiver.await(e -> about(e, "problem.reported", id), WAIT);
    receiver.await(e -> "ping".equals(e.get("type")), pinged());
    // Posted twice (OneGrid stopped waiting after a second and sent it again), processed once.
    assertThat(receiver.posts()).isGreaterThanOrEqualTo(3);
    assertThat(receiver.processed().stream().filter(e -> about(e, "problem.reported", id)))
        .hasSize(1);
  }

  @Test
  void aDeliveryGivenUpOnShowsInTheLogAndHealthAndGoesAgainWhenAsked() {
    city = staff(DemoCity.CITY_ADMIN);
    register("一直失败的系统", communityId("民主路"), List.of("problem.reported"));
    receiver.failNext(100, 500);
    long id = reportWater(residentOfMinzhulu1("卫阿姨", "904"), "垃圾没清运");
    Map<String, Object> failed = awaitFailed();
    assertThat(String.valueOf(failed.get("lastError"))).contains("HTTP 500").contains("try later");
    assertThat(((Number) failed.get("attempts")).intValue()).isEqualTo(4);
    assertThat(browser().get("/health").<String>at("status")).isEqualTo("DEGRADED");
    assertThat(metrics()).contains("onegrid_webhooks_failed").contains("onegrid_webhooks_waiting");
    List<Map<String, Object>> subscribers = city.get("/api/v1/admin/webhooks").list();
    assertThat(subscribers)
        .anySatisfy(
            s -> {
              assertThat(((Number) s.get("id")).longValue()).isEqualTo(registered);
              assertThat(((Number) s.get("failed")).intValue()).isEqualTo(1);
              assertThat(((Number) s.get("lastStatus")).intValue()).isEqualTo(500);
            });

    receiver.failNext(0, 500);
    Browser.Reply again =
        city.post(
            "/api/v1/admin/webhooks/" + registered + "/deliveries/" + failed.get("id") + "/retry",
            Map.of());
    assertThat(again.status()).as(again.text()).isEqualTo(200);
    receiver.await(e -> about(e, "problem.reported", id), WAIT);
    assertThat(browser().get("/health").<String>at("status")).isEqualTo("UP");
    Browser.Reply twice =
        city.post(
            "/api/v1/admin/webhooks/" + registered + "/deliveries/" + failed.get("id") + "/retry",
            Map.of());
    assertThat(twice.status()).isIn(200, 409);
  }

  private Map<String, Object> awaitFailed() {
    List<Map<String, Object>> items =
        Eventually.read(
            WAIT,
            () ->
                city.get("/api/v1/admin/webhooks/" + registered + "/deliveries?status=FAILED")
                    .<List<Map<String, Object>>>at("items"),
            found -> !found.isEmpty());
    if (items.isEmpty()) {
      throw new AssertionError("No delivery was given up on within " + WAIT);
    }
    return items.get(0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void warningsAndBookingsReachTheCitysSubscriberWithoutThePatient() {
    city = staff(DemoCity.CITY_ADMIN);
    long cityNode = city.get("/api/v1/me").<Number>at("staffNode.id").longValue();
    register(
        "应急指挥平台",
        cityNode,
        List.of("warning.issued", "warning.acknowledged", "booking.made", "booking.cancelled"));

    Browser community = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    long minzhulu = community.get("/api/v1/me").<Number>at("staffNode.id").longValue();
    Browser.Reply issued =
        community.send(
            "POST",
            "/api/v1/staff/warnings",
            Map.of(
                "nodeId", minzhulu,
                "level", "BLUE",
                "title", "大风蓝色预警（推送测试）",
                "instructions", "收好阳台杂物",
                "validUntil", Instant.now().plus(Duration.ofDays(1)).toString()),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(issued.status()).as(issued.text()).isEqualTo(201);
    long warning = issued.<Number>at("id").longValue();
    staff(DemoCity.LEADER_MINZHULU_1)
        .post("/api/v1/staff/warnings/" + warning + "/acknowledge", Map.of());
    receiver.await(
        e ->
            "warning.acknowledged".equals(e.get("type"))
                && ((Number) ((Map<?, ?>) e.get("warning")).get("id")).longValue() == warning
                && ((Map<?, ?>) e.get("warning")).get("acknowledgedByGridId") != null,
        WAIT);
    assertThat(receiver.processed())
        .anySatisfy(
            e -> {
              assertThat(e.get("type")).isEqualTo("warning.issued");
              assertThat(((Map<?, ?>) e.get("warning")).get("title")).isEqualTo("大风蓝色预警（推送测试）");
              assertThat(((Number) e.get("nodeId")).longValue()).isEqualTo(minzhulu);
            });

    Resident patient = residentOfMinzhulu1("卫先生", "905");
    Map<String, Object> station =
        patient.browser().get("/api/v1/clinic/providers").list().stream()
            .filter(p -> p.get("kind").equals("HEALTH_STATION"))
            .findFirst()
            .orElseThrow();
    Object serviceId =
        ((List<Map<String, Object>>) station.get("services"))
            .stream()
                .filter(x -> x.get("kind").equals("CLINIC_VISIT"))
                .findFirst()
                .orElseThrow()
                .get("id");
    List<Map<String, Object>> slots =
        patient.browser().get("/api/v1/clinic/services/" + serviceId + "/slots").list();
    Browser.Reply booked =
        patient
            .browser()
            .send(
                "POST",
                "/api/v1/clinic/bookings",
                Map.of(
                    "serviceId",
                    serviceId,
                    "startsAt",
                    slots.get(slots.size() - 1).get("startsAt"),
                    "reason",
                    "想量一下血压"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(booked.status()).as(booked.text()).isEqualTo(201);
    long booking = booked.<Number>at("id").longValue();
    patient.browser().post("/api/v1/clinic/bookings/" + booking + "/cancel", Map.of());
    Map<String, Object> cancelled =
        receiver.await(
            e ->
                "booking.cancelled".equals(e.get("type"))
                    && ((Number) ((Map<?, ?>) e.get("booking")).get("id")).longValue() == booking,
            WAIT);
    assertThat(((Map<?, ?>) cancelled.get("booking")).get("status")).isEqualTo("CANCELLED");
    List<Object> order =
        receiver.processed().stream()
            .filter(e -> e.get("booking") != null)
            .filter(e -> ((Number) ((Map<?, ?>) e.get("booking")).get("id")).longValue() == booking)
            .map(e -> e.get("type"))
            .toList();
    assertThat(order).containsExactly("booking.made", "booking.cancelled");
    assertThat(receiver.processed().toString())
        .doesNotContain("卫先生")
        .doesNotContain(patient.phone())
        .doesNotContain("想量一下血压");
  }

  @Test
  void anOverdueProblemIsToldOnceEvenWhenTwoInstancesEscalate() throws Exception {
    city = staff(DemoCity.CITY_ADMIN);
    register("督办平台", communityId("民主路"), List.of("problem.overdue"));
    long id = reportWater(residentOfMinzhulu1("卫奶奶", "906"), "楼顶水箱溢水");
    dsl.update(PROBLEMS)
        .set(PROBLEMS.ACCEPT_DUE_AT, Instant.now().minus(Duration.ofHours(1)))
        .where(PROBLEMS.ID.eq(id))
        .execute();
    ExecutorService two = Executors.newFixedThreadPool(2);
    var a = two.submit(jobs::escalateOverdue);
    var b = two.submit(jobs::escalateOverdue);
    a.get();
    b.get();
    two.shutdown();
    Map<String, Object> overdue = receiver.await(e -> about(e, "problem.overdue", id), WAIT);
    assertThat(((Map<?, ?>) overdue.get("problem")).get("action")).isEqualTo("ESCALATE_COMMUNITY");
    receiver.await(e -> "ping".equals(e.get("type")), pinged());
    assertThat(receiver.processed().stream().filter(e -> about(e, "problem.overdue", id)))
        .hasSize(1);
    assertThat(receiver.posts()).isEqualTo(2);
  }

  @Test
  void onlyACityAdminRegistersAndOnlyAWebAddressWithChosenEvents() {
    city = staff(DemoCity.CITY_ADMIN);
    long node = communityId("民主路");
    Browser community = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    Map<String, Object> ok =
        Map.of(
            "name",
            "x",
            "url",
            "https://12345.example.gov.cn/hooks",
            "nodeId",
            node,
            "events",
            List.of("problem.reported"));
    assertThat(community.post("/api/v1/admin/webhooks", ok).status()).isEqualTo(403);
    assertThat(community.get("/api/v1/admin/webhooks").status()).isEqualTo(403);
    for (String url :
        List.of(
            "ftp://example.org/x",
            "http://12345.example.gov.cn/hooks",
            "https://user:pw@example.org/x",
            "not a url",
            "https:///nohost")) {
      Browser.Reply bad =
          city.post(
              "/api/v1/admin/webhooks",
              Map.of(
                  "name", "x", "url", url, "nodeId", node, "events", List.of("problem.reported")));
      assertThat(bad.status()).as(url).isEqualTo(400);
      assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
      assertThat(bad.text()).contains("url");
    }
    Browser.Reply noEvents =
        city.post(
            "/api/v1/admin/webhooks",
            Map.of(
                "name",
                "x",
                "url",
                "https://a.example/x",
                "nodeId",
                node,
                "events",
                List.of("ping")));
    assertThat(noEvents.status()).isEqualTo(400);
    Browser.Reply noNode =
        city.post(
            "/api/v1/admin/webhooks",
            Map.of(
                "name",
                "x",
                "url",
                "https://a.example/x",
                "nodeId",
                987654321,
                "events",
                List.of("booking.made")));
    assertThat(noNode.status()).isEqualTo(400);
    assertThat(city.get("/api/v1/admin/webhooks/987654321/deliveries").status()).isEqualTo(404);
    assertThat(city.get("/api/v1/admin/webhooks/1/deliveries?status=NOPE").status()).isIn(400, 404);
  }
}
