package org.onegrid.problem;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Locale;

/** A kind of problem, with its icon and time limits. */
@Serdeable
public record Category(
    String code,
    String nameZh,
    String nameEn,
    String icon,
    int acceptHours,
    int resolveHours,
    boolean alwaysPrivate) {

  public String name(Locale locale) {
    return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
  }
}
