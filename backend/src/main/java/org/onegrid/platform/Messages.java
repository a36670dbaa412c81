package org.onegrid.platform;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Server-side texts (problem details, SMS) in Chinese first, English second. */
@Singleton
public class Messages {

  private final ZoneId zone;

  public Messages(OneGridConfig config) {
    this.zone = config.getTimeZone();
  }

  /**
   * A moment as every text (SMS, notification) writes it, in {@code onegrid.time-zone}: "12月3日
   * 14:00", "Dec 3 14:00".
   */
  public String when(Instant at, Locale locale) {
    return DateTimeFormatter.ofPattern(
            Locale.ENGLISH.getLanguage().equals(locale.getLanguage())
                ? "MMM d HH:mm"
                : "M月d日 HH:mm",
            locale)
        .withZone(zone)
        .format(at);
  }

  public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
  private static final List<Locale> SUPPORTED = List.of(CHINESE, Locale.ENGLISH);

  /** The caller's language from Accept-Language, Chinese when none of theirs is supported. */
  public Locale localeOf(HttpRequest<?> request) {
    String header = request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE);
    return localeOf(header);
  }

  public Locale localeOf(String languageTags) {
    if (languageTags == null || languageTags.isBlank()) {
      return CHINESE;
    }
    try {
      Locale match = Locale.lookup(Locale.LanguageRange.parse(languageTags), SUPPORTED);
      if (match != null) {
        return match;
      }
      for (Locale.LanguageRange range : Locale.LanguageRange.parse(languageTags)) {
        String language = Locale.forLanguageTag(range.getRange()).getLanguage();
        if ("en".equals(language)) {
          return Locale.ENGLISH;
        }
        if ("zh".equals(language)) {
          return CHINESE;
        }
      }
    } catch (IllegalArgumentException badHeader) {
      return CHINESE;
    }
    return CHINESE;
  }

  public String get(Locale locale, String key, Object... args) {
    ResourceBundle bundle =
        ResourceBundle.getBundle(
            "i18n.messages",
            Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Locale.ENGLISH : CHINESE,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return args == null || args.length == 0
        ? pattern
        : new MessageFormat(pattern, locale).format(smallNumbersAsText(args));
  }

  /**
   * Whole numbers under 1,000 as their digits: what MessageFormat would write for them, without the
   * number format it looks up for the locale on every call (4 % of a report's CPU went there, for
   * the count in a leader's digest). Larger ones keep its grouping ("1,200"). No message formats a
   * number with a style ({0,number,…}); one that did would need its number.
   */
  private static Object[] smallNumbersAsText(Object[] args) {
    Object[] out = args;
    for (int i = 0; i < args.length; i++) {
      if ((args[i] instanceof Integer || args[i] instanceof Long)
          && Math.abs(((Number) args[i]).longValue()) < 1_000) {
        if (out == args) {
          out = args.clone();
        }
        out[i] = args[i].toString();
      }
    }
    return out;
  }
}
