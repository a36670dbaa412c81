package org.onegrid.problem;

import static org.onegrid.db.Tables.CATEGORY_QUESTIONS;
import static org.onegrid.db.Tables.PROBLEM_CATEGORIES;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.onegrid.db.tables.records.ProblemCategoriesRecord;
import org.onegrid.platform.Refreshing;

@Singleton
class CategoryRepository {

  private final DSLContext dsl;
  private final Refreshing<List<Category>> active;
  private final Refreshing<Map<String, Category>> all;
  private final Refreshing<Map<String, List<CategoryQuestion>>> questions;

  CategoryRepository(DSLContext dsl) {
    this.dsl = dsl;
    this.active = new Refreshing<>(() -> List.copyOf(readActive()), Duration.ofMinutes(1));
    this.all =
        new Refreshing<>(
            () ->
                Map.copyOf(
                    dsl.selectFrom(PROBLEM_CATEGORIES)
                        .fetchMap(PROBLEM_CATEGORIES.CODE, CategoryRepository::toCategory)),
            Duration.ofMinutes(1));
    this.questions =
        new Refreshing<>(() -> Collections.unmodifiableMap(readQuestions()), Duration.ofMinutes(1));
  }

  /** Reads the categories now, not within the minute (a test that just changed one). */
  void reload() {
    active.refresh();
    all.refresh();
    questions.refresh();
  }

  /** Every category, active or not, in order (for the admins who keep them). */
  List<ProblemCategoriesRecord> findAllRecords() {
    return dsl.selectFrom(PROBLEM_CATEGORIES).orderBy(PROBLEM_CATEGORIES.SORT_ORDER).fetch();
  }

  /** Adds or changes a category by its code. */
  void upsert(
      String code,
      String nameZh,
      String nameEn,
      String icon,
      int acceptHours,
      int resolveHours,
      boolean alwaysPrivate,
      boolean active,
      int sortOrder) {
    dsl.insertInto(PROBLEM_CATEGORIES)
        .set(PROBLEM_CATEGORIES.CODE, code)
        .set(PROBLEM_CATEGORIES.NAME_ZH, nameZh)
        .set(PROBLEM_CATEGORIES.NAME_EN, nameEn)
        .set(PROBLEM_CATEGORIES.ICON, icon)
        .set(PROBLEM_CATEGORIES.ACCEPT_HOURS, acceptHours)
        .set(PROBLEM_CATEGORIES.RESOLVE_HOURS, resolveHours)
        .set(PROBLEM_CATEGORIES.ALWAYS_PRIVATE, alwaysPrivate)
        .set(PROBLEM_CATEGORIES.ACTIVE, active)
        .set(PROBLEM_CATEGORIES.SORT_ORDER, sortOrder)
        .onDuplicateKeyUpdate()
        .set(PROBLEM_CATEGORIES.NAME_ZH, nameZh)
        .set(PROBLEM_CATEGORIES.NAME_EN, nameEn)
        .set(PROBLEM_CATEGORIES.ICON, icon)
        .set(PROBLEM_CATEGORIES.ACCEPT_HOURS, acceptHours)
        .set(PROBLEM_CATEGORIES.RESOLVE_HOURS, resolveHours)
        .set(PROBLEM_CATEGORIES.ALWAYS_PRIVATE, alwaysPrivate)
        .set(PROBLEM_CATEGORIES.ACTIVE, active)
        .set(PROBLEM_CATEGORIES.SORT_ORDER, sortOrder)
        .execute();
  }

  /** The active categories in order; read from the database at most once a minute. */
  List<Category> findActive() {
    return active.get();
  }

  /** Every category's extra questions, in order; read at most once a minute. */
  Map<String, List<CategoryQuestion>> findQuestions() {
    return questions.get();
  }

  private List<Category> readActive() {
    return dsl.selectFrom(PROBLEM_CATEGORIES)
        .where(PROBLEM_CATEGORIES.ACTIVE.isTrue())
        .orderBy(PROBLEM_CATEGORIES.SORT_ORDER)
        .fetch(CategoryRepository::toCategory);
  }

  private static Category toCategory(ProblemCategoriesRecord r) {
    return new Category(
        r.getCode(),
        r.getNameZh(),
        r.getNameEn(),
        r.getIcon(),
        r.getAcceptHours(),
        r.getResolveHours(),
        r.getAlwaysPrivate());
  }

  private Map<String, List<CategoryQuestion>> readQuestions() {
    return dsl
        .selectFrom(CATEGORY_QUESTIONS)
        .orderBy(CATEGORY_QUESTIONS.CATEGORY_CODE, CATEGORY_QUESTIONS.SORT_ORDER)
        .fetch()
        .stream()
        .collect(
            Collectors.groupingBy(
                r -> r.getCategoryCode(),
                LinkedHashMap::new,
                Collectors.mapping(
                    r ->
                        new CategoryQuestion(
                            r.getCode(),
                            r.getDatatype(),
                            r.getRequired(),
                            r.getSortOrder(),
                            r.getTextZh(),
                            r.getTextEn(),
                            choices(r.getChoices())),
                    Collectors.toList())));
  }

  private static List<CategoryQuestion.Choice> choices(String spec) {
    if (spec == null || spec.isBlank()) {
      return List.of();
    }
    List<CategoryQuestion.Choice> all = new ArrayList<>();
    for (String entry : spec.split(";")) {
      String[] parts = Arrays.copyOf(entry.split("\\|"), 3);
      all.add(new CategoryQuestion.Choice(parts[0], parts[1], parts[2]));
    }
    return all;
  }

  /**
   * Any category, switched off or not: a problem keeps its category (its names, time limits and
   * privacy) after the category is no longer offered for new reports.
   */
  Optional<Category> findByCode(String code) {
    Category found = all.get().get(code);
    if (found == null) {
      // Added since the last read (at most a minute ago): read again rather than fail.
      found = all.refresh().get(code);
    }
    return Optional.ofNullable(found);
  }

  /** A category offered for new reports. */
  Optional<Category> findActiveByCode(String code) {
    return findActive().stream().filter(c -> c.code().equals(code)).findFirst();
  }

  /** Replaces a category's questions (call inside a transaction). */
  void replaceQuestions(String categoryCode, List<CategoryQuestion> questions) {
    dsl.deleteFrom(CATEGORY_QUESTIONS)
        .where(CATEGORY_QUESTIONS.CATEGORY_CODE.eq(categoryCode))
        .execute();
    for (CategoryQuestion q : questions) {
      dsl.insertInto(CATEGORY_QUESTIONS)
          .set(CATEGORY_QUESTIONS.CATEGORY_CODE, categoryCode)
          .set(CATEGORY_QUESTIONS.CODE, q.code())
          .set(CATEGORY_QUESTIONS.DATATYPE, q.datatype())
          .set(CATEGORY_QUESTIONS.REQUIRED, q.required())
          .set(CATEGORY_QUESTIONS.SORT_ORDER, q.order())
          .set(CATEGORY_QUESTIONS.TEXT_ZH, q.textZh())
          .set(CATEGORY_QUESTIONS.TEXT_EN, q.textEn())
          .set(
              CATEGORY_QUESTIONS.CHOICES,
              q.choices().isEmpty()
                  ? null
                  : String.join(
                      ";",
                      q.choices().stream()
                          .map(c -> c.key() + "|" + c.nameZh() + "|" + c.nameEn())
                          .toList()))
          .execute();
    }
  }
}
