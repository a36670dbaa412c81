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

  @Test
  void domesticNumbersAreDialledInNationalFormTheSameOnEveryCall() {
    for (int call = 0; call < 2; call++) {
      assertThat(phones.dialable("+8613800138000")).isEqualTo("13800138000");
      assertThat(phones.dialable("+861012345678")).isEqualTo("01012345678");
      assertThat(phones.dialable("+14155550100")).isEqualTo("+14155550100");
      assertThat(phones.dialable("not a number")).isEqualTo("not a number");
    }
  }

  @Test
  void pastTheirLimitKeptNumbersAreForgottenNotWrong() {
    for (int i = 0; i <= Phones.DIALABLE_KEPT; i++) {
      phones.dialable("+86138" + String.format("%08d", i));
    }
    assertThat(phones.dialable("+8613800000007")).isEqualTo("13800000007");
  }
}
