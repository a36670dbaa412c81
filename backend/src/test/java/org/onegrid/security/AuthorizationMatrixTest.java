package org.onegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Departments;
import org.onegrid.support.Images;

/**
 * Every operation of the OpenAPI document against every kind of caller: the records of one resident
 * of 民主路 grid 1 (a private problem with a photo, a clinic booking and home visit, an association
 * they organise, someone asking to join their household …) are reached by id as each role in {@link
 * Who}. The expected answer of every operation is written in {@code authorization-matrix.txt}; an
 * operation missing there fails the test, so a new one cannot ship without deciding who may call
 * it. Whoever is not listed must be refused (401, 403 or 404) without seeing the record's private
 * text, and after the whole walk no table has changed: a refused call changed nothing. Those listed
 * must be answered (2xx) where the operation only reads; what their writes do is each feature's own
 * test.
 */
@MicronautTest
class AuthorizationMatrixTest extends ApiTest {

  /** The callers, as the matrix names them. */
  enum Who {
    ANONYMOUS("anonymous"),
    APP("app"),
    OWNER("owner"),
    NEIGHBOUR("neighbour"),
    OUTSIDER("outsider"),
    WORKER("worker"),
    LEADER("leader"),
    NEXT_LEADER("next-leader"),
    COMMUNITY("community"),
    OTHER_COMMUNITY("other-community"),
    STREET("street"),
    DISTRICT("district"),
    CITY("city"),
    CLINICIAN("clinician"),
    OTHER_CLINICIAN("other-clinician");

    final String name;

    Who(String name) {
      this.name = name;
    }
  }

  /** Shorthands the matrix may use for several callers at once. */
  static final Map<String, Set<Who>> GROUPS =
      Map.of(
          "everyone", EnumSet.allOf(Who.class),
          "signed-in", EnumSet.complementOf(EnumSet.of(Who.ANONYMOUS, Who.APP)),
          "residents", EnumSet.of(Who.OWNER, Who.NEIGHBOUR, Who.OUTSIDER),
          "staff",
              EnumSet.of(
                  Who.WORKER,
                  Who.LEADER,
                  Who.NEXT_LEADER,
                  Who.COMMUNITY,
                  Who.OTHER_COMMUNITY,
                  Who.STREET,
                  Who.DISTRICT,
                  Who.CITY),
          "reach",
              EnumSet.of(Who.WORKER, Who.LEADER, Who.COMMUNITY, Who.STREET, Who.DISTRICT, Who.CITY),
          "admins-over", EnumSet.of(Who.COMMUNITY, Who.STREET, Who.DISTRICT, Who.CITY),
          "admins",
              EnumSet.of(Who.COMMUNITY, Who.OTHER_COMMUNITY, Who.STREET, Who.DISTRICT, Who.CITY),
          "clinicians", EnumSet.of(Who.CLINICIAN, Who.OTHER_CLINICIAN));

  /** Webhooks answer to Twilio's signature, not to a session (TwilioWebhookTest). */
  static boolean webhook(ApiSurface.Operation op) {
    return op.path().startsWith("/api/v1/webhooks/");
  }

  /** Private words of the fixture's records that no refused answer may contain. */
  static final List<String> SECRETS = List.of("矩阵私事描述", "矩阵看病原因", "矩阵上门原因");

  @Inject DSLContext dsl;

  private final Map<String, Object> ids = new HashMap<>();
  private final Map<Who, Browser> callers = new EnumMap<>(Who.class);

  /**
   * Drafts rows for a new operation: {@code -Donegrid.matrix.draft=true} calls it as everyone
   * (writes too, so only on a throwaway database) and prints who was not refused, to be read and
   * corrected before it goes into the matrix.
   */
  @Test
  void draft() throws IOException {
    if (!Boolean.getBoolean("onegrid.matrix.draft")) {
      return;
    }
    Map<String, Expected> matrix = readMatrix();
    buildWorld();
    StringBuilder out = new StringBuilder();
    for (ApiSurface.Operation op : new ApiSurface().operations()) {
      if (webhook(op)) {
        continue;
      }
      Expected known = matrix.get(op.key());
      List<String> answered = new ArrayList<>();
      for (Who who : Who.values()) {
        if (ApiSurfaceTest.ENDS_SESSION.contains(op.key())
            && who != Who.ANONYMOUS
            && who != Who.APP) {
          answered.add(who.name + "(not called)");
          continue;
        }
        int status = call(op, who, known == null ? null : known.body()).status();
        if (!refused(who, status)) {
          answered.add(who.name + (status >= 300 ? "(" + status + ")" : ""));
        }
      }
      out.append(op.key())
          .append(" | ")
          .append(answered.isEmpty() ? "nobody" : String.join(" ", answered))
          .append('\n');
    }
    System.out.println("MATRIX DRAFT\n" + out);
  }

