package org.onegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/**
 * Every operation in the OpenAPI document, walked as a stranger and fed odd input as a resident and
 * as the city's admin. A new operation is covered the day it is added: it must refuse strangers
 * unless it is declared public here, and it must never answer 5xx to bad ids, parameters or bodies.
 */
@MicronautTest
class ApiSurfaceTest extends ApiTest {

  /** Operations anyone may call without signing in; every other one answers 401 to strangers. */
  static final Set<String> PUBLIC =
      Set.of(
          "GET /api/v1/auth/csrf",
          "POST /api/v1/auth/login",
          "POST /api/v1/auth/logout",
          "POST /api/v1/auth/otp",
          "POST /api/v1/auth/otp/verify",
          "GET /api/v1/config",
          "GET /api/v1/demo/inbox",
          "GET /api/v1/department-links/{token}",
          "POST /api/v1/department-links/{token}/steps",
          "POST /api/v1/department-links/{token}/photos",
          "GET /api/v1/session");

  /** Operations that end the caller's own session; covered by SessionsTest, not walked here. */
  static final Set<String> ENDS_SESSION =
      Set.of(
          "POST /api/v1/auth/logout",
          "POST /api/v1/me/sessions/end-all",
          "PUT /api/v1/me/password");

  /**
   * The admin's own profile, and the demo staff the admin could deactivate (id 1 is a real
   * account): left as the demo has them for the tests that follow. The resident's walk still covers
   * them.
   */
  static final Set<String> ADMIN_SELF =
      Set.of("PATCH /api/v1/me", "PUT /api/v1/me/home", "POST /api/v1/admin/staff/{id}/deactivate");

  static final List<String> ODD_IDS = List.of("0", "-1", "9223372036854775807", "abc", "1.5");
  static final List<String> ODD_QUERY = List.of("abc", "-1", "", "9999999999999999999999");

  private final ApiSurface surface = new ApiSurface();
  private final List<ApiSurface.Operation> operations = surface.operations();
  private final AnswerSchema answers = surface.answers();

  @Test
  void theDocumentListsTheApi() {
    assertThat(operations).hasSizeGreaterThan(100);
  }

  @Test
  void everyOperationDocumentsItsProblemAnswersAndTheCheckerCatchesABrokenAnswer() {
    for (ApiSurface.Operation op : operations) {
      @SuppressWarnings("unchecked")
      Map<String, Object> responses = (Map<String, Object>) op.described().get("responses");
      assertThat(responses).as(op.key()).containsKeys("400", "401", "403", "404", "409", "429");
    }
    ApiSurface.Operation me =
        operations.stream().filter(op -> op.key().equals("GET /api/v1/me")).findFirst().get();
    assertThat(answers.violations(me.described(), 200, "application/json", Map.of("id", "x")))
        .contains("$.id is not an integer", "$.role is missing");
    assertThat(answers.violations(me.described(), 404, "application/json", Map.of()))
        .containsExactly("an error answered as application/json, not problem+json");
  }

  @Test
  void strangersAreRefusedEverythingNotDeclaredPublic() {
    List<String> wrong = new ArrayList<>();
    for (ApiSurface.Operation op : operations) {
      if (op.path().startsWith("/api/v1/webhooks/")) {
        continue; // signature-checked, and present only with Twilio configured (TwilioWebhookTest)
      }
      Browser stranger = browser();
      Browser.Reply reply =
          stranger.send(op.method(), op.url("1", "1"), op.jsonBody() ? Map.of() : null);
      boolean isPublic = PUBLIC.contains(op.key());
      // A file download (CSV, calendar) asked for as JSON is refused as not acceptable (406) before
      // anyone is asked who they are; it shows nothing either way.
      boolean refused =
          reply.status() == 401 || (reply.status() == 406 && op.path().matches(".*\\.(csv|ics)$"));
      if (!isPublic && !refused) {
        wrong.add(op.key() + " answered " + reply.status() + " to a stranger");
      }
      if (reply.status() >= 500) {
        wrong.add(op.key() + " answered " + reply.status() + ": " + reply.text());
      }
      for (String broken :
          answers.violations(
              op.described(), reply.status(), reply.header("Content-Type"), reply.value())) {
        wrong.add(op.key() + " answered a stranger " + reply.status() + " and " + broken);
      }
    }
    assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
  }

  @Test
  void oddInputNeverAnswers5xxToAResident() {
    Browser resident = residentOfMinzhulu1("乱填的人", "2901").browser();
    List<String> failures = walk(resident, Set.of(), true);
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
    assertThat(resident.get("/api/v1/me").status()).as("still signed in").isEqualTo(200);
  }

  @Test
  void oddInputNeverAnswers5xxToTheCityAdmin() {
    Browser admin = staff(DemoCity.CITY_ADMIN);
    List<String> failures = walk(admin, ADMIN_SELF, false);
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
    assertThat(admin.get("/api/v1/me").status()).as("still signed in").isEqualTo(200);
  }

