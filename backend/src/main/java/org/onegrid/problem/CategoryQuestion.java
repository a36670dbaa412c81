package org.onegrid.problem;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An extra question a category asks (Open311: a service definition attribute).
 *
 * @param datatype string, number, datetime, text, singlevaluelist or multivaluelist
 */
public record CategoryQuestion(
    String code,
    String datatype,
    boolean required,
    int order,
    String textZh,
    String textEn,
    List<Choice> choices) {

  public String text(Locale locale) {
    return "en".equals(locale.getLanguage()) ? textEn : textZh;
  }

  public boolean isList() {
    return datatype.endsWith("valuelist");
  }

  public Optional<Choice> choice(String key) {
    return choices.stream().filter(c -> c.key().equals(key)).findFirst();
  }

  /** One allowed answer of a list question. */
  public record Choice(String key, String nameZh, String nameEn) {

    public String name(Locale locale) {
      return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }
  }
}
