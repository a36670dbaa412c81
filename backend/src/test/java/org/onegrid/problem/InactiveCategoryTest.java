package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.db.Tables.PROBLEM_CATEGORIES;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.onegrid.platform.TestClock;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/**
 * A city switches a kind of problem off: it leaves the report form and Open311's services, and
 * every problem already of that kind goes on working (its page, the inbox, Open311 reads, the
 * escalation job).
 */
@MicronautTest
class InactiveCategoryTest extends ApiTest {

  @Inject DSLContext dsl;
  @Inject CategoryRepository categories;
  @Inject ProblemJobs jobs;
  @Inject TestClock clock;

  @Test
  void problemsOfAKindSwitchedOffKeepWorkingAndNewOnesAreRefused() throws Exception {
    dsl.insertInto(PROBLEM_CATEGORIES)
        .set(PROBLEM_CATEGORIES.CODE, "pilot_kind")
        .set(PROBLEM_CATEGORIES.NAME_ZH, "试点类别")
        .set(PROBLEM_CATEGORIES.NAME_EN, "Pilot kind")
        .set(PROBLEM_CATEGORIES.ICON, "more-o")
        .set(PROBLEM_CATEGORIES.ACCEPT_HOURS, 1)
        .set(PROBLEM_CATEGORIES.RESOLVE_HOURS, 2)
        .set(PROBLEM_CATEGORIES.SORT_ORDER, 95)
        .set(PROBLEM_CATEGORIES.ACTIVE, true)
        .set(PROBLEM_CATEGORIES.ALWAYS_PRIVATE, false)
        .execute();
    categories.reload();
    Resident reporter = residentOfMinzhulu1("试点居民", "2301");
    Map<String, Object> report =
        Map.of("categoryCode", "pilot_kind", "description", "试点类别的问题", "visibility", "PUBLIC");
    Browser.Reply filed =
        reporter
            .browser()
            .send(
                "POST",
                "/api/v1/problems",
                report,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    long id = filed.<Number>at("id").longValue();

    dsl.update(PROBLEM_CATEGORIES)
        .set(PROBLEM_CATEGORIES.ACTIVE, false)
        .where(PROBLEM_CATEGORIES.CODE.eq("pilot_kind"))
        .execute();
    categories.reload();

    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    assertThat(reporter.browser().get("/api/v1/problems/" + id).status()).isEqualTo(200);
    assertThat(reporter.browser().get("/api/v1/me/problems").status()).isEqualTo(200);
    assertThat(leader.get("/api/v1/staff/problems").status()).isEqualTo(200);
    assertThat(leader.get("/api/v1/problems/" + id).<String>at("categoryName")).isEqualTo("试点类别");
    HttpClient http = HttpClient.newHttpClient();
    for (String path : new String[] {"requests.json", "requests/" + id + ".json"}) {
      HttpResponse<String> read =
          http.send(
              HttpRequest.newBuilder(URI.create(server.getURL() + "/open311/v2/" + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(read.statusCode()).as(path + ": " + read.body()).isEqualTo(200);
    }
    try {
      clock.advance(Duration.ofHours(3)); // overdue: the escalation job reads its time limits
      jobs.escalateOverdue();
    } finally {
      clock.reset();
    }

    // Not offered for new reports.
    assertThat(reporter.browser().get("/api/v1/problem-categories").text())
        .doesNotContain("pilot_kind");
    Browser.Reply refused =
        reporter
            .browser()
            .send(
                "POST",
                "/api/v1/problems",
                report,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(
                            URI.create(server.getURL() + "/open311/v2/services/pilot_kind.json"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
  }
}