  /** Calls every operation with odd ids, parameters and bodies; returns what answered 5xx. */
  private List<String> walk(Browser who, Set<String> skip, boolean withValidLooking) {
    calls = 0;
    unauthorized = 0;
    List<String> failures = new ArrayList<>();
    try {
      walkAll(who, skip, withValidLooking, failures);
    } finally {
      System.out.println("ApiSurfaceTest: " + calls + " calls, " + unauthorized + " answered 401");
    }
    // The walk ran as the signed-in person: only a few operations refuse them for who they are.
    assertThat(calls).isGreaterThan(500);
    assertThat(unauthorized).isLessThan(calls / 10);
    return failures;
  }

  private void walkAll(
      Browser who, Set<String> skip, boolean withValidLooking, List<String> failures) {
    for (ApiSurface.Operation op : operations) {
      if (ENDS_SESSION.contains(op.key()) || skip.contains(op.key())) {
        continue;
      }
      List<Object> bodies = new ArrayList<>();
      if (op.jsonBody()) {
        bodies.add(Map.of());
        bodies.add(wrongTypes(op.bodyProperties()));
        bodies.add("[]");
        bodies.add("{\"unclosed\": ");
        bodies.add("null");
        // Bodies that may be valid are sent only as the throwaway resident: as the admin they
        // could text the whole demo city, which later tests share.
        if (withValidLooking) {
          bodies.add(nullsInside(op.bodyProperties()));
          bodies.add(extremes(op.bodyProperties()));
        }
      } else if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
        bodies.add(new byte[] {0, 1, 2, 3});
      } else {
        bodies.add(null);
      }
      for (String id : ODD_IDS) {
        for (String query : ODD_QUERY) {
          check(who, op, op.url(id, query), bodies.get(0), failures);
          if (op.queryParams().isEmpty()) {
            break;
          }
        }
        if (op.pathParams().isEmpty()) {
          break;
        }
      }
      for (Object body : bodies.subList(1, bodies.size())) {
        check(who, op, op.url("1", "1"), body, failures);
      }
    }
  }

  private int calls;
  private int unauthorized;

  private void check(
      Browser who, ApiSurface.Operation op, String url, Object body, List<String> failures) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Idempotency-Key", UUID.randomUUID().toString());
    if (body instanceof byte[]) {
      headers.put("Content-Type", "application/octet-stream");
    }
    Browser.Reply reply = who.send(op.method(), url, body, headers);
    calls++;
    if (reply.status() == 401) {
      unauthorized++;
    }
    for (String broken :
        answers.violations(
            op.described(), reply.status(), reply.header("Content-Type"), reply.value())) {
      failures.add(op.key() + " → " + url + " answered " + reply.status() + " and " + broken);
    }
    if (reply.status() >= 500) {
      failures.add(
          op.key()
              + " → "
              + op.method()
              + " "
              + url
              + " with "
              + describe(body)
              + " answered "
              + reply.status()
              + ": "
              + reply.text());
    }
  }

  private static String describe(Object body) {
    if (body instanceof byte[] bytes) {
      return bytes.length + " bytes";
    }
    String s = String.valueOf(body);
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }

  /** Every property with a value of the wrong JSON type. */
  private static Map<String, Object> wrongTypes(Map<String, String> properties) {
    Map<String, Object> body = new LinkedHashMap<>();
    properties.forEach(
        (name, type) ->
            body.put(
                name,
                switch (type) {
                  case "string" -> List.of("x");
                  case "integer", "number" -> "abc";
                  case "boolean" -> "maybe";
                  case "array" -> Arrays.asList((Object) null);
                  default -> "x";
                }));
    return body;
  }

  /** Plausible values, but lists holding nulls and the first id for every reference. */
  private static Map<String, Object> nullsInside(Map<String, String> properties) {
    Map<String, Object> body = new LinkedHashMap<>();
    properties.forEach(
        (name, type) ->
            body.put(
                name,
                switch (type) {
                  case "string" -> "x";
                  case "integer", "number" -> 1;
                  case "boolean" -> true;
                  case "array" -> Arrays.asList(null, null);
                  default -> new LinkedHashMap<>();
                }));
    return body;
  }

  /**
   * Every property at an extreme a form would not send: very long text, huge or negative numbers.
   */
  private static Map<String, Object> extremes(Map<String, String> properties) {
    Map<String, Object> body = new LinkedHashMap<>();
    properties.forEach(
        (name, type) ->
            body.put(
                name,
                switch (type) {
                  case "string" -> "长".repeat(5000);
                  case "integer" -> Long.MAX_VALUE;
                  case "number" -> -1e308;
                  case "boolean" -> true;
                  case "array" -> Collections.nCopies(500, -1);
                  default -> Map.of();
                }));
    return body;
  }
}
