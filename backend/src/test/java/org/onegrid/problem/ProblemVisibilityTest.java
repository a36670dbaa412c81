package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/**
 * Public and private problems, read as a stranger would: an anonymous Open311 reader, a neighbour,
 * a resident of another community. Only public problems leave the reporter and staff, and then
 * without names, with a coarse place and with phone and ID numbers masked.
 */
@MicronautTest
class ProblemVisibilityTest extends ApiTest {

  private final HttpClient http = HttpClient.newHttpClient();

  /** Inside 民主路社区 第1网格's boundary. */
  static final double LAT = 34.748123;

  static final double LNG = 113.642167;

  Browser.Reply report(Browser who, Map<String, Object> body) {
    Browser.Reply reply =
        who.send(
            "POST",
            "/api/v1/problems",
            body,
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply;
  }

  HttpResponse<String> open311(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.getURL() + "/open311/v2/" + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  List<Map<String, Object>> open311List() throws Exception {
    HttpResponse<String> listed = open311("requests.json");
    assertThat(listed.statusCode()).isEqualTo(200);
    return json.readValue(
        listed.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
  }

  @Test
  void aPrivateReportReachesNobodyButTheReporterAndStaff() throws Exception {
    Resident reporter = residentOfMinzhulu1("甘阿姨", "2101");
    Browser neighbour = residentOfMinzhulu1("邻居老郑", "2102").browser();
    long id =
        report(
                reporter.browser(),
                Map.of(
                    "categoryCode",
                    "facility_repair",
                    "description",
                    "楼道灯坏了，我家电话13812345678",
                    "lat",
                    LAT,
                    "lng",
                    LNG))
            .<Number>at("id")
            .longValue();

    assertThat(reporter.browser().get("/api/v1/problems/" + id).<String>at("visibility"))
        .isEqualTo("PRIVATE");
    assertThat(neighbour.get("/api/v1/problems/" + id).status()).isEqualTo(404);
    assertThat(neighbour.get("/api/v1/problems/similar?category=facility_repair").list())
        .noneMatch(p -> ((Number) p.get("id")).longValue() == id);
    assertThat(open311("requests/" + id + ".json").statusCode()).isEqualTo(404);
    assertThat(open311List())
        .noneMatch(p -> p.get("service_request_id").equals(String.valueOf(id)));
    assertThat(staff(DemoCity.LEADER_MINZHULU_1).get("/api/v1/problems/" + id).status())
        .isEqualTo(200);
  }

  @Test
  void aHotlineMessageIsNeverPublished() throws Exception {
    Resident caller = residentOfMinzhulu1("求助人", "2103");
    Browser.Reply left =
        caller
            .browser()
            .send(
                "POST",
                "/api/v1/hotline/messages",
                Map.of("text", "隔壁天天打老婆，1号楼1单元"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(left.status()).as(left.text()).isEqualTo(201);
    long id = left.<Number>at("problemId").longValue();
    assertThat(open311("requests/" + id + ".json").statusCode()).isEqualTo(404);
    assertThat(open311List().toString()).doesNotContain("打老婆");
    // Even its reporter cannot publish what came in through the hotline.
    Browser.Reply publish =
        caller
            .browser()
            .put("/api/v1/problems/" + id + "/visibility", Map.of("visibility", "PUBLIC"));
    assertThat(publish.status()).isEqualTo(409);
    assertThat(publish.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void aPublicReportIsPublishedWithoutNamesWithACoarsePlaceAndMaskedNumbers() throws Exception {
    Resident reporter = residentOfMinzhulu1("公开的吕大爷", "2104");
    Browser neighbour = residentOfMinzhulu1("邻居小何", "2105").browser();
    long id =
        report(
                reporter.browser(),
                Map.of(
                    "categoryCode",
                    "sanitation",
                    "description",
                    "垃圾没人清，联系我13812345678，身份证410102198001011234",
                    "lat",
                    LAT,
                    "lng",
                    LNG,
                    "locationText",
                    "东门，电话13900001111",
                    "visibility",
                    "PUBLIC"))
            .<Number>at("id")
            .longValue();

    Map<String, Object> published =
        open311List().stream()
            .filter(p -> p.get("service_request_id").equals(String.valueOf(id)))
            .findFirst()
            .orElseThrow();
    assertThat((String) published.get("description"))
        .contains("138****5678")
        .doesNotContain("13812345678")
        .doesNotContain("198001011234");
    assertThat(published.toString())
        .doesNotContain("公开的吕大爷")
        .doesNotContain("13900001111")
        .doesNotContain("1单元");
    assertThat(((Number) published.get("lat")).doubleValue()).isEqualTo(34.748);
    assertThat(((Number) published.get("long")).doubleValue()).isEqualTo(113.642);

    Browser.Reply seen = neighbour.get("/api/v1/problems/" + id);
    assertThat(seen.status()).isEqualTo(200);
    assertThat(seen.<Object>at("reporterName")).isNull();
    assertThat(seen.text())
        .doesNotContain("公开的吕大爷")
        .doesNotContain("13812345678")
        .doesNotContain(reporter.phone());
    assertThat(seen.<Number>at("lat").doubleValue()).isEqualTo(34.748);
    // The reporter still reads their own words and point.
    Browser.Reply own = reporter.browser().get("/api/v1/problems/" + id);
    assertThat(own.<String>at("description")).contains("13812345678");
    assertThat(own.<Number>at("lat").doubleValue()).isEqualTo(LAT);
  }

  @Test
  void staffMakeAPublicProblemPrivateWithAReasonAndOnlyTheReporterPublishesItAgain()
      throws Exception {
    Resident reporter = residentOfMinzhulu1("公开又收回", "2106");
    long id =
        report(
                reporter.browser(),
                Map.of(
                    "categoryCode",
                    "sanitation",
                    "description",
                    "门口堆了很多杂物",
                    "visibility",
                    "PUBLIC"))
            .<Number>at("id")
            .longValue();
    assertThat(open311("requests/" + id + ".json").statusCode()).isEqualTo(200);

    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    String path = "/api/v1/problems/" + id + "/visibility";
    assertThat(leader.put(path, Map.of("visibility", "PRIVATE")).status()).isEqualTo(400);
    Browser.Reply hidden = leader.put(path, Map.of("visibility", "PRIVATE", "reason", "涉及住户隐私"));
    assertThat(hidden.status()).as(hidden.text()).isEqualTo(200);
    assertThat(hidden.<String>at("visibility")).isEqualTo("PRIVATE");
    List<Map<String, Object>> timeline = hidden.at("timeline");
    assertThat(timeline.get(timeline.size() - 1))
        .containsEntry("action", "MADE_PRIVATE")
        .containsEntry("reason", "涉及住户隐私");
    assertThat(open311("requests/" + id + ".json").statusCode()).isEqualTo(404);

    Browser.Reply refused = leader.put(path, Map.of("visibility", "PUBLIC"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(leader.get("/api/v1/problems/" + id).<String>at("visibility")).isEqualTo("PRIVATE");
    Browser otherLeader = staff(DemoCity.LEADER_MINZHULU_2);
    assertThat(otherLeader.put(path, Map.of("visibility", "PRIVATE", "reason", "x")).status())
        .isEqualTo(404);

    Browser.Reply again = reporter.browser().put(path, Map.of("visibility", "PUBLIC"));
    assertThat(again.<String>at("visibility")).isEqualTo("PUBLIC");
    assertThat(open311("requests/" + id + ".json").statusCode()).isEqualTo(200);
  }

  @Test
  void meTooSuggestionsComeOnlyFromTheResidentsOwnGridAndCarryNoNames() {
    Resident reporter = residentOfMinzhulu1("报修的柏师傅", "2107");
    long id =
        report(
                reporter.browser(),
                Map.of(
                    "categoryCode",
                    "water_supply",
                    "description",
                    "水表井又满了",
                    "visibility",
                    "PUBLIC"))
            .<Number>at("id")
            .longValue();
    long unitOfReport =
        ((Number) reporter.browser().get("/api/v1/me").at("home.unitId")).longValue();

    Browser sameGrid = residentOfMinzhulu1("同网格", "2108").browser();
    List<Map<String, Object>> suggested =
        sameGrid.get("/api/v1/problems/similar?category=water_supply").list();
    assertThat(suggested)
        .anySatisfy(p -> assertThat(((Number) p.get("id")).longValue()).isEqualTo(id));
    assertThat(suggested).allSatisfy(p -> assertThat(p.get("reporterName")).isNull());

    // Naming a unit elsewhere does not reach another community's problems.
    Browser elsewhere = residentOf("工人新村", "别处的人", "2109").browser();
    Browser.Reply fromElsewhere =
        elsewhere.get("/api/v1/problems/similar?category=water_supply&unitId=" + unitOfReport);
    assertThat(fromElsewhere.status()).as(fromElsewhere.text()).isEqualTo(200);
    assertThat(fromElsewhere.list()).noneMatch(p -> ((Number) p.get("id")).longValue() == id);
    assertThat(elsewhere.get("/api/v1/problems/" + id).status()).isEqualTo(404);
    // Staff and people without a home get no suggestions.
    assertThat(
            staff(DemoCity.LEADER_MINZHULU_1)
                .get("/api/v1/problems/similar?category=water_supply")
                .list())
        .isEmpty();
  }
}
