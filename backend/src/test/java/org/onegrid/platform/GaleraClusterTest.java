package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.db.Tables.PROBLEMS;
import static org.onegrid.db.Tables.SMS_OUTBOX;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.onegrid.notify.SmsOutbox;
import org.onegrid.problem.ProblemJobs;
import org.onegrid.support.Browser;
import org.onegrid.support.Phones;
import org.onegrid.support.SignIn;

/**
 * OneGrid on a real three-node MariaDB Galera cluster ({@code scripts/galera.sh start}), two
 * instances on two different nodes: one on node 1, one on node 2 with node 3 to fail over to.
 * Migrations apply once, rushes for clinic places and activity seats are never oversold and answer
 * no 5xx, every text goes once with both instances sending, the escalation job run by both
 * escalates once, and stopping a node in the middle of reports loses none that was acknowledged.
 * The node is stopped early, so that the rushes after it run with the second instance's connections
 * on two nodes (Connector/J fails back to node 2 a connection at a time), where a read sees what
 * another connection just committed only because reads wait for the cluster. Runs with {@code
 * -Donegrid.galera=true} (as {@code .ci/run} does).
 */
@EnabledIfSystemProperty(named = "onegrid.galera", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GaleraClusterTest {

  static final String DIR = System.getProperty("onegrid.galera.dir", "/tmp/onegrid-galera");
  static final String NODE1 = "jdbc:mysql://127.0.0.1:3311/onegrid";
  // Connector/J makes a connection to a fail-over host read-only unless told otherwise.
  static final String NODE2_THEN_3 =
      "jdbc:mysql://127.0.0.1:3312,127.0.0.1:3313/onegrid?failOverReadOnly=false";

  ApplicationContext first;
  ApplicationContext second;
  String firstUrl;
  String secondUrl;
  JsonMapper json;

  static Map<String, Object> settings(String url) {
    Map<String, Object> s = new HashMap<>();
    s.put("datasources.default.url", url);
    s.put("datasources.default.username", "onegrid");
    s.put("datasources.default.password", "onegrid");
    s.put("onegrid.demo.enabled", true);
    s.put("onegrid.sms.provider", "log");
    s.put("micronaut.server.port", -1);
    return s;
  }

  @BeforeAll
  void start() {
    first = ApplicationContext.run(settings(NODE1), "test");
    firstUrl = first.getBean(EmbeddedServer.class).start().getURL().toString();
    second = ApplicationContext.run(settings(NODE2_THEN_3), "test");
    secondUrl = second.getBean(EmbeddedServer.class).start().getURL().toString();
    json = first.getBean(JsonMapper.class);
  }

  @AfterAll
  void stop() {
    second.close();
    first.close();
  }

  /** A new resident of 民主路 grid 1, signed in on the first instance. */
  Browser resident(String name, String room) {
    Browser b = new Browser(firstUrl, json);
    new SignIn(first.getBean(SmsOutbox.class)).resident(b, Phones.fresh());
    Object community = b.get("/api/v1/communities?q=%E6%B0%91%E4%B8%BB").list().get(0).get("id");
    @SuppressWarnings("unchecked")
    Object unit =
        ((List<Map<String, Object>>)
                b.get("/api/v1/communities/" + community + "/buildings").list().get(0).get("units"))
            .get(0)
            .get("id");
    assertThat(
            b.put("/api/v1/me/home", Map.of("unitId", unit, "room", room, "name", name)).status())
        .isEqualTo(200);
    return b;
  }

  /** The same person, same session, on the second instance. */
  Browser onSecond(Browser b) {
    Browser there = new Browser(secondUrl, json);
    there.cookies().putAll(b.cookies());
    return there;
  }

  @Test
  @Order(1)
  void migrationsApplyOnceAndEveryNodeHasThem() throws Exception {
    for (int port : List.of(3311, 3312, 3313)) {
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:mysql://127.0.0.1:" + port + "/onegrid", "onegrid", "onegrid");
          ResultSet r =
              c.createStatement()
                  .executeQuery(
                      "SELECT COUNT(*), SUM(success = 0) FROM flyway_schema_history WHERE version"
                          + " IS NOT NULL")) {
        r.next();
        assertThat(r.getInt(1)).as("node on " + port).isGreaterThan(40);
        assertThat(r.getInt(2)).as("failed migrations on " + port).isZero();
      }
    }
  }

  @Test
  @Order(4)
  void aRushForTwoPlacesAcrossTwoNodesFillsThemExactlyAndAnswersNo5xx() throws Exception {
    List<Browser> people = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Browser b = resident("集群抢号" + i, "36" + (10 + i));
      people.add(i % 2 == 0 ? b : onSecond(b));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> service =
        people.get(0).get("/api/v1/clinic/providers").list().stream()
            .flatMap(p -> ((List<Map<String, Object>>) p.get("services")).stream())
            .filter(s -> String.valueOf(s.get("name")).contains("义诊"))
            .findFirst()
            .orElseThrow();
    List<Map<String, Object>> slots =
        people.get(0).get("/api/v1/clinic/services/" + service.get("id") + "/slots").list().stream()
            .filter(s -> ((Number) s.get("booked")).intValue() == 0)
            .toList();
    for (int round = 0; round < 10; round++) {
      Map<String, Object> slot = slots.get(slots.size() - 1 - round);
      int capacity = ((Number) slot.get("capacity")).intValue();
      List<Integer> statuses = rush(people, service.get("id"), slot.get("startsAt"));
      assertThat(statuses).as("round " + round).allMatch(s -> s < 500);
      assertThat(statuses).as("round " + round).filteredOn(s -> s == 201).hasSize(capacity);
    }
  }

  @Test
  @Order(5)
  void twentySigningUpForTwoSeatsAcrossTwoNodesGiveTwoSignedUpAndTheRestWaiting() throws Exception {
    Browser admin = new Browser(firstUrl, json);
    new SignIn(first.getBean(SmsOutbox.class)).staff(admin, "13800000010");
    Object community = admin.get("/api/v1/me").at("staffNode.id");
    List<Browser> people = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Browser b = resident("集群报名" + i, "39" + (10 + i));
      people.add(i % 2 == 0 ? b : onSecond(b));
    }
    for (int round = 0; round < 10; round++) {
      Instant at = Instant.now().plus(Duration.ofDays(2 + round));
      Browser.Reply published =
          admin.post(
              "/api/v1/communities/" + community + "/activities",
              Map.of(
                  "title",
                  "集群活动" + round,
                  "place",
                  "活动室",
                  "startsAt",
                  at.toString(),
                  "endsAt",
                  at.plus(Duration.ofHours(1)).toString(),
                  "capacity",
                  2));
      assertThat(published.status()).as(published.text()).isEqualTo(201);
      Object activity = published.list().get(0).get("id");
      ExecutorService pool = Executors.newFixedThreadPool(people.size());
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Browser.Reply>> replies = new ArrayList<>();
        for (Browser p : people) {
          replies.add(
              pool.submit(
                  () -> {
                    go.await();
                    return p.post("/api/v1/activities/" + activity + "/signup", Map.of());
                  }));
        }
        go.countDown();
        List<Object> outcomes = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (Future<Browser.Reply> f : replies) {
          Browser.Reply r = f.get();
          assertThat(r.status()).as("round " + round + ": " + r.text()).isEqualTo(200);
          outcomes.add(r.at("myStatus"));
          answers.add(r.text());
        }
        // On a failure, every answer: which sign-ups came back neither signed up nor waiting.
        String why = "round " + round + ": " + answers;
        assertThat(outcomes).as(why).filteredOn("SIGNED_UP"::equals).hasSize(2);
        assertThat(outcomes).as(why).filteredOn("WAITING"::equals).hasSize(18);
      } finally {
        pool.shutdown();
      }
    }
  }

  private static List<Integer> rush(List<Browser> people, Object service, Object start)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(people.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (Browser p : people) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return p.send(
                          "POST",
                          "/api/v1/clinic/bookings",
                          Map.of("serviceId", service, "startsAt", start),
                          Map.of("Idempotency-Key", UUID.randomUUID().toString()))
                      .status();
                }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }
      return statuses;
    } finally {
      pool.shutdown();
    }
  }

  @Test
  @Order(6)
  void everyTextGoesOnceWithBothInstancesSending() throws Exception {
    String phone = "+86" + Phones.fresh();
    List<Long> ids =
        first
            .getBean(Tx.class)
            .run(
                () -> {
                  List<Long> queued = new ArrayList<>();
                  for (int i = 0; i < 60; i++) {
                    queued.add(first.getBean(SmsOutbox.class).enqueue(phone, "集群短信" + i, "test"));
                  }
                  return queued;
                });
    DSLContext dsl = first.getBean(DSLContext.class);
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline
        && dsl.fetchCount(SMS_OUTBOX, SMS_OUTBOX.ID.in(ids).and(SMS_OUTBOX.STATUS.eq("SENT")))
            < ids.size()) {
      Thread.sleep(200);
    }
    assertThat(dsl.fetch(SMS_OUTBOX, SMS_OUTBOX.ID.in(ids)))
        .hasSize(60)
        .allSatisfy(
            m -> {
              assertThat(m.getStatus()).isEqualTo("SENT");
              assertThat(m.getAttempts()).as("handed over once").isEqualTo(1);
            });
  }

  @Test
  @Order(2)
  void everyConnectionOfBothInstancesWaitsForTheClusterOnReads() {
    for (ApplicationContext instance : List.of(first, second)) {
      DSLContext dsl = instance.getBean(DSLContext.class);
      for (int i = 0; i < 25; i++) {
        Number wait = (Number) dsl.fetchValue("SELECT @@session.wsrep_sync_wait");
        assertThat(wait.intValue()).isEqualTo(GaleraNode.SYNC_READS);
      }
    }
  }

  @Test
  @Order(3)
  void aNodeStoppedInTheMiddleOfReportsLosesNoneThatWasAcknowledged() throws Exception {
    Browser here = resident("停机也不丢", "3701");
    Browser there = onSecond(here);
    Map<String, Long> acknowledged = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      if (i == 10) {
        galera("stop-node", "2");
      }
      String key = UUID.randomUUID().toString();
      Map<String, Object> body =
          Map.of("categoryCode", "sanitation", "description", "集群第" + i + "条");
      // A phone retries what got no answer, with the same key, as the app does.
      for (int attempt = 0; attempt < 20; attempt++) {
        Browser.Reply r =
            there.send("POST", "/api/v1/problems", body, Map.of("Idempotency-Key", key));
        if (r.status() == 201) {
          acknowledged.put(key, ((Number) r.at("id")).longValue());
          break;
        }
        assertThat(r.status()).as(r.text()).isEqualTo(503);
        Thread.sleep(500);
      }
    }
    galera("start-node", "2");
    assertThat(acknowledged).hasSize(40);
    for (long id : acknowledged.values()) {
      assertThat(here.get("/api/v1/problems/" + id).status()).as("problem " + id).isEqualTo(200);
    }
    long reporter = ((Number) here.get("/api/v1/me").at("id")).longValue();
    assertThat(
            first.getBean(DSLContext.class).fetchCount(PROBLEMS, PROBLEMS.REPORTER_ID.eq(reporter)))
        .as("each report once, none twice")
        .isEqualTo(40);
  }

  @Test
  @Order(7)
  void anOverdueProblemIsEscalatedOnceWhenBothInstancesRunTheJobOnTwoNodes() throws Exception {
    Browser resident = resident("集群超时", "3801");
    Browser.Reply report =
        resident.send(
            "POST",
            "/api/v1/problems",
            Map.of("categoryCode", "sanitation", "description", "集群超时未受理"),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(report.status()).as(report.text()).isEqualTo(201);
    long id = ((Number) report.at("id")).longValue();
    DSLContext dsl = first.getBean(DSLContext.class);
    dsl.update(PROBLEMS)
        .set(PROBLEMS.ACCEPT_DUE_AT, Instant.now().minus(Duration.ofHours(1)))
        .where(PROBLEMS.ID.eq(id))
        .execute();
    var jobsHere = first.getBean(ProblemJobs.class);
    var jobsThere = second.getBean(ProblemJobs.class);
    ExecutorService both = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        Future<Integer> a = both.submit(jobsHere::escalateOverdue);
        Future<Integer> b = both.submit(jobsThere::escalateOverdue);
        a.get();
        b.get();
      }
    } finally {
      both.shutdown();
    }
    assertThat(dsl.fetchValue(PROBLEMS.ESCALATION_LEVEL, PROBLEMS.ID.eq(id)))
        .as("escalated once, to the community")
        .isEqualTo(1);
    assertThat(
            dsl.fetchCount(
                SMS_OUTBOX,
                SMS_OUTBOX
                    .PURPOSE
                    .eq("problem-escalated")
                    .and(SMS_OUTBOX.BODY.contains("编号 " + id + "，"))))
        .as("the community's admin texted once")
        .isEqualTo(1);
  }

  private static void galera(String command, String node) throws Exception {
    File script = new File("../scripts/galera.sh");
    Process p =
        new ProcessBuilder(script.getPath(), command, node, DIR)
            .redirectErrorStream(true)
            .redirectOutput(new File("target/galera-" + command + ".log"))
            .start();
    assertThat(p.waitFor(Duration.ofMinutes(4).toSeconds(), TimeUnit.SECONDS)).as(command).isTrue();
    assertThat(p.exitValue()).as(command + " " + node).isZero();
  }
}
