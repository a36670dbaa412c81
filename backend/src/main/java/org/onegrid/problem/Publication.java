package org.onegrid.problem;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a public problem is shown to people outside its reach (Open311 readers, neighbours): the
 * point rounded to about 100 m, and phone and ID numbers in the text masked.
 */
final class Publication {

  /** Mainland ID numbers: 18 characters (the last may be X), or the old 15 digits. */
  private static final Pattern ID_NUMBER =
      Pattern.compile("(?<![0-9A-Za-z])(\\d{17}[\\dXx]|\\d{15})(?![0-9A-Za-z])");

  /** Mobile numbers with or without +86/86, written whole or in groups (138 0013 8000). */
  private static final Pattern MOBILE =
      Pattern.compile("(?<![0-9])(?:\\+?86[ -]?)?1[3-9]\\d(?:[ -]?\\d){8}(?![0-9])");

  /** Landlines with their area code: 0371-6801 0001, (0371) 68010001. */
  private static final Pattern LANDLINE =
      Pattern.compile("(?<![0-9])\\(?0\\d{2,3}\\)?[ -]?\\d{3,4}[ -]?\\d{4}(?![0-9])");

  /** Eight or more digits in a row that none of the above caught: also a number of someone's. */
  private static final Pattern LONG_DIGITS = Pattern.compile("(?<![0-9])\\d{8,}(?![0-9])");

  private Publication() {}

  /**
   * Whether a problem may be public at all: only reports from the app and Open311, and never of a
   * category that is always private (care, medical, disputes). Hotline, text, call and patrol
   * problems are private and stay so.
   */
  static boolean mayBePublic(ProblemSource source, Category category) {
    return (source == ProblemSource.APP || source == ProblemSource.OPEN311)
        && !category.alwaysPrivate();
  }

  static boolean mayBePublic(Problem problem, Category category) {
    return mayBePublic(ProblemSource.valueOf(problem.source()), category);
  }

  /** The text with every phone and ID number masked, keeping only a few of its digits. */
  static String mask(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = replace(ID_NUMBER, text, 3, 2);
    out = replace(MOBILE, out, 3, 4);
    out = replace(LANDLINE, out, 0, 2);
    return replace(LONG_DIGITS, out, 0, 2);
  }

  private static String replace(Pattern pattern, String text, int keepStart, int keepEnd) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String digits = m.group().replaceAll("[^0-9Xx]", "");
      String shown =
          digits.substring(0, Math.min(keepStart, digits.length()))
              + "*".repeat(Math.max(0, digits.length() - keepStart - keepEnd))
              + digits.substring(Math.max(keepStart, digits.length() - keepEnd));
      m.appendReplacement(out, Matcher.quoteReplacement(shown));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A coordinate rounded to three decimals: about 110 m north–south, less east–west. */
  static @Nullable BigDecimal coarse(@Nullable BigDecimal degrees) {
    return degrees == null ? null : degrees.setScale(3, RoundingMode.HALF_UP);
  }
}
