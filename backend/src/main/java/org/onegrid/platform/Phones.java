package org.onegrid.platform;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phone numbers: read in any common form, stored E.164, shown masked to anyone but the owner and
 * their staff.
 */
@Singleton
public class Phones {

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  /**
   * Numbers already made dialable: a resident's home page shows their leader's or the duty line's
   * number on every visit, and parsing it was 4 % of that page's CPU. The city has a few thousand
   * such numbers; past {@link #DIALABLE_KEPT} all are forgotten.
   */
  private final Map<String, String> dialable = new ConcurrentHashMap<>();

  static final int DIALABLE_KEPT = 50_000;

  Phones(OneGridConfig config) {
    this.defaultRegion = config.getDefaultRegion();
  }

  /** The number in E.164, or empty when it is not a valid phone number (a row of a file). */
  public Optional<String> e164(String raw) {
    try {
      return Optional.of(toE164(raw, "phone"));
    } catch (ApiException bad) {
      return Optional.empty();
    }
  }

  /** The number in E.164, or a 400 naming {@code field} when it is not a valid phone number. */
  public String toE164(String raw, String field) {
    if (raw == null || raw.isBlank() || raw.length() > 40) {
      throw ApiException.invalidField(field, "validation.phone");
    }
    try {
      PhoneNumber number = util.parse(raw.trim(), defaultRegion);
      if (!util.isValidNumber(number)) {
        throw ApiException.invalidField(field, "validation.phone");
      }
      return util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      throw ApiException.invalidField(field, "validation.phone");
    }
  }

  /**
   * "+8613800000001" → "138****0001": the first three and last four digits of the national number.
   */
  public static String mask(String e164) {
    if (e164 == null) {
      return null;
    }
    String national =
        e164.startsWith("+86") ? e164.substring(3) : e164.replaceFirst("^\\+\\d{1,2}", "");
    if (national.length() < 8) {
      return "****" + national.substring(Math.max(0, national.length() - 2));
    }
    return national.substring(0, 3) + "****" + national.substring(national.length() - 4);
  }

  /** A number to dial from a phone in the default region: national form for domestic numbers. */
  public String dialable(String e164) {
    String known = dialable.get(e164);
    if (known != null) {
      return known;
    }
    if (dialable.size() >= DIALABLE_KEPT) {
      dialable.clear();
    }
    String made = parseDialable(e164);
    dialable.put(e164, made);
    return made;
  }

  private String parseDialable(String e164) {
    try {
      PhoneNumber number = util.parse(e164, defaultRegion);
      return util.getRegionCodeForNumber(number).equals(defaultRegion)
          ? util.format(number, PhoneNumberUtil.PhoneNumberFormat.NATIONAL).replace(" ", "")
          : e164;
    } catch (NumberParseException e) {
      return e164;
    }
  }
}
