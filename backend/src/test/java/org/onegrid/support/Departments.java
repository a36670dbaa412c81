package org.onegrid.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.onegrid.notify.SmsOutbox;

/** Handing problems on, as staff do it on the problem's page. */
public final class Departments {

  /** The demo water company's duty phone. */
  public static final String WATER_PHONE = "+8637167100001";

  private static final Pattern LINK = Pattern.compile("/d/([A-Za-z0-9_-]{20,64})");

  private Departments() {}

  /** The id of a grid or department (by name) the problem can be handed to. */
  public static Object targetId(Browser staff, long problemId, String kind, String name) {
    List<Map<String, Object>> targets =
        staff.get("/api/v1/problems/" + problemId + "/transfer-targets").at(kind);
    return targets.stream()
        .filter(t -> t.get("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " among " + targets))
        .get("id");
  }

  /** Hands the problem to the water company; the token of the link in the text it is sent. */
  public static String handToWater(Browser staff, SmsOutbox outbox, long problemId, String why) {
    Object water = targetId(staff, problemId, "departments", "自来水公司");
    Browser.Reply handed =
        staff.post(
            "/api/v1/problems/" + problemId + "/transfer",
            Map.of("departmentId", water, "reason", why));
    assertThat(handed.status()).as(handed.text()).isEqualTo(200);
    String text =
        outbox.sentTo(WATER_PHONE, 50).stream()
            .filter(m -> m.body().contains("编号 " + problemId))
            .findFirst()
            .orElseThrow()
            .body();
    Matcher link = LINK.matcher(text);
    assertThat(link.find()).as(text).isTrue();
    return link.group(1);
  }
}
