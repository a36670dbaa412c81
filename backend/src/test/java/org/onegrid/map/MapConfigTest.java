package org.onegrid.map;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MapConfigTest {

  @Test
  void theKeyIsFilledInAndABlankUrlMeansAPlainBackground() {
    MapConfig config = new MapConfig();
    config.setTileUrl("  ");
    assertThat(config.tileTemplate()).isNull();
    config.setTileUrl("https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk={key}");
    config.setTileKey("abc123");
    assertThat(config.tileTemplate()).endsWith("&tk=abc123").contains("{z}");
  }
}
