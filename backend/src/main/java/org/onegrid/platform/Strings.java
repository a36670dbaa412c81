package org.onegrid.platform;

import io.micronaut.core.annotation.Nullable;

/** Small text helpers every feature uses the same way. */
public final class Strings {

  private Strings() {}

  /** The text trimmed, or null when there is none (null, empty or only spaces). */
  public static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
