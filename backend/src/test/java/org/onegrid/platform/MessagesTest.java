package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every server-side text exists in Chinese and in English. */
class MessagesTest {

  @Test
  void bothLanguagesHaveTheSameKeys() throws IOException {
    assertThat(load("i18n/messages_en.properties").stringPropertyNames())
        .containsExactlyInAnyOrderElementsOf(
            load("i18n/messages.properties").stringPropertyNames());
  }

  @Test
  void callersGetTheirLanguageAndChineseOtherwise() {
    Messages messages = new Messages(new OneGridConfig());
    assertThat(messages.localeOf("en-GB,en;q=0.8")).isEqualTo(Locale.ENGLISH);
    assertThat(messages.localeOf("zh-TW")).isEqualTo(Messages.CHINESE);
    assertThat(messages.localeOf("fr-FR")).isEqualTo(Messages.CHINESE);
    assertThat(messages.localeOf("not a header;;")).isEqualTo(Messages.CHINESE);
    assertThat(messages.get(Locale.ENGLISH, "problem.otp-wrong", 3))
        .isEqualTo("That code is not right; 3 tries left.");
    assertThat(messages.get(Messages.CHINESE, "sms.otp", "012345", 5))
        .contains("012345")
        .contains("5 分钟");
  }

  @Test
  void numbersReadAsMessageFormatWritesThem() {
    Messages messages = new Messages(new OneGridConfig());
    for (Locale locale : new Locale[] {Locale.ENGLISH, Messages.CHINESE}) {
      String pattern = messages.get(locale, "validation.Size");
      for (long n : new long[] {0, 7, 999, -5, 1_000, 123_456}) {
        assertThat(messages.get(locale, "validation.Size", n, (int) n))
            .isEqualTo(new MessageFormat(pattern, locale).format(new Object[] {n, n}));
      }
    }
    assertThat(messages.get(Locale.ENGLISH, "problem.rate-limited", 1_200)).contains("1,200");
  }

  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
