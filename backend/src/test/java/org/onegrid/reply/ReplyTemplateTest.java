package org.onegrid.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/** Staff answer with ready replies: built-in ones in their language, and their own. */
@MicronautTest
class ReplyTemplateTest extends ApiTest {

  static final String PATH = "/api/v1/staff/reply-templates";

  @Test
  void aLeaderKeepsTheirOwnRepliesNextToTheBuiltInOnes() {
    Browser leader = staff(DemoCity.LEADER_MINZHULU_2);
    List<Map<String, Object>> builtIn = leader.get(PATH).list();
    assertThat(builtIn).isNotEmpty().allSatisfy(t -> assertThat(t.get("own")).isEqualTo(false));
    assertThat((String) builtIn.get(0).get("body")).contains("已收到");
    assertThat((String) leader.language("en").get(PATH).list().get(0).get("body"))
        .startsWith("Hello");
    leader.language("zh-CN");

    Browser.Reply saved = leader.post(PATH, Map.of("body", "物业电话：0371-12345678，可直接联系"));
    assertThat(saved.status()).isEqualTo(201);
    Browser.Reply again = leader.post(PATH, Map.of("body", "物业电话：0371-12345678，可直接联系"));
    assertThat(again.<Number>at("id")).isEqualTo(saved.<Number>at("id"));
    assertThat(leader.get(PATH).list()).hasSize(builtIn.size() + 1);

    // Another leader neither sees nor deletes it; a resident has no templates at all.
    Browser other = staff(DemoCity.LEADER_MINZHULU_1);
    assertThat(other.get(PATH).list()).noneMatch(t -> t.get("own").equals(true));
    assertThat(other.send("DELETE", PATH + "/" + saved.at("id"), null, Map.of()).status())
        .isEqualTo(404);
    assertThat(residentOfMinzhulu1("孔阿姨", "1003").browser().get(PATH).status()).isEqualTo(403);

    assertThat(leader.post(PATH, Map.of("body", " ")).status()).isEqualTo(400);
    assertThat(leader.send("DELETE", PATH + "/" + saved.at("id"), null, Map.of()).status())
        .isEqualTo(204);
    assertThat(leader.get(PATH).list()).hasSize(builtIn.size());
  }
}