  @Test
  void everyOperationAnswersEveryCallerAsTheMatrixSays() throws IOException {
    if (Boolean.getBoolean("onegrid.matrix.draft")) {
      return;
    }
    Map<String, Expected> matrix = readMatrix();
    ApiSurface surface = new ApiSurface();
    AnswerSchema answers = surface.answers();
    List<ApiSurface.Operation> operations =
        surface.operations().stream().filter(op -> !webhook(op)).toList();
    List<String> missing =
        operations.stream()
            .map(ApiSurface.Operation::key)
            .filter(k -> !matrix.containsKey(k))
            .toList();
    assertThat(missing)
        .as("operations without a row in authorization-matrix.txt:\n" + String.join("\n", missing))
        .isEmpty();

    buildWorld();
    Map<String, String> before = tables();
    List<String> wrong = new ArrayList<>();
    int calls = 0;
    for (ApiSurface.Operation op : operations) {
      Expected expected = matrix.get(op.key());
      for (Who who : Who.values()) {
        boolean allowed = expected.allowed().contains(who);
        if (allowed && !op.method().equals("GET")) {
          continue; // a write by someone allowed: its effect is the feature's own test
        }
        Browser.Reply reply = call(op, who, expected.body());
        calls++;
        int status = reply.status();
        for (String broken :
            answers.violations(
                op.described(), status, reply.header("Content-Type"), reply.value())) {
          wrong.add(op.key() + " as " + who.name + ": " + status + " and " + broken);
        }
        if (status >= 500) {
          wrong.add(op.key() + " as " + who.name + ": " + status + " " + reply.text());
        } else if (allowed && !(status >= 200 && status < 300)) {
          wrong.add(op.key() + " as " + who.name + ": expected an answer, got " + status);
        } else if (!allowed && !refused(who, status)) {
          wrong.add(op.key() + " as " + who.name + ": expected a refusal, got " + status);
        } else if (!allowed) {
          for (String secret : SECRETS) {
            if (reply.text().contains(secret)) {
              wrong.add(op.key() + " as " + who.name + " was refused but shown " + secret);
            }
          }
        }
      }
    }
    System.out.println("AuthorizationMatrixTest: " + calls + " calls");
    assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
    assertThat(tables()).as("tables changed by refused calls").isEqualTo(before);
  }

  /**
   * 401 for those who are not signed in; for those who are, a 4xx that is not 401 (403 or 404 for a
   * record out of reach, 400 or 409 when what the body names is not theirs to use).
   */
  private static boolean refused(Who who, int status) {
    if (who == Who.ANONYMOUS || who == Who.APP) {
      return status == 401;
    }
    return status >= 400 && status < 500 && status != 401;
  }

