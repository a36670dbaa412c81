package org.onegrid.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.notify.OutboxMessage;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Phones;

/**
 * A resident writes to their grid leader, the leader answers, and only the people of that grid see
 * it.
 */
@MicronautTest
class ResidentMessagesTest extends ApiTest {

  /** A new resident living in 民主路社区 第1网格. */
  Browser residentOfGrid1(String phone) {
    Browser resident = browser();
    signIn().resident(resident, phone);
    Browser leader = browser();
    signIn().staff(leader, DemoCity.LEADER_MINZHULU_1);
    long grid = ((Number) leader.get("/api/v1/me").at("staffNode.id")).longValue();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> buildings =
        (List<Map<String, Object>>)
            leader.get("/api/v1/staff/nodes/" + grid).body().get("buildings");
    @SuppressWarnings("unchecked")
    Object unitId = ((List<Map<String, Object>>) buildings.get(2).get("units")).get(0).get("id");
    assertThat(
            resident
                .put("/api/v1/me/home", Map.of("unitId", unitId, "room", "606", "name", "孙大爷"))
                .status())
        .isEqualTo(200);
    return resident;
  }

  @Test
  void aResidentWritesTheLeaderAnswersAndTheResidentGetsOneSms() {
    String phone = Phones.fresh();
    Browser resident = residentOfGrid1(phone);
    String key = UUID.randomUUID().toString();
    Browser.Reply first =
        resident.post("/api/v1/me/messages", Map.of("body", "楼道灯坏了", "clientKey", key));
    Browser.Reply retry =
        resident.post("/api/v1/me/messages", Map.of("body", "楼道灯坏了", "clientKey", key));
    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.<Number>at("id")).isEqualTo(first.<Number>at("id"));

    Browser leader = browser();
    signIn().staff(leader, DemoCity.LEADER_MINZHULU_1);
    List<Map<String, Object>> conversations = leader.get("/api/v1/staff/conversations").list();
    Map<String, Object> mine =
        conversations.stream()
            .filter(c -> c.get("residentName").equals("孙大爷"))
            .findFirst()
            .orElseThrow();
    assertThat(mine.get("unread")).isEqualTo(1);
    assertThat(mine.get("lastBody")).isEqualTo("楼道灯坏了");
    Object residentId = mine.get("residentId");

    List<Map<String, Object>> thread =
        leader.get("/api/v1/staff/conversations/" + residentId).at("items");
    assertThat(thread).hasSize(1);
    assertThat(
            leader.get("/api/v1/staff/conversations").list().stream()
                .filter(c -> c.get("residentId").equals(residentId))
                .findFirst()
                .orElseThrow()
                .get("unread"))
        .isEqualTo(0);

    assertThat(
            leader
                .post(
                    "/api/v1/staff/conversations/" + residentId,
                    Map.of("body", "好的，今天下午去修", "clientKey", UUID.randomUUID().toString()))
                .status())
        .isEqualTo(201);
    assertThat(
            leader
                .post(
                    "/api/v1/staff/conversations/" + residentId,
                    Map.of("body", "电工已经出发", "clientKey", UUID.randomUUID().toString()))
                .status())
        .isEqualTo(201);

    List<OutboxMessage> texts =
        outbox.sentTo("+86" + phone, 10).stream()
            .filter(m -> m.purpose().equals("staff-reply"))
            .toList();
    assertThat(texts).hasSize(1);
    assertThat(texts.get(0).body()).contains(DemoCity.LEADER_MINZHULU_1_NAME).contains("今天下午去修");

    assertThat(resident.get("/api/v1/me/messages/unread").<Number>at("count")).isEqualTo(2);
    List<Map<String, Object>> seen = resident.get("/api/v1/me/messages").at("items");
    assertThat(seen).extracting(m -> m.get("body")).containsExactly("楼道灯坏了", "好的，今天下午去修", "电工已经出发");
    assertThat(resident.get("/api/v1/me/messages/unread").<Number>at("count")).isEqualTo(0);
  }

  @Test
  void anotherGridsLeaderCannotReadOrAnswer() {
    Browser resident = residentOfGrid1(Phones.fresh());
    resident.post("/api/v1/me/messages", Map.of("body", "hello", "clientKey", "k1"));
    long residentId = ((Number) resident.get("/api/v1/me").at("id")).longValue();
    Browser other = browser();
    signIn().staff(other, DemoCity.LEADER_MINZHULU_2);
    assertThat(other.get("/api/v1/staff/conversations/" + residentId).status()).isEqualTo(404);
    assertThat(
            other
                .post(
                    "/api/v1/staff/conversations/" + residentId,
                    Map.of("body", "x", "clientKey", "k"))
                .status())
        .isEqualTo(404);
    assertThat(other.get("/api/v1/staff/conversations").list())
        .noneMatch(c -> ((Number) c.get("residentId")).longValue() == residentId);
  }

  @Test
  void aResidentWithoutAHomeIsAskedForItFirst() {
    Browser resident = browser();
    signIn().resident(resident, Phones.fresh());
    Browser.Reply reply =
        resident.post("/api/v1/me/messages", Map.of("body", "hi", "clientKey", "k"));
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.<String>at("code")).isEqualTo("needs-home");
  }
}
