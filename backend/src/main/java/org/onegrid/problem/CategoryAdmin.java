package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.Role;
import org.onegrid.audit.AuditLog;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;

/**
 * The city's problem categories (names in both languages, icon, time limits to accept and resolve,
 * always private or not, offered or not) and the departments problems are handed to (names, duty
 * phone): city-wide, kept by city admins. Other instances see a change within a minute.
 */
@Singleton
class CategoryAdmin {

  private final CategoryRepository categories;
  private final CategoryQuestionAdmin questionAdmin;
  private final DepartmentRepository departments;
  private final GridService grids;
  private final AuditLog audit;
  private final Phones phones;
  private final Tx tx;

  CategoryAdmin(
      CategoryRepository categories,
      CategoryQuestionAdmin questionAdmin,
      DepartmentRepository departments,
      GridService grids,
      AuditLog audit,
      Phones phones,
      Tx tx) {
    this.categories = categories;
    this.questionAdmin = questionAdmin;
    this.departments = departments;
    this.grids = grids;
    this.audit = audit;
    this.phones = phones;
    this.tx = tx;
  }

  @Serdeable
  record CategorySettings(
      @NotBlank @Size(max = 40) String nameZh,
      @NotBlank @Size(max = 60) String nameEn,
      @NotBlank @Pattern(regexp = "^[a-z0-9-]{1,40}$") String icon,
      @Min(1) @Max(720) int acceptHours,
      @Min(1) @Max(2160) int resolveHours,
      boolean alwaysPrivate,
      boolean active,
      @Min(0) @Max(100000) int sortOrder) {}

  @Serdeable
  record CategoryRow(
      String code,
      CategorySettings settings,
      List<CategoryQuestionAdmin.QuestionSettings> questions) {}

  @Serdeable
  record DepartmentSettings(
      @NotBlank @Size(max = 40) String nameZh,
      @NotBlank @Size(max = 60) String nameEn,
      @Nullable @Size(max = 40) String phone,
      boolean active,
      @Min(0) @Max(100000) int sortOrder) {}

  @Serdeable
  record DepartmentRow(long id, String code, DepartmentSettings settings) {}

  List<CategoryRow> categories(Account admin) {
    requireCityAdmin(admin);
    var questions = questionAdmin.all();
    return categories.findAllRecords().stream()
        .map(
            r ->
                new CategoryRow(
                    r.getCode(),
                    new CategorySettings(
                        r.getNameZh(),
                        r.getNameEn(),
                        r.getIcon(),
                        r.getAcceptHours(),
                        r.getResolveHours(),
                        r.getAlwaysPrivate(),
                        r.getActive(),
                        r.getSortOrder()),
                    questions.getOrDefault(r.getCode(), List.of())))
        .toList();
  }

  List<CategoryRow> saveQuestions(
      Account admin, String code, CategoryQuestionAdmin.Questions body) {
    questionAdmin.save(admin, code, body);
    return categories(admin);
  }

  List<CategoryRow> saveCategory(Account admin, String code, CategorySettings s) {
    requireCityAdmin(admin);
    requireCode(code);
    if (s.resolveHours() < s.acceptHours()) {
      throw ApiException.invalidField("resolveHours", "validation.resolve-after-accept");
    }
    CategoryRow before =
        categories(admin).stream().filter(c -> c.code().equals(code)).findFirst().orElse(null);
    tx.run(
        () -> {
          categories.upsert(
              code,
              s.nameZh().trim(),
              s.nameEn().trim(),
              s.icon(),
              s.acceptHours(),
              s.resolveHours(),
              s.alwaysPrivate(),
              s.active(),
              s.sortOrder());
          audit.record(
              admin,
              grids.get(admin.nodeId()),
              before == null ? "category.add" : "category.change",
              code + " " + s.nameZh(),
              before == null ? null : before.settings(),
              s);
        });
    categories.reload();
    return categories(admin);
  }

  List<DepartmentRow> departments(Account admin) {
    requireCityAdmin(admin);
    return departments.findAllRecords().stream()
        .map(
            r ->
                new DepartmentRow(
                    r.getId(),
                    r.getCode(),
                    new DepartmentSettings(
                        r.getNameZh(),
                        r.getNameEn(),
                        r.getPhone(),
                        r.getActive(),
                        r.getSortOrder())))
        .toList();
  }

  List<DepartmentRow> saveDepartment(Account admin, String code, DepartmentSettings s) {
    requireCityAdmin(admin);
    requireCode(code);
    String phone =
        s.phone() == null || s.phone().isBlank() ? null : phones.toE164(s.phone(), "phone");
    DepartmentRow before =
        departments(admin).stream().filter(d -> d.code().equals(code)).findFirst().orElse(null);
    tx.run(
        () -> {
          departments.upsert(
              code, s.nameZh().trim(), s.nameEn().trim(), phone, s.active(), s.sortOrder());
          audit.record(
              admin,
              grids.get(admin.nodeId()),
              before == null ? "department.add" : "department.change",
              code + " " + s.nameZh(),
              before == null ? null : before.settings(),
              s);
        });
    return departments(admin);
  }

  private static void requireCityAdmin(Account admin) {
    if (admin.role() != Role.CITY_ADMIN || admin.nodeId() == null) {
      throw ApiException.forbidden();
    }
  }

  private static void requireCode(String code) {
    if (code == null || !code.matches("^[a-z0-9_]{1,32}$")) {
      throw ApiException.invalidField("code", "validation.category-code");
    }
  }
}