  private Browser.Reply call(ApiSurface.Operation op, Who who, String body) {
    String url = op.path();
    for (String p : op.pathParams()) {
      url = url.replace("{" + p + "}", String.valueOf(ids.get(fixtureFor(op.path(), p))));
    }
    List<String> query = new ArrayList<>();
    for (String p : op.queryParams()) {
      switch (p) {
        case "nodeId" -> query.add("nodeId=" + ids.get("grid"));
        case "under" -> query.add("under=" + ids.get("grid"));
        case "patientId" -> query.add("patientId=" + ids.get("owner"));
        case "date" -> query.add("date=" + ids.get("bookingDay"));
        case "lat" -> query.add("lat=34.7480");
        case "lng" -> query.add("lng=113.6410");
        case "category" -> query.add("category=sanitation");
        default -> {}
      }
    }
    if (who == Who.APP) {
      query.add("api_key=" + ids.get("apiKey"));
    }
    if (!query.isEmpty()) {
      url += "?" + String.join("&", query);
    }
    Object payload = null;
    if (op.jsonBody()) {
      String json = body == null ? "{}" : body;
      json = json.replace("{key}", UUID.randomUUID().toString());
      for (Map.Entry<String, Object> id : ids.entrySet()) {
        json = json.replace("{" + id.getKey() + "}", String.valueOf(id.getValue()));
      }
      payload = json;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Idempotency-Key", UUID.randomUUID().toString());
    if (op.path().endsWith(".csv") || op.path().endsWith(".ics")) {
      headers.put("Accept", "*/*");
    }
    if (!op.jsonBody() && !op.method().equals("GET") && !op.method().equals("DELETE")) {
      if (op.path().equals("/api/v1/photos")) {
        headers.put("Content-Type", "image/png");
        return callers.get(who).send(op.method(), url, Images.png(), headers);
      }
    }
    return callers.get(who).send(op.method(), url, payload, headers);
  }

  /** Which record of the fixture a path parameter names. */
  static String fixtureFor(String path, String param) {
    switch (param) {
      case "accountId":
        return path.contains("household-requests")
            ? "applicant"
            : path.contains("/associations/") ? "associationApplicant" : "owner";
      case "residentId":
        return "owner";
      case "shiftId":
        return "shift";
      case "kind":
        return "importKind";
      case "day":
        return "bookingDay";
      case "code":
        return "matrixCode";
      case "table":
        return "table";
      case "token":
        return "departmentToken";
      case "deliveryId":
        return "webhookDelivery";
      default:
        break;
    }
    Map<String, String> byPrefix = new LinkedHashMap<>();
    byPrefix.put("/api/v1/activities/", "activity");
    byPrefix.put("/api/v1/admin/open311-clients/", "open311Client");
    byPrefix.put("/api/v1/admin/imports/", "importRun");
    byPrefix.put("/api/v1/admin/communities/", "community");
    byPrefix.put("/api/v1/admin/nodes/", "grid");
    byPrefix.put("/api/v1/admin/grids/", "grid");
    byPrefix.put("/api/v1/admin/staff/", "worker");
    byPrefix.put("/api/v1/admin/clinic/providers/", "provider");
    byPrefix.put("/api/v1/admin/clinic/services/", "service");
    byPrefix.put("/api/v1/admin/sms/", "sms");
    byPrefix.put("/api/v1/admin/webhooks/", "webhook");
    byPrefix.put("/api/v1/associations/", "association");
    byPrefix.put("/api/v1/clinic/bookings/", "booking");
    byPrefix.put("/api/v1/clinic/requests/", "visit");
    byPrefix.put("/api/v1/clinic/services/", "service");
    byPrefix.put("/api/v1/clinic/waitlist/", "waitlist");
    byPrefix.put("/api/v1/communities/", "community");
    byPrefix.put("/api/v1/staff/communities/", "community");
    byPrefix.put("/api/v1/grids/", "grid");
    byPrefix.put("/api/v1/map/nodes/", "grid");
    byPrefix.put("/api/v1/staff/grids/", "grid");
    byPrefix.put("/api/v1/staff/nodes/", "grid");
    byPrefix.put("/api/v1/photos/", "photo");
    byPrefix.put("/api/v1/problems/", "problem");
    byPrefix.put("/api/v1/staff/hotline-contacts/", "contact");
    byPrefix.put("/api/v1/staff/members/", "worker");
    byPrefix.put("/api/v1/staff/reply-templates/", "template");
    byPrefix.put("/api/v1/staff/warnings/", "warning");
    return byPrefix.entrySet().stream()
        .filter(e -> path.startsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no fixture for {" + param + "} in " + path));
  }

  /** Who may call an operation, and the body a caller sends to it. */
  record Expected(Set<Who> allowed, String body) {}

  /**
   * {@code METHOD PATH | callers | body}: callers by name or group (or {@code nobody}); the body a
   * JSON object whose {@code {name}} placeholders are the fixture's ids.
   */
  static Map<String, Expected> readMatrix() throws IOException {
    Map<String, Expected> matrix = new TreeMap<>();
    try (InputStream in =
        AuthorizationMatrixTest.class.getResourceAsStream("/authorization-matrix.txt")) {
      if (in == null) {
        return matrix;
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\\|", 3);
        Set<Who> allowed = EnumSet.noneOf(Who.class);
        for (String name : parts[1].trim().split("\\s+")) {
          if (name.equals("nobody")) {
            continue;
          }
          if (GROUPS.containsKey(name)) {
            allowed.addAll(GROUPS.get(name));
            continue;
          }
          allowed.add(
              Arrays.stream(Who.values())
                  .filter(w -> w.name.equals(name))
                  .findFirst()
                  .orElseThrow(() -> new IllegalStateException("unknown caller " + name)));
        }
        String body = parts.length > 2 && !parts[2].isBlank() ? parts[2].trim() : null;
        matrix.put(parts[0].trim().replaceAll("\\s+", " "), new Expected(allowed, body));
      }
    }
    return matrix;
  }

  /**
   * A checksum of every table whose rows people's actions make or change (not sessions, counters of
   * tries, or the dashboard's summaries that its job keeps).
   */
  /**
   * A second problem of the owner's, handed to the water company: the link in its text is the
   * fixture of the department's operations (the link is the key, whoever holds it).
   */
  private void departmentLink(Browser owner) {
    long id =
        owner
            .send(
                "POST",
                "/api/v1/problems",
                Map.of("categoryCode", "water_supply", "description", "矩阵部门件"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()))
            .<Number>at("id")
            .longValue();
    ids.put("departmentToken", Departments.handToWater(callers.get(Who.LEADER), outbox, id, "矩阵"));
  }

  /**
   * A subscriber of the city's, disabled at once (so nothing is posted to it during the walk), with
   * one delivery (a ping queued before it was disabled).
   */
  private void webhook(Browser city) {
    Browser.Reply made =
        city.post(
            "/api/v1/admin/webhooks",
            Map.of(
                "name",
                "矩阵订阅",
                "url",
                "https://matrix.example/hooks",
                "nodeId",
                ids.get("community"),
                "events",
                List.of("booking.made")));
    assertThat(made.status()).as(made.text()).isEqualTo(201);
    long id = ((Number) made.at("subscriber.id")).longValue();
    ids.put("webhook", id);
    city.post("/api/v1/admin/webhooks/" + id + "/ping", Map.of());
    city.send("DELETE", "/api/v1/admin/webhooks/" + id, null);
    ids.put(
        "webhookDelivery",
        ((Number)
                city.get("/api/v1/admin/webhooks/" + id + "/deliveries")
                    .<List<Map<String, Object>>>at("items")
                    .get(0)
                    .get("id"))
            .longValue());
  }

  private Map<String, String> tables() {
    Set<String> volatileTables =
        Set.of(
            "sessions",
            "rate_limit_hits",
            "login_failures",
            "otp_codes",
            "sms_outbox",
            "webhook_deliveries",
            "notifications",
            "problem_changes",
            "flyway_schema_history",
            "job_runs",
            "job_locks");
    Map<String, String> sums = new TreeMap<>();
    for (String table :
        dsl.fetch(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                    + " AND table_type = 'BASE TABLE'")
            .getValues(0, String.class)) {
      if (volatileTables.contains(table) || table.endsWith("_stats")) {
        continue;
      }
      sums.put(table, String.valueOf(dsl.fetch("CHECKSUM TABLE `" + table + "`").get(0).get(1)));
    }
    return sums;
  }

  /** The records and the callers: one resident of 民主路 grid 1 and everything around them. */
  private void buildWorld() {
    Resident owner = residentOfMinzhulu1("矩阵甲", "2910");
    Browser o = owner.browser();
    ids.put("owner", ((Number) o.get("/api/v1/me").at("id")).longValue());
    ids.put("grid", ((Number) o.get("/api/v1/me").at("home.gridId")).longValue());
    Resident neighbour = residentOfMinzhulu1("矩阵邻", "2911");
    Resident outsider = residentOf("英才", "矩阵外", "2912");
    Resident applicant = residentJoining(owner, "矩阵申请");
    ids.put("applicant", ((Number) applicant.browser().get("/api/v1/me").at("id")).longValue());

    callers.put(Who.ANONYMOUS, browser());
    callers.put(Who.APP, browser());
    callers.put(Who.OWNER, o);
    callers.put(Who.NEIGHBOUR, neighbour.browser());
    callers.put(Who.OUTSIDER, outsider.browser());
    callers.put(Who.WORKER, staff(DemoCity.WORKER_MINZHULU_1));
    callers.put(Who.LEADER, staff(DemoCity.LEADER_MINZHULU_1));
    callers.put(Who.NEXT_LEADER, staff(DemoCity.LEADER_MINZHULU_2));
    callers.put(Who.COMMUNITY, staff(DemoCity.COMMUNITY_ADMIN_MINZHULU));
    callers.put(Who.OTHER_COMMUNITY, staff(DemoCity.COMMUNITY_ADMIN_HUANGHELU));
    callers.put(Who.STREET, staff(DemoCity.STREET_ADMIN_JIANZHONG));
    callers.put(Who.DISTRICT, staff(DemoCity.DISTRICT_ADMIN_ERQI));
    callers.put(Who.CITY, staff(DemoCity.CITY_ADMIN));
    callers.put(Who.CLINICIAN, staff("13800003001"));
    callers.put(Who.OTHER_CLINICIAN, staff("13800003002"));

    Browser community = callers.get(Who.COMMUNITY);
    Browser city = callers.get(Who.CITY);
    ids.put("community", ((Number) community.get("/api/v1/me").at("staffNode.id")).longValue());
    ids.put("worker", ((Number) callers.get(Who.WORKER).get("/api/v1/me").at("id")).longValue());
    ids.put("table", "children");

    // A private problem with a photo.
    Browser.Reply photo =
        o.send("POST", "/api/v1/photos", Images.png(), Map.of("Content-Type", "image/png"));
    ids.put("photo", ((Number) photo.at("id")).longValue());
    Browser.Reply problem =
        o.send(
            "POST",
            "/api/v1/problems",
            Map.of(
                "categoryCode", "facility_repair",
                "description", "矩阵私事描述",
                "photoIds", List.of(ids.get("photo")),
                "visibility", "PRIVATE"),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(problem.status()).as(problem.text()).isEqualTo(201);
    ids.put("problem", ((Number) problem.at("id")).longValue());
    departmentLink(o);

    // A clinic booking at the health station, and a home visit from the area doctor.
    List<Map<String, Object>> providers = o.get("/api/v1/clinic/providers").list();
    Object service = serviceOf(providers, "HEALTH_STATION", "CLINIC_VISIT");
    ids.put("service", service);
    ids.put(
        "provider",
        providers.stream()
            .filter(p -> p.get("kind").equals("HEALTH_STATION"))
            .findFirst()
            .orElseThrow()
            .get("id"));
    List<Map<String, Object>> slots = o.get("/api/v1/clinic/services/" + service + "/slots").list();
    Object start = slots.get(slots.size() - 2).get("startsAt");
    ids.put("slot", start);
    ids.put(
        "bookingDay",
        LocalDate.ofInstant(Instant.parse((String) start), ZoneId.of("Asia/Shanghai")).toString());
    Browser.Reply booking =
        o.send(
            "POST",
            "/api/v1/clinic/bookings",
            Map.of("serviceId", service, "startsAt", start, "reason", "矩阵看病原因"),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(booking.status()).as(booking.text()).isEqualTo(201);
    ids.put("booking", ((Number) booking.at("id")).longValue());
    Object homeVisits = serviceOf(providers, "AREA_DOCTOR", null);
    ids.put("homeVisitService", homeVisits);
    Browser.Reply visit =
        o.send(
            "POST",
            "/api/v1/clinic/home-visits",
            Map.of("serviceId", homeVisits, "reason", "矩阵上门原因"),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(visit.status()).as(visit.text()).isEqualTo(201);
    ids.put("visit", ((Number) visit.at("id")).longValue());
    ids.put("waitlist", 987654321L);

    // An association the owner organises, with an activity and someone asking to join.
    Browser.Reply association =
        community.post(
            "/api/v1/associations",
            Map.of(
                "communityId", ids.get("community"),
                "name", "矩阵合唱团",
                "kind", "CLUB",
                "description", "每周一起唱歌",
                "organiserId", ids.get("owner"),
                "joinPolicy", "APPROVAL"));
    assertThat(association.status()).as(association.text()).isEqualTo(201);
    ids.put("association", ((Number) association.at("id")).longValue());
    Browser joiner = neighbour.browser();
    assertThat(
            joiner
                .post("/api/v1/associations/" + ids.get("association") + "/join", Map.of())
                .status())
        .isEqualTo(200);
    ids.put("associationApplicant", ((Number) joiner.get("/api/v1/me").at("id")).longValue());
    Instant at = Instant.now().plus(Duration.ofDays(3));
    Browser.Reply activity =
        o.post(
            "/api/v1/associations/" + ids.get("association") + "/activities",
            Map.of(
                "title",
                "矩阵排练",
                "place",
                "活动室",
                "startsAt",
                at.toString(),
                "endsAt",
                at.plus(Duration.ofHours(2)).toString(),
                "capacity",
                10));
    assertThat(activity.status()).as(activity.text()).isEqualTo(201);
    ids.put("activity", activity.list().get(0).get("id"));

    // The hotline, a warning, a reply template, an Open311 client, a text.
    Browser.Reply left =
        o.send(
            "POST",
            "/api/v1/hotline/messages",
            Map.of("text", "矩阵热线留言"),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(left.status()).as(left.text()).isEqualTo(201);
    List<Map<String, Object>> contacts =
        community
            .get("/api/v1/staff/communities/" + ids.get("community") + "/hotline-log")
            .at("contacts");
    ids.put("contact", contacts.get(0).get("id"));
    Browser.Reply warning =
        community.send(
            "POST",
            "/api/v1/staff/warnings",
            Map.of(
                "nodeId", ids.get("community"),
                "level", "BLUE",
                "title", "矩阵预警",
                "instructions", "注意",
                "validUntil", Instant.now().plus(Duration.ofDays(1)).toString()),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(warning.status()).as(warning.text()).isEqualTo(201);
    ids.put("warning", ((Number) warning.at("id")).longValue());
    Browser.Reply template =
        callers.get(Who.LEADER).post("/api/v1/staff/reply-templates", Map.of("body", "矩阵回复"));
    assertThat(template.status()).as(template.text()).isEqualTo(201);
    ids.put("template", ((Number) template.at("id")).longValue());
    Browser.Reply client = city.post("/api/v1/admin/open311-clients", Map.of("name", "矩阵应用"));
    assertThat(client.status()).as(client.text()).isEqualTo(201);
    ids.put("open311Client", ((Number) client.at("client.id")).longValue());
    ids.put("apiKey", client.at("apiKey"));
    Browser.Reply importRun =
        city.post("/api/v1/admin/imports/BUILDINGS?name=matrix.csv", "grid_code,building,units\n");
    assertThat(importRun.status()).as(importRun.text()).isEqualTo(202);
    ids.put("importRun", ((Number) importRun.at("id")).longValue());
    ids.put("importKind", "GRIDS");
    webhook(city);
    ids.put("matrixCode", "matrix_code");
    ids.put("sms", ((Number) o.get("/api/v1/me/sms").list().get(0).get("id")).longValue());
    ids.put("shift", 987654321L);
    ids.put("unit", ((Number) o.get("/api/v1/me").at("home.unitId")).longValue());
    ids.put("later", at.plus(Duration.ofDays(1)).toString());
    ids.put("laterEnd", at.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)).toString());
    ids.put("today", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
    ids.put("otherSlot", slots.get(slots.size() - 3).get("startsAt"));
    ids.put("greenChannel", serviceOf(providers, null, "GREEN_CHANNEL"));
    ids.put("leaderId", ((Number) callers.get(Who.LEADER).get("/api/v1/me").at("id")).longValue());
    ids.put(
        "nextGrid",
        ((Number) callers.get(Who.NEXT_LEADER).get("/api/v1/me").at("staffNode.id")).longValue());
    Browser.Reply other =
        neighbour
            .browser()
            .send(
                "POST",
                "/api/v1/problems",
                Map.of("categoryCode", "sanitation", "description", "矩阵另一个"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    ids.put("otherProblem", ((Number) other.at("id")).longValue());
  }

  @SuppressWarnings("unchecked")
  private static Object serviceOf(
      List<Map<String, Object>> providers, String providerKind, String serviceKind) {
    return providers.stream()
        .filter(p -> providerKind == null || p.get("kind").equals(providerKind))
        .flatMap(p -> ((List<Map<String, Object>>) p.get("services")).stream())
        .filter(s -> serviceKind == null || s.get("kind").equals(serviceKind))
        .map(s -> s.get("id"))
        .findFirst()
        .orElseThrow();
  }
}
