package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/** A department outside the grid tree a problem can be handed to, reached on its duty phone. */
record Department(long id, String code, String nameZh, String nameEn, @Nullable String phone) {

  String name(Locale locale) {
    return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
  }
}
