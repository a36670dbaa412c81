package org.onegrid.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/** What people are texted also waits for them in the app, and keeps coming after they stop SMS. */
@MicronautTest
class NotificationsTest extends ApiTest {

  @Test
  void updatesAppearInTheAppWithALinkAndCanBeMarkedRead() {
    Resident resident = residentOfMinzhulu1("韩阿姨", "901");
    outbox.optOut("+86" + resident.phone(), "test");
    long id =
        resident
            .browser()
            .send(
                "POST",
                "/api/v1/problems",
                Map.of("categoryCode", "water_supply", "description", "停水了"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()))
            .<Number>at("id")
            .longValue();
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    leader.post("/api/v1/problems/" + id + "/actions", Map.of("action", "ACCEPT"));

    Browser.Reply page = resident.browser().get("/api/v1/me/notifications");
    assertThat(page.<Number>at("unread").intValue()).isGreaterThanOrEqualTo(1);
    List<Map<String, Object>> items = page.at("items");
    assertThat(items.get(0).get("link")).isEqualTo("/problems/" + id);
    assertThat((String) items.get(0).get("body")).contains("已受理").doesNotStartWith("【");
    assertThat(outbox.sentTo("+86" + resident.phone(), 10))
        .filteredOn(m -> m.purpose().equals("problem-accept"))
        .allSatisfy(m -> assertThat(m.status()).isEqualTo("OPTED_OUT"));

    assertThat(resident.browser().post("/api/v1/me/notifications/read", Map.of()).status())
        .isEqualTo(204);
    assertThat(resident.browser().get("/api/v1/me/notifications").<Number>at("unread"))
        .isEqualTo(0);

    List<Map<String, Object>> leaderItems = leader.get("/api/v1/me/notifications").at("items");
    assertThat(leaderItems).anySatisfy(n -> assertThat((String) n.get("body")).contains("停水了"));
  }
}
