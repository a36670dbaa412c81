package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** What strangers may read of a public problem's text and place. */
class PublicationTest {

  @Test
  void phoneAndIdNumbersAreMaskedInEveryCommonSpelling() {
    assertThat(Publication.mask("有事打我电话13812345678，谢谢")).isEqualTo("有事打我电话138****5678，谢谢");
    assertThat(Publication.mask("电话 +86 138 1234 5678")).doesNotContain("1234");
    assertThat(Publication.mask("138-1234-5678")).doesNotContain("1234");
    assertThat(Publication.mask("座机0371-68010001")).doesNotContain("6801");
    assertThat(Publication.mask("身份证410102198001011234")).isEqualTo("身份证410*************34");
    assertThat(Publication.mask("旧证410102800101123")).doesNotContain("800101");
    assertThat(Publication.mask("卡号6222020200112233445")).doesNotContain("020200112233");
  }

  @Test
  void ordinaryNumbersAndTextStayAsWritten() {
    assertThat(Publication.mask("5号楼4单元水表井低洼，已经3天了，2026年")).isEqualTo("5号楼4单元水表井低洼，已经3天了，2026年");
    assertThat(Publication.mask(null)).isNull();
  }

  @Test
  void aPointIsRoundedToAboutAHundredMetres() {
    assertThat(Publication.coarse(new BigDecimal("34.748123"))).isEqualByComparingTo("34.748");
    assertThat(Publication.coarse(new BigDecimal("113.642567"))).isEqualByComparingTo("113.643");
    assertThat(Publication.coarse(null)).isNull();
  }
}
