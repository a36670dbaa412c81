package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onegrid.account.Account;
import org.onegrid.account.Role;
import org.onegrid.audit.AuditLog;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Tx;

/**
 * The extra questions a category asks residents when they report (Open311: the service definition's
 * attributes), kept by city admins: text in both languages, kind of answer, required or not, and
 * the choices of a list. Saving replaces the category's questions in the order given; answers
 * already given stay with their problems.
 */
@Singleton
class CategoryQuestionAdmin {

  static final String KINDS = "^(string|text|number|datetime|singlevaluelist|multivaluelist)$";

  private final CategoryRepository categories;
  private final GridService grids;
  private final AuditLog audit;
  private final Tx tx;

  CategoryQuestionAdmin(CategoryRepository categories, GridService grids, AuditLog audit, Tx tx) {
    this.categories = categories;
    this.grids = grids;
    this.audit = audit;
    this.tx = tx;
  }

  /** One allowed answer of a list question: a key kept across edits, names in both languages. */
  @Serdeable
  record ChoiceSettings(
      @NotNull @Pattern(regexp = "^[A-Za-z0-9_-]{1,32}$") String key,
      @NotBlank @Size(max = 60) @Pattern(regexp = "^[^|;]*$") String nameZh,
      @NotBlank @Size(max = 60) @Pattern(regexp = "^[^|;]*$") String nameEn) {}

  @Serdeable
  record QuestionSettings(
      @NotNull @Pattern(regexp = "^[A-Za-z0-9_]{1,32}$") String code,
      @NotNull @Pattern(regexp = KINDS) String datatype,
      boolean required,
      @NotBlank @Size(max = 200) String textZh,
      @NotBlank @Size(max = 200) String textEn,
      @Nullable @Size(max = 20) List<@Valid @NotNull ChoiceSettings> choices) {}

  @Serdeable
  record Questions(@NotNull @Size(max = 10) List<@Valid @NotNull QuestionSettings> questions) {}

  /** Every category's questions as the admins edit them. */
  Map<String, List<QuestionSettings>> all() {
    Map<String, List<QuestionSettings>> out = new HashMap<>();
    categories
        .findQuestions()
        .forEach(
            (code, qs) ->
                out.put(
                    code,
                    qs.stream()
                        .map(
                            q ->
                                new QuestionSettings(
                                    q.code(),
                                    q.datatype(),
                                    q.required(),
                                    q.textZh(),
                                    q.textEn(),
                                    q.choices().stream()
                                        .map(
                                            c ->
                                                new ChoiceSettings(c.key(), c.nameZh(), c.nameEn()))
                                        .toList()))
                        .toList()));
    return out;
  }

  void save(Account admin, String code, Questions body) {
    if (admin.role() != Role.CITY_ADMIN || admin.nodeId() == null) {
      throw ApiException.forbidden();
    }
    categories.findByCode(code).orElseThrow(ApiException::notFound);
    List<CategoryQuestion> questions = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (QuestionSettings q : body.questions()) {
      if (!codes.add(q.code())) {
        throw ApiException.invalidField("questions", "validation.question-code-twice");
      }
      List<ChoiceSettings> choices = q.choices() == null ? List.of() : q.choices();
      boolean list = q.datatype().endsWith("valuelist");
      Set<String> keys = new HashSet<>();
      for (ChoiceSettings c : choices) {
        if (!keys.add(c.key())) {
          throw ApiException.invalidField("choices", "validation.choice-key-twice");
        }
      }
      if (list == choices.isEmpty()) {
        throw ApiException.invalidField("choices", "validation.choices-for-lists");
      }
      questions.add(
          new CategoryQuestion(
              q.code(),
              q.datatype(),
              q.required(),
              questions.size() + 1,
              q.textZh().trim(),
              q.textEn().trim(),
              choices.stream()
                  .map(
                      c ->
                          new CategoryQuestion.Choice(
                              c.key(), c.nameZh().trim(), c.nameEn().trim()))
                  .toList()));
    }
    List<QuestionSettings> before = all().getOrDefault(code, List.of());
    tx.run(
        () -> {
          categories.replaceQuestions(code, questions);
          audit.record(
              admin,
              grids.get(admin.nodeId()),
              "category.questions",
              code,
              Map.of("questions", before),
              Map.of("questions", body.questions()));
        });
    categories.reload();
  }
}
