package org.onegrid.open311;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/**
 * An Open311 client written from the GeoReport v2 specification alone: plain HTTP, form posts, XML
 * and JSON. A city admin issues its key; what it files reaches the grid leader's inbox.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311Test extends ApiTest {

  private Open311Http client;
  private Browser admin;
  private String apiKey;
  private long clientId;

  /** Inside 民主路社区 第1网格's boundary. */
  static final String LAT = "34.7480";

  static final String LONG = "113.6420";

  @BeforeAll
  void issueKey() {
    client = new Open311Http(server.getURL().toString());
    admin = staff(DemoCity.CITY_ADMIN);
    Browser.Reply issued = admin.post("/api/v1/admin/open311-clients", Map.of("name", "随手拍郑州"));
    assertThat(issued.status()).as(issued.text()).isEqualTo(201);
    apiKey = issued.at("apiKey");
    clientId = issued.<Number>at("client.id").longValue();
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.get(path);
  }

  HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    return client.post(path, form);
  }

  List<Map<String, Object>> jsonList(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    return json.readValue(
        response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
  }

  Document xml(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
    assertThat(response.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
  }

  static String text(Element parent, String tag) {
    return parent.getElementsByTagName(tag).item(0).getTextContent();
  }

  Map<String, String> waterRequest(String description) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("api_key", apiKey);
    form.put("service_code", "water_supply");
    form.put("lat", LAT);
    form.put("long", LONG);
    form.put("description", description);
    form.put("attribute[NO_WATER]", "yes");
    form.put("first_name", "建国");
    form.put("last_name", "马");
    form.put("phone", "13612345678");
    form.put("email", "ma@example.com");
    return form;
  }

  @Test
  void aClientListsServicesPostsResolvesTheTokenAndReadsItBackInBothFormats() throws Exception {
    Map<String, Object> discovery =
        json.readValue(get("discovery.json").body(), Argument.mapOf(String.class, Object.class));
    assertThat(discovery.toString()).contains("GeoReport_v2").contains("application/json");
    assertThat(xml(get("discovery.xml")).getDocumentElement().getTagName()).isEqualTo("discovery");

    List<Map<String, Object>> services = jsonList(get("services.json"));
    Map<String, Object> water =
        services.stream()
            .filter(s -> s.get("service_code").equals("water_supply"))
            .findFirst()
            .orElseThrow();
    assertThat(water).containsEntry("metadata", true).containsEntry("type", "batch");
    Document servicesXml = xml(get("services.xml"));
    assertThat(servicesXml.getDocumentElement().getTagName()).isEqualTo("services");
    assertThat(servicesXml.getElementsByTagName("service").getLength()).isEqualTo(services.size());

    Document definition = xml(get("services/water_supply.xml"));
    Element attribute = (Element) definition.getElementsByTagName("attribute").item(0);
    assertThat(text(attribute, "code")).isEqualTo("NO_WATER");
    assertThat(text(attribute, "datatype")).isEqualTo("singlevaluelist");
    assertThat(text(attribute, "required")).isEqualTo("true");
    assertThat(attribute.getElementsByTagName("value").getLength()).isEqualTo(2);

    HttpResponse<String> posted = post("requests.xml", waterRequest("5号楼4单元水表井低洼，污水倒灌"));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    Element created = (Element) xml(posted).getElementsByTagName("request").item(0);
    String token = text(created, "token");
    assertThat(created.getElementsByTagName("service_request_id").getLength()).isZero();

    List<Map<String, Object>> resolved = jsonList(get("tokens/" + token + ".json"));
    String id = (String) resolved.get(0).get("service_request_id");
    assertThat(resolved.get(0)).containsEntry("token", token);

    Map<String, Object> request = jsonList(get("requests/" + id + ".json")).get(0);
    assertThat(request)
        .containsEntry("service_request_id", id)
        .containsEntry("status", "open")
        .containsEntry("service_code", "water_supply")
        .containsEntry("description", "5号楼4单元水表井低洼，污水倒灌");
    assertThat((String) request.get("agency_responsible")).contains("民主路社区").contains("第1网格");
    assertThat((String) request.get("expected_datetime")).endsWith("+08:00");
    Element requestXml =
        (Element) xml(get("requests/" + id + ".xml")).getElementsByTagName("request").item(0);
    assertThat(text(requestXml, "status")).isEqualTo("open");
    assertThat(text(requestXml, "lat")).startsWith("34.748");
    for (String body :
        List.of(get("requests/" + id + ".json").body(), get("requests.json").body())) {
      assertThat(body)
          .doesNotContain("13612345678")
          .doesNotContain("马")
          .doesNotContain("ma@example.com");
    }

    // The grid leader finds it in the inbox, from Open311, with the app as reporter and the answer.
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    assertThat(leader.get("/api/v1/staff/problems?source=OPEN311").list())
        .anySatisfy(p -> assertThat(String.valueOf(p.get("id"))).isEqualTo(id));
    Browser.Reply seen = leader.get("/api/v1/problems/" + id);
    assertThat(seen.<String>at("reporterName")).isEqualTo("随手拍郑州");
    assertThat(seen.<String>at("source")).isEqualTo("OPEN311");
    assertThat(seen.<List<Map<String, Object>>>at("answers"))
        .containsExactly(Map.of("question", "现在是否停水？", "answer", "是"));

    // Accepted and resolved, it reads as closed with the leader's note.
    leader.post("/api/v1/problems/" + id + "/actions", Map.of("action", "ACCEPT"));
    leader.post(
        "/api/v1/problems/" + id + "/actions", Map.of("action", "RESOLVE", "reason", "已抬高井口"));
    Map<String, Object> closed = jsonList(get("requests/" + id + ".json")).get(0);
    assertThat(closed).containsEntry("status", "closed").containsEntry("status_notes", "已抬高井口");
    assertThat(jsonList(get("requests.json?status=closed&service_code=water_supply,sanitation")))
        .anySatisfy(r -> assertThat(r.get("service_request_id")).isEqualTo(id));
    assertThat(jsonList(get("requests.json?status=open")))
        .noneSatisfy(r -> assertThat(r.get("service_request_id")).isEqualTo(id));
    assertThat(jsonList(get("requests.json?service_request_id=" + id + ",999999999"))).hasSize(1);
  }

  @Test
  void aWrittenAddressIsPlacedByCommunityBuildingAndUnit() throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("api_key", apiKey);
    form.put("service_code", "construction_waste");
    form.put("address_string", "郑州市二七区 工人新村社区 7号楼 2单元 门前");
    form.put("description", "一堆建筑垃圾");
    HttpResponse<String> posted = post("requests.json", form);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    String token = (String) jsonList(posted).get(0).get("token");
    String id =
        (String) jsonList(get("tokens/" + token + ".json")).get(0).get("service_request_id");
    Map<String, Object> request = jsonList(get("requests/" + id + ".json")).get(0);
    assertThat((String) request.get("agency_responsible")).contains("工人新村社区").contains("第2网格");
    // Public requests are placed to the building, never the unit.
    assertThat((String) request.get("address")).contains("7号楼").doesNotContain("2单元");
  }

  @Test
  void aPrivateKindOfRequestIsReadBackOnlyByTheAppThatFiledIt() throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("api_key", apiKey);
    form.put("service_code", "care_medical");
    form.put("lat", LAT);
    form.put("long", LONG);
    form.put("description", "独居老人摔倒了需要帮忙");
    HttpResponse<String> posted = post("requests.json", form);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    String token = (String) jsonList(posted).get(0).get("token");
    String id =
        (String) jsonList(get("tokens/" + token + ".json")).get(0).get("service_request_id");

    assertThat(get("requests/" + id + ".json").statusCode()).isEqualTo(404);
    assertThat(get("requests.json").body()).doesNotContain("独居老人");
    assertThat(get("requests/" + id + ".json?api_key=wrong").statusCode()).isEqualTo(404);
    HttpResponse<String> own = get("requests/" + id + ".json?api_key=" + apiKey);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(jsonList(own).get(0)).containsEntry("service_request_id", id);
    assertThat(get("requests.json?service_request_id=" + id + "&api_key=" + apiKey).body())
        .contains("独居老人");
  }

  @Test
  void badRequestsGetTheSpecificationsErrors() throws Exception {
    Map<String, String> noKey = waterRequest("x");
    noKey.remove("api_key");
    HttpResponse<String> missing = post("requests.json", noKey);
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(jsonList(missing).get(0)).containsEntry("code", 403);
    Map<String, String> wrongKey = waterRequest("x");
    wrongKey.put("api_key", "og311_not-a-key");
    HttpResponse<String> wrong = post("requests.xml", wrongKey);
    assertThat(wrong.statusCode()).isEqualTo(403);
    Document errors = xml(wrong);
    assertThat(errors.getDocumentElement().getTagName()).isEqualTo("errors");
    assertThat(text((Element) errors.getElementsByTagName("error").item(0), "code"))
        .isEqualTo("403");

    Map<String, String> unknown = waterRequest("x");
    unknown.put("service_code", "potholes");
    assertThat(post("requests.json", unknown).statusCode()).isEqualTo(404);
    Map<String, String> nowhere = waterRequest("x");
    nowhere.remove("lat");
    nowhere.remove("long");
    HttpResponse<String> noLocation = post("requests.json", nowhere);
    assertThat(noLocation.statusCode()).isEqualTo(400);
    assertThat((String) jsonList(noLocation).get(0).get("description")).contains("location");
    Map<String, String> unanswered = waterRequest("x");
    unanswered.remove("attribute[NO_WATER]");
    assertThat(post("requests.json", unanswered).statusCode()).isEqualTo(400);
    Map<String, String> badChoice = waterRequest("x");
    badChoice.put("attribute[NO_WATER]", "maybe");
    assertThat(post("requests.json", badChoice).statusCode()).isEqualTo(400);
    Map<String, String> farAway = waterRequest("x");
    farAway.put("lat", "39.9");
    farAway.put("long", "116.4");
    HttpResponse<String> outside = post("requests.json", farAway);
    assertThat(outside.statusCode()).isEqualTo(400);
    assertThat((String) jsonList(outside).get(0).get("description")).contains("outside the city");

    assertThat(get("services/potholes.json").statusCode()).isEqualTo(404);
    assertThat(get("requests/999999999.xml").statusCode()).isEqualTo(404);
    assertThat(get("tokens/" + UUID.randomUUID() + ".json").statusCode()).isEqualTo(404);
    assertThat(get("requests.json?start_date=yesterday").statusCode()).isEqualTo(400);
    assertThat(
            get("requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z")
                .statusCode())
        .isEqualTo(400);
    assertThat(get("requests.json?status=pending").statusCode()).isEqualTo(400);
    assertThat(get("services.html").statusCode()).isEqualTo(400);
  }

  @Test
  void keysAreForCityAdminsAndARevokedKeyFilesNothing() throws Exception {
    assertThat(
            staff(DemoCity.LEADER_MINZHULU_1)
                .post("/api/v1/admin/open311-clients", Map.of("name", "x"))
                .status())
        .isEqualTo(403);
    Browser.Reply issued = admin.post("/api/v1/admin/open311-clients", Map.of("name", "临时应用"));
    String key = issued.at("apiKey");
    long id = issued.<Number>at("client.id").longValue();
    assertThat(admin.get("/api/v1/admin/open311-clients").text()).doesNotContain(key);
    Map<String, String> form = waterRequest("撤销前");
    form.put("api_key", key);
    assertThat(post("requests.json", form).statusCode()).isEqualTo(201);
    assertThat(admin.send("DELETE", "/api/v1/admin/open311-clients/" + id, null).status())
        .isEqualTo(200);
    assertThat(post("requests.json", form).statusCode()).isEqualTo(403);
  }

  @Test
  void eachKeyIsRateLimited() throws Exception {
    Browser.Reply issued = admin.post("/api/v1/admin/open311-clients", Map.of("name", "压力测试"));
    Map<String, String> form = waterRequest("限流");
    form.put("api_key", issued.at("apiKey"));
    // 12 a minute in tests: 25 posts span at most two minute windows, so at least one is refused
    // whenever they are sent.
    int refused = 0;
    for (int i = 0; i < 25; i++) {
      HttpResponse<String> r = post("requests.json", form);
      if (r.statusCode() == 429) {
        refused++;
        assertThat(jsonList(r).get(0)).containsEntry("code", 429);
      } else {
        assertThat(r.statusCode()).isEqualTo(201);
      }
    }
    assertThat(refused).isGreaterThanOrEqualTo(1);
    // Another app's key is not affected.
    assertThat(post("requests.json", waterRequest("另一个应用")).statusCode()).isEqualTo(201);
  }

  @Test
  void aPointBetweenGridsGoesToTheNearestGridAndTheAnswerSaysSo() throws Exception {
    // About 80 m east of 民主路社区 第2网格, on the road outside every drawn grid.
    Map<String, String> form = waterRequest("路边消防栓漏水");
    form.put("lat", "34.7500");
    form.put("long", "113.6440");
    HttpResponse<String> posted = post("requests.json", form);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    Map<String, Object> receipt = jsonList(posted).get(0);
    assertThat((String) receipt.get("service_notice")).startsWith("该位置不在任何网格内，已交给最近的第2网格（约 8");
    String id =
        (String)
            jsonList(get("tokens/" + receipt.get("token") + ".json"))
                .get(0)
                .get("service_request_id");
    Browser leader = staff(DemoCity.LEADER_MINZHULU_2);
    assertThat(leader.get("/api/v1/problems/" + id).<String>at("gridName")).isEqualTo("第2网格");
  }
}
