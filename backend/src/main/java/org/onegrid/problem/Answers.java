package org.onegrid.problem;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks the answers to a category's extra questions, however they arrive (the app's report form,
 * Open311 attributes): a required question answered, list answers among the choices, one value for
 * a single choice. Each caller says how a refusal reads in its own protocol.
 */
@Singleton
public class Answers {

  /** Why an answer was refused: {@code required}, {@code unknown-choice} or {@code one-value}. */
  public record Refusal(CategoryQuestion question, String reason, String value) {

    public String text(Locale locale) {
      return question.text(locale);
    }
  }

  private final CategoryRepository categories;

  Answers(CategoryRepository categories) {
    this.categories = categories;
  }

  /** The category's questions, in order. */
  public List<CategoryQuestion> of(String categoryCode) {
    return categories.findQuestions().getOrDefault(categoryCode, List.of());
  }

  /**
   * The answers to keep, by question code (a list's keys joined by commas, at most 500 characters);
   * answers to questions the category does not ask are ignored.
   */
  public Map<String, String> check(
      String categoryCode,
      Map<String, List<String>> given,
      Function<Refusal, RuntimeException> refuse) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (CategoryQuestion q : of(categoryCode)) {
      List<String> values = new ArrayList<>(given.getOrDefault(q.code(), List.of()));
      values.removeIf(v -> v == null || v.isBlank());
      if (values.isEmpty()) {
        if (q.required()) {
          throw refuse.apply(new Refusal(q, "required", ""));
        }
        continue;
      }
      if (q.isList()) {
        for (String key : values) {
          if (q.choice(key).isEmpty()) {
            throw refuse.apply(new Refusal(q, "unknown-choice", key));
          }
        }
        if (q.datatype().equals("singlevaluelist") && values.size() > 1) {
          throw refuse.apply(new Refusal(q, "one-value", ""));
        }
      }
      String joined = String.join(",", new LinkedHashSet<>(values)).trim();
      answers.put(q.code(), joined.length() > 500 ? joined.substring(0, 500) : joined);
    }
    return answers;
  }
}
