package org.onegrid.problem;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.onegrid.account.AccountService;
import org.onegrid.platform.ProblemAnswers;

/** City admins keep the problem categories and the departments problems are handed to. */
@Controller("/api/v1/admin")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
class CategoryAdminController {

  private final CategoryAdmin admin;
  private final AccountService accounts;

  CategoryAdminController(CategoryAdmin admin, AccountService accounts) {
    this.admin = admin;
    this.accounts = accounts;
  }

  @Get("/categories")
  @Operation(summary = "City admins: every problem category, offered or not")
  List<CategoryAdmin.CategoryRow> categories(Authentication auth) {
    return admin.categories(accounts.signedIn(auth));
  }

  @Put("/categories/{code}")
  @Operation(
      summary =
          "City admins: add or change a category (names, icon, hours to accept and resolve, always"
              + " private, offered)")
  List<CategoryAdmin.CategoryRow> saveCategory(
      Authentication auth,
      @PathVariable String code,
      @Body @Valid CategoryAdmin.CategorySettings body) {
    return admin.saveCategory(accounts.signedIn(auth), code, body);
  }

  @Put("/categories/{code}/questions")
  @Operation(
      summary =
          "City admins: the extra questions a category asks (replaced in the order given; answers"
              + " already given stay)")
  List<CategoryAdmin.CategoryRow> saveQuestions(
      Authentication auth,
      @PathVariable String code,
      @Body @Valid CategoryQuestionAdmin.Questions body) {
    return admin.saveQuestions(accounts.signedIn(auth), code, body);
  }

  @Get("/departments")
  @Operation(summary = "City admins: the departments problems can be handed to")
  List<CategoryAdmin.DepartmentRow> departments(Authentication auth) {
    return admin.departments(accounts.signedIn(auth));
  }

  @Put("/departments/{code}")
  @Operation(summary = "City admins: add or change a department and its duty phone")
  List<CategoryAdmin.DepartmentRow> saveDepartment(
      Authentication auth,
      @PathVariable String code,
      @Body @Valid CategoryAdmin.DepartmentSettings body) {
    return admin.saveDepartment(accounts.signedIn(auth), code, body);
  }
}
