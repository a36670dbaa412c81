package org.onegrid.open311;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Open311Http;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A client of mySociety's service request updates extension, written from its description alone (as
 * FixMyStreet follows its reports): GET servicerequestupdates.{xml,json} with start_date and
 * end_date lists request_update elements (update_id, service_request_id, status in lower case,
 * updated_datetime, description, media_url); POST servicerequestupdates with api_key,
 * service_request_id, update_id_ext, status in upper case, updated_datetime and description answers
 * the update's id.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311UpdatesTest extends ApiTest {

  private Open311Http client;
  private String apiKey;

  @BeforeAll
  void issueKey() {
    client = new Open311Http(server.getURL().toString());
    Browser.Reply issued =
        staff(DemoCity.CITY_ADMIN).post("/api/v1/admin/open311-clients", Map.of("name", "街坊帮"));
    assertThat(issued.status()).as(issued.text()).isEqualTo(201);
    apiKey = issued.at("apiKey");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.get(path);
  }

  private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    return client.post(path, form);
  }

  /** An update as the client keeps it: every field the extension requires, by name. */
  private record Update(
      String updateId,
      String requestId,
      String status,
      String updatedDatetime,
      String description,
      String mediaUrl) {}

  private List<Update> updatesXml(String query) throws Exception {
    HttpResponse<String> response = get("servicerequestupdates.xml?" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("service_request_updates");
    NodeList items = doc.getElementsByTagName("request_update");
    List<Update> out = new ArrayList<>();
    for (int i = 0; i < items.getLength(); i++) {
      Element e = (Element) items.item(i);
      out.add(
          new Update(
              text(e, "update_id"),
              text(e, "service_request_id"),
              text(e, "status"),
              text(e, "updated_datetime"),
              text(e, "description"),
              text(e, "media_url")));
    }
    return out;
  }

  private static String text(Element parent, String tag) {
    NodeList found = parent.getElementsByTagName(tag);
    assertThat(found.getLength()).as("<" + tag + "> in every request_update").isEqualTo(1);
    return found.item(0).getTextContent();
  }

  private static String window() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return "start_date="
        + URLEncoder.encode(now.minusSeconds(600).toString(), StandardCharsets.UTF_8)
        + "&end_date="
        + URLEncoder.encode(now.plusSeconds(600).toString(), StandardCharsets.UTF_8);
  }

  private String fileRequest(String description) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("api_key", apiKey);
    form.put("service_code", "sanitation");
    form.put("lat", Open311Test.LAT);
    form.put("long", Open311Test.LONG);
    form.put("description", description);
    HttpResponse<String> posted = post("requests.json", form);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    String token =
        (String)
            json.readValue(
                    posted.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)))
                .get(0)
                .get("token");
    return (String)
        json.readValue(
                get("tokens/" + token + ".json").body(),
                Argument.listOf(Argument.mapOf(String.class, Object.class)))
            .get(0)
            .get("service_request_id");
  }

  private Map<String, String> update(String id, String updateId, String status, String text) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("api_key", apiKey);
    form.put("service_request_id", id);
    form.put("update_id_ext", updateId);
    form.put("status", status);
    form.put("updated_datetime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    form.put("description", text);
    form.put("first_name", "小红");
    return form;
  }

  @Test
  void aFollowerReadsStatusChangesAndRepliesButNeverInternalNotesOrNames() throws Exception {
    String id = fileRequest("垃圾桶满了没人清");
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    leader.post("/api/v1/problems/" + id + "/actions", Map.of("action", "ACCEPT"));
    leader.post(
        "/api/v1/problems/" + id + "/messages",
        Map.of("body", "明早清运，有事打 13812345678", "clientKey", UUID.randomUUID().toString()));
    leader.post(
        "/api/v1/problems/" + id + "/messages",
        Map.of("body", "保洁公司经理说车坏了", "clientKey", UUID.randomUUID().toString(), "internal", true));
    leader.post(
        "/api/v1/problems/" + id + "/actions", Map.of("action", "RESOLVE", "reason", "已清运"));

    List<Update> mine =
        updatesXml(window()).stream().filter(u -> u.requestId().equals(id)).toList();
    assertThat(mine)
        .extracting(Update::status)
        .containsExactly("investigating", "investigating", "fixed");
    assertThat(mine.get(0).description()).isEqualTo("网格长已受理。");
    assertThat(mine.get(1).description()).contains("明早清运").doesNotContain("13812345678");
    assertThat(mine.get(2).description()).isEqualTo("已清运");
    assertThat(mine).allSatisfy(u -> assertThat(u.updatedDatetime()).endsWith("+08:00"));
    assertThat(mine).extracting(Update::mediaUrl).containsOnly("");
    assertThat(mine).extracting(Update::updateId).doesNotHaveDuplicates();
    String everything = get("servicerequestupdates.json?" + window()).body();
    assertThat(everything)
        .contains("\"service_request_id\":\"" + id + "\"")
        .doesNotContain("保洁公司经理")
        .doesNotContain(DemoCity.LEADER_MINZHULU_1_NAME);

    // A resident's private report changes too, but no one reads it here.
    Resident resident = residentOfMinzhulu1("温秀", "1701");
    long secret =
        resident
            .browser()
            .send(
                "POST",
                "/api/v1/problems",
                Map.of("categoryCode", "sanitation", "description", "邻居家门口堆杂物"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()))
            .<Number>at("id")
            .longValue();
    leader.post("/api/v1/problems/" + secret + "/actions", Map.of("action", "ACCEPT"));
    assertThat(updatesXml(window()))
        .noneSatisfy(u -> assertThat(u.requestId()).isEqualTo(String.valueOf(secret)));
  }

  @Test
  void theAppsCommentReachesTheThreadOnceAndReopensAFixTheReporterDoesNotAccept() throws Exception {
    String id = fileRequest("路灯不亮");
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    leader.post("/api/v1/problems/" + id + "/actions", Map.of("action", "ACCEPT"));
    leader.post(
        "/api/v1/problems/" + id + "/actions", Map.of("action", "RESOLVE", "reason", "已换灯泡"));

    Map<String, String> form = update(id, "fms-" + UUID.randomUUID(), "REOPEN", "晚上还是不亮");
    HttpResponse<String> first = post("servicerequestupdates.xml", form);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    Document answer =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(first.body().getBytes(StandardCharsets.UTF_8)));
    String updateId =
        text((Element) answer.getElementsByTagName("request_update").item(0), "update_id");
    // A flaky network sends it again: the same update, one comment, one reopening.
    HttpResponse<String> again = post("servicerequestupdates.xml", form);
    assertThat(again.body()).contains("<update_id>" + updateId + "</update_id>");

    Browser.Reply problem = leader.get("/api/v1/problems/" + id);
    assertThat(problem.<String>at("state")).isEqualTo("REOPENED");
    List<Map<String, Object>> thread = leader.get("/api/v1/problems/" + id + "/messages").list();
    assertThat(thread)
        .filteredOn(m -> String.valueOf(m.get("body")).contains("晚上还是不亮"))
        .singleElement()
        .satisfies(m -> assertThat(String.valueOf(m.get("body"))).contains("小红"));
    List<Map<String, Object>> timeline = problem.at("timeline");
    assertThat(timeline).filteredOn(e -> "REOPEN".equals(e.get("action"))).hasSize(1);
    assertThat(updatesXml(window()))
        .filteredOn(u -> u.requestId().equals(id))
        .extracting(Update::status)
        .containsExactly("investigating", "fixed", "reopen");
  }

  @Test
  void updatesAreRefusedPlainlyWithoutAKeyForAnotherAppsRequestOrWithAnUnknownStatus()
      throws Exception {
    String id = fileRequest("井盖松动");
    Map<String, String> noKey = update(id, "x-1", "OPEN", "还是松的");
    noKey.remove("api_key");
    assertThat(post("servicerequestupdates.json", noKey).statusCode()).isEqualTo(403);

    Browser.Reply other =
        staff(DemoCity.CITY_ADMIN).post("/api/v1/admin/open311-clients", Map.of("name", "别的应用"));
    Map<String, String> otherApp = update(id, "x-2", "OPEN", "我也看到了");
    otherApp.put("api_key", other.at("apiKey"));
    HttpResponse<String> refused = post("servicerequestupdates.json", otherApp);
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.body()).contains("was not found among this api_key's requests");

    HttpResponse<String> badStatus =
        post("servicerequestupdates.json", update(id, "x-3", "MAYBE", "?"));
    assertThat(badStatus.statusCode()).isEqualTo(400);
    assertThat(badStatus.body()).contains("status must be one of");
    HttpResponse<String> badWindow = get("servicerequestupdates.json?start_date=yesterday");
    assertThat(badWindow.statusCode()).isEqualTo(400);
  }

  @Test
  void oddInputNeverAnswers5xxAndIsToldInTheErrorsFormat() throws Exception {
    String id = fileRequest("台阶破损");
    // Its own keys, a fresh one every 10 posts: an app may post 12 a minute in the tests, and the
    // fuzz is not
    // about the rate limit (which answers 429 before anything is read).
    int posted = 0;
    String key = null;
    List<String> odd =
        List.of(
            "",
            " ",
            "-1",
            "0",
            "99999999999999999999",
            "1e9",
            "null",
            "<x>&amp;",
            "' OR 1=1 --",
            "2026-13-45T99:00:00Z",
            "％％",
            "\u0000",
            "a".repeat(5000));
    for (String field :
        List.of(
            "service_request_id",
            "update_id_ext",
            "status",
            "updated_datetime",
            "description",
            "media_url",
            "api_key")) {
      for (String value : odd) {
        Map<String, String> form = update(id, "odd-" + UUID.randomUUID(), "OPEN", "还是坏的");
        for (String format : List.of("xml", "json")) {
          if (posted++ % 10 == 0) {
            key =
                staff(DemoCity.CITY_ADMIN)
                    .post("/api/v1/admin/open311-clients", Map.of("name", "模糊测试 " + posted))
                    .at("apiKey");
          }
          form.put("api_key", key);
          form.put(field, value);
          HttpResponse<String> r = post("servicerequestupdates." + format, form);
          assertThat(r.statusCode())
              .as(field + "=" + value + " → " + r.body())
              .isLessThan(500)
              .isNotEqualTo(429);
          if (r.statusCode() >= 400) {
            assertThat(r.body())
                .as(field + "=" + value)
                .contains(format.equals("xml") ? "<errors><error><code>" : "[{\"code\":");
          }
        }
      }
    }
    for (String param : List.of("start_date", "end_date", "api_key")) {
      for (String value : odd) {
        String query = param + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        HttpResponse<String> r = get("servicerequestupdates.json?" + query);
        assertThat(r.statusCode()).as(query + " → " + r.body()).isLessThan(500);
      }
    }
  }
}
