package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The base map's tile host is the one outside origin the app's pages may load images from. */
class TileOriginTest {

  @Test
  void noTilesAllowNothingMore() {
    assertThat(SecurityHeaders.tileOrigin(null)).isEmpty();
    assertThat(SecurityHeaders.tileOrigin(" ")).isEmpty();
    assertThat(String.format(SecurityHeaders.APP_POLICY, SecurityHeaders.tileOrigin(null)))
        .contains("img-src 'self' data: blob:;");
  }

  @Test
  void severalHostsOfOneProviderBecomeAWildcardOfItsDomain() {
    assertThat(
            SecurityHeaders.tileOrigin(
                "https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk={key}"))
        .isEqualTo(" https://*.tianditu.gov.cn");
    assertThat(SecurityHeaders.tileOrigin("https://{s}.tile.example.org/{z}/{x}/{y}.png"))
        .isEqualTo(" https://*.tile.example.org");
    assertThat(SecurityHeaders.tileOrigin("http://tiles.intranet:8081/{z}/{x}/{y}.png"))
        .isEqualTo(" http://tiles.intranet:8081");
  }
}
