package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Phones;

/**
 * A city admin adds a category and a department without code: residents can report in the new
 * category at once, staff can hand a problem to the new department, and only the city admin may.
 */
@MicronautTest
class CategoryAdminTest extends ApiTest {

  private static Map<String, Object> category(boolean active) {
    Map<String, Object> c = new HashMap<>();
    c.put("nameZh", "树木倒伏");
    c.put("nameEn", "Fallen tree");
    c.put("icon", "warning-o");
    c.put("acceptHours", 2);
    c.put("resolveHours", 24);
    c.put("alwaysPrivate", false);
    c.put("active", active);
    c.put("sortOrder", 95);
    return c;
  }

  @Test
  void aNewCategoryIsOfferedAtOnceAndCanBeTakenOffAgain() {
    Browser city = staff(DemoCity.CITY_ADMIN);
    Browser.Reply saved = city.put("/api/v1/admin/categories/fallen_tree", category(true));
    assertThat(saved.status()).as(saved.text()).isEqualTo(200);
    Browser resident = resident(Phones.fresh());
    assertThat(resident.get("/api/v1/problem-categories").text()).contains("树木倒伏");
    assertThat(resident.language("en").get("/api/v1/problem-categories").text())
        .contains("Fallen tree");

    Map<String, Object> wrong = category(true);
    wrong.put("resolveHours", 1);
    assertThat(city.put("/api/v1/admin/categories/fallen_tree", wrong).status()).isEqualTo(400);
    assertThat(city.put("/api/v1/admin/categories/Fallen-Tree", category(true)).status())
        .isIn(400, 404);
    assertThat(
            staff(DemoCity.DISTRICT_ADMIN_ERQI)
                .put("/api/v1/admin/categories/fallen_tree", category(false))
                .status())
        .isEqualTo(403);

    assertThat(city.put("/api/v1/admin/categories/fallen_tree", category(false)).status())
        .isEqualTo(200);
    assertThat(resident.language("zh-CN").get("/api/v1/problem-categories").text())
        .doesNotContain("树木倒伏");
    assertThat(city.get("/api/v1/admin/categories").text()).contains("fallen_tree");
    assertThat(city.get("/api/v1/admin/audit").text()).contains("category.change");
  }

  @Test
  void aCategoryAsksItsExtraQuestionsInTheReportFormAndOpen311() {
    Browser city = staff(DemoCity.CITY_ADMIN);
    Map<String, Object> c = category(true);
    c.put("nameZh", "井盖缺失");
    c.put("nameEn", "Missing manhole cover");
    assertThat(city.put("/api/v1/admin/categories/manhole", c).status()).isEqualTo(200);
    Map<String, Object> question =
        Map.of(
            "code", "ON_ROAD",
            "datatype", "singlevaluelist",
            "required", true,
            "textZh", "是否在车行道上？",
            "textEn", "Is it on the roadway?",
            "choices",
                List.of(
                    Map.of("key", "yes", "nameZh", "是", "nameEn", "Yes"),
                    Map.of("key", "no", "nameZh", "否", "nameEn", "No")));
    Map<String, Object> noChoices = new HashMap<>(question);
    noChoices.put("choices", List.of());
    assertThat(
            city.put(
                    "/api/v1/admin/categories/manhole/questions",
                    Map.of("questions", List.of(noChoices)))
                .status())
        .isEqualTo(400);
    Browser.Reply saved =
        city.put(
            "/api/v1/admin/categories/manhole/questions", Map.of("questions", List.of(question)));
    assertThat(saved.status()).as(saved.text()).isEqualTo(200);
    assertThat(
            staff(DemoCity.DISTRICT_ADMIN_ERQI)
                .put("/api/v1/admin/categories/manhole/questions", Map.of("questions", List.of()))
                .status())
        .isEqualTo(403);

    Resident resident = residentOfMinzhulu1("问答居民", "4102");
    assertThat(resident.browser().get("/api/v1/problem-categories").text()).contains("是否在车行道上？");
    Map<String, Object> report = new HashMap<>();
    report.put("categoryCode", "manhole");
    report.put("description", "路口的井盖不见了");
    report.put("answers", Map.of());
    Browser.Reply unanswered =
        resident
            .browser()
            .send(
                "POST",
                "/api/v1/problems",
                report,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(unanswered.status()).isEqualTo(400);
    assertThat(unanswered.text()).contains("请回答：是否在车行道上？");
    report.put("answers", Map.of("ON_ROAD", List.of("yes")));
    Browser.Reply filed =
        resident
            .browser()
            .send(
                "POST",
                "/api/v1/problems",
                report,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    assertThat(staff(DemoCity.LEADER_MINZHULU_1).get("/api/v1/problems/" + filed.at("id")).text())
        .contains("是否在车行道上？")
        .contains("\"是\"");
    assertThat(browser().get("/open311/v2/services/manhole.json").text()).contains("ON_ROAD");
    assertThat(city.get("/api/v1/admin/audit").text()).contains("category.questions");
  }

  @Test
  void aNewDepartmentWithItsDutyPhoneCanBeHandedProblems() {
    Browser city = staff(DemoCity.CITY_ADMIN);
    Map<String, Object> d = new HashMap<>();
    d.put("nameZh", "园林绿化局");
    d.put("nameEn", "Parks and greening");
    d.put("phone", "0371-6710 0009");
    d.put("active", true);
    d.put("sortOrder", 70);
    Browser.Reply saved = city.put("/api/v1/admin/departments/greening", d);
    assertThat(saved.status()).as(saved.text()).isEqualTo(200);
    assertThat(saved.text()).contains("+8637167100009");
    d.put("phone", "not a phone");
    assertThat(city.put("/api/v1/admin/departments/greening", d).status()).isEqualTo(400);
    assertThat(staff(DemoCity.COMMUNITY_ADMIN_MINZHULU).get("/api/v1/admin/departments").status())
        .isEqualTo(403);
  }
}
