package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhonesTest {

  final Phones phones = new Phones(new OneGridConfig());

  @Test
  void mainlandNumbersInAnyCommonFormBecomeE164() {
    assertThat(phones.toE164("13800138000", "phone")).isEqualTo("+8613800138000");
    assertThat(phones.toE164("+86 138 0013 8000", "phone")).isEqualTo("+8613800138000");
    assertThat(phones.toE164("0086-138-0013-8000", "phone")).isEqualTo("+8613800138000");
  }

  @Test
  void notANumberIsAFieldError() {
    assertThatThrownBy(() -> phones.toE164("1380013", "phone"))
        .isInstanceOf(ApiException.class)
        .satisfies(
            e -> assertThat(((ApiException) e).fieldErrors().get(0).field()).isEqualTo("phone"));
  }

  @Test
  void othersSeeOnlyTheFirstThreeAndLastFourDigits() {
    assertThat(Phones.mask("+8613800138000")).isEqualTo("138****8000");
  }
}
