package org.onegrid.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.CityFiles;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Phones;

/**
 * A city admin loads a new district from the example files a real city would start from: the dry
 * run names every refused row and why, applying a clean file creates it, applying it again changes
 * nothing, and the people it loads can sign in and find their grid and home.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportTest extends ApiTest {

  private static final Path EXAMPLES = Path.of("../frontend/public/examples/city");

  @Test
  @Order(1)
  void theDryRunSaysWhichRowsAreRefusedAndWhyAndApplyingSuchAFileIsRefused() throws IOException {
    Browser admin = staff(DemoCity.CITY_ADMIN);
    String broken =
        read("grids.geojson").replace("\"parent_code\": \"410122\"", "\"parent_code\": \"999999\"");
    Browser.Reply report =
        admin.post("/api/v1/admin/imports/GRIDS/dry-run?name=grids.geojson", broken);
    assertThat(report.status()).as(report.text()).isEqualTo(200);
    assertThat(report.<Integer>at("refuse")).isEqualTo(5);
    assertThat(report.<Integer>at("create")).isEqualTo(1);
    List<Map<String, Object>> rows = report.at("rows");
    assertThat(rows.get(0))
        .containsEntry("key", "410122001 城关镇")
        .containsEntry("outcome", "REFUSE")
        .containsEntry("message", "上级编码“999999”不存在，或不在您管理的范围内");
    assertThat(rows.get(1).get("message").toString()).contains("上级“410122001”");

    Browser.Reply refused = admin.post("/api/v1/admin/imports/GRIDS?name=grids.geojson", broken);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.<String>at("detail")).contains("5 行不能导入");
    assertThat(admin.get("/api/v1/admin/imports/GRIDS/dry-run").status()).isIn(404, 405);
  }

  @Test
  @Order(2)
  void overlappingAndSelfCrossingBoundariesAreRefusedInTheAdminsLanguage() {
    Browser admin = staff(DemoCity.CITY_ADMIN).language("en");
    String file =
        """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"code":"T1","name":"Grid A","level":"grid","parent_code":"41010300100101"},
          "geometry":{"type":"Polygon","coordinates":[[[120,30],[120.01,30],[120.01,30.01],[120,30.01],[120,30]]]}},
         {"type":"Feature","properties":{"code":"T2","name":"Grid B","level":"grid","parent_code":"41010300100101"},
          "geometry":{"type":"Polygon","coordinates":[[[120.005,30],[120.02,30],[120.02,30.01],[120.005,30.01],[120.005,30]]]}},
         {"type":"Feature","properties":{"code":"T3","name":"Bow tie","level":"grid","parent_code":"41010300100101"},
          "geometry":{"type":"Polygon","coordinates":[[[121,30],[121.01,30.01],[121.01,30],[121,30.01],[121,30]]]}},
         {"type":"Feature","properties":{"code":"T1","name":"Again","level":"grid","parent_code":"41010300100101"},"geometry":null}
        ]}
        """;
    Browser.Reply report = admin.post("/api/v1/admin/imports/GRIDS/dry-run", file);
    assertThat(report.status()).as(report.text()).isEqualTo(200);
    Map<String, String> byLine =
        report.<List<Map<String, Object>>>at("rows").stream()
            .collect(
                Collectors.toMap(r -> r.get("line").toString(), r -> r.get("message").toString()));
    assertThat(byLine.get("1")).isEqualTo("New");
    assertThat(byLine.get("2")).isEqualTo("The boundary overlaps \"T1\"");
    assertThat(byLine.get("3")).startsWith("The boundary crosses itself or is invalid");
    assertThat(byLine.get("4")).isEqualTo("Same code as line 1");
  }

  @Test
  @Order(3)
  void aCleanTreeIsAppliedOnceAndTheSameFileAgainChangesNothing() throws IOException {
    Browser admin = staff(DemoCity.CITY_ADMIN);
    String file = read("grids.geojson");
    assertThat(admin.post("/api/v1/admin/imports/GRIDS/dry-run", file).<Integer>at("create"))
        .isEqualTo(6);
    Map<String, Object> run = applyAndWait(admin, "GRIDS", "grids.geojson", file);
    assertThat(run).containsEntry("status", "DONE").containsEntry("created", 6);

    Browser.Reply again = admin.post("/api/v1/admin/imports/GRIDS/dry-run", file);
    assertThat(again.<Integer>at("same")).isEqualTo(6);
    assertThat(applyAndWait(admin, "GRIDS", "grids.geojson", file))
        .containsEntry("created", 0)
        .containsEntry("changed", 0);
    // The CSV of the same tree, without shapes, matches it row for row.
    assertThat(
            admin
                .post("/api/v1/admin/imports/GRIDS/dry-run", read("grids.csv"))
                .<Integer>at("same"))
        .isEqualTo(6);

    Object grid =
        admin.get("/api/v1/grid-nodes/locate?lat=34.7211&lng=113.9712").<Object>at("name");
    assertThat(grid).isEqualTo("第1网格");
    List<Map<String, Object>> history = admin.get("/api/v1/admin/imports").list();
    assertThat(history.get(0))
        .containsEntry("fileName", "grids.geojson")
        .containsEntry("by", "王建国");
    assertThat(admin.get("/api/v1/admin/audit").list().get(0))
        .containsEntry("action", "import.grids")
        .containsEntry("actor", "王建国");
  }

  @Test
  @Order(4)
  void buildingsOutsideTheirGridAreRefusedThenTheFileLoads() throws IOException {
    Browser admin = staff(DemoCity.CITY_ADMIN);
    String file = read("buildings.csv");
    String wrong = file.replace("34.7205,113.9715", "34.7300,113.9715");
    Browser.Reply report = admin.post("/api/v1/admin/imports/BUILDINGS/dry-run", wrong);
    assertThat(report.<Integer>at("refuse")).isEqualTo(1);
    assertThat(report.<List<Map<String, Object>>>at("rows").get(0))
        .containsEntry("line", 3)
        .containsEntry("message", "楼栋位置在网格“4101220010010101”的边界之外");
    assertThat(applyAndWait(admin, "BUILDINGS", "buildings.csv", file)).containsEntry("created", 6);
    assertThat(admin.post("/api/v1/admin/imports/BUILDINGS/dry-run", file).<Integer>at("same"))
        .isEqualTo(6);
  }

  @Test
  @Order(5)
  void importedStaffAreTextedAnInvitationAndTheLeaderSeesTheirGrid() throws IOException {
    Browser admin = staff(DemoCity.CITY_ADMIN);
    // Saved by Excel on a Chinese Windows: GB18030 with Chinese headings.
    byte[] excel =
        read("staff.csv")
            .replace("name,phone,role,node_code,leader_of", "姓名,手机号,角色,节点编码,负责网格编码")
            .getBytes(Charset.forName("GB18030"));
    Browser.Reply report = admin.post("/api/v1/admin/imports/STAFF/dry-run", excel);
    assertThat(report.<Integer>at("create")).as(report.text()).isEqualTo(4);
    assertThat(applyAndWait(admin, "STAFF", "staff.csv", excel)).containsEntry("created", 4);

    String invite = awaitText("+8613700010002");
    assertThat(invite).contains("第1网格").contains("网格长");
    String password = invite.replaceAll("(?s).*临时密码：([A-Za-z0-9]+).*", "$1");
    Browser leader = browser();
    Browser.Reply login =
        leader.post("/api/v1/auth/login", Map.of("phone", "13700010002", "password", password));
    assertThat(login.status()).as(login.text()).isEqualTo(200);
    assertThat(leader.get("/api/v1/staff/home").text()).contains("第1网格");
    assertThat(admin.get("/api/v1/grids/" + gridId(admin) + "/leaders").text()).contains("孙志强");
  }

  @Test
  @Order(6)
  void preRegisteredResidentsSignInByCodeAndFindTheirHome() throws IOException {
    Browser admin = staff(DemoCity.CITY_ADMIN);
    assertThat(applyAndWait(admin, "RESIDENTS", "residents.csv", read("residents.csv")))
        .containsEntry("created", 2);
    Browser elder = resident("13700020001");
    String me = elder.get("/api/v1/me").text();
    assertThat(me).contains("冯秀英").contains("1号楼").contains("301");
  }

  @Test
  @Order(7)
  void onlyAdminsImportAndOnlyWithinTheirSubtree() throws IOException {
    String file = read("grids.csv");
    Browser community = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    Browser.Reply report = community.post("/api/v1/admin/imports/GRIDS/dry-run", file);
    assertThat(report.<Integer>at("refuse")).isEqualTo(6);
    assertThat(community.post("/api/v1/admin/imports/GRIDS", file).status()).isEqualTo(422);
    assertThat(community.get("/api/v1/admin/imports").text()).doesNotContain("grids.geojson");
    assertThat(resident(Phones.fresh()).post("/api/v1/admin/imports/GRIDS/dry-run", file).status())
        .isEqualTo(403);
    assertThat(browser().post("/api/v1/admin/imports/GRIDS/dry-run", file).status()).isEqualTo(401);
  }

  private Map<String, Object> applyAndWait(Browser admin, String kind, String name, Object file) {
    return CityFiles.apply(admin, kind, name, file);
  }

  private String awaitText(String e164) {
    return CityFiles.awaitText(outbox, e164);
  }

  private Object gridId(Browser admin) {
    return admin.get("/api/v1/grid-nodes/locate?lat=34.7211&lng=113.9712").at("id");
  }

  private static String read(String name) throws IOException {
    return Files.readString(EXAMPLES.resolve(name));
  }
}
