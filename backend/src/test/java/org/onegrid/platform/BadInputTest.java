package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/**
 * Bad input is told plainly with a 4xx in the caller's language, never a 500, and loses nothing
 * already accepted.
 */
@MicronautTest
class BadInputTest extends ApiTest {

  long report(Browser who, String text) {
    return who.send(
            "POST",
            "/api/v1/problems",
            Map.of("categoryCode", "sanitation", "description", text),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()))
        .<Number>at("id")
        .longValue();
  }

  static void assertProblem(Browser.Reply reply, int status) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void anUnknownPhotoInAThreadMessageIsRefusedAndNothingIsStored() {
    Resident resident = residentOfMinzhulu1("照片不存在", "2201");
    long problem = report(resident.browser(), "楼下垃圾没人收");
    String messages = "/api/v1/problems/" + problem + "/messages";
    Browser.Reply refused =
        resident
            .browser()
            .post(
                messages,
                Map.of(
                    "body",
                    "看图",
                    "photoId",
                    987654321L,
                    "clientKey",
                    UUID.randomUUID().toString()));
    assertProblem(refused, 400);
    assertThat(refused.text()).contains("photoId");
    assertThat(resident.browser().get(messages).list()).isEmpty();
  }

  @Test
  void aMessageKeyReusedOnAnotherProblemIsToldNotDropped() {
    Resident resident = residentOfMinzhulu1("重复编号", "2202");
    long first = report(resident.browser(), "第一件事");
    long second = report(resident.browser(), "第二件事");
    String key = UUID.randomUUID().toString();
    Browser.Reply sent =
        resident
            .browser()
            .post(
                "/api/v1/problems/" + first + "/messages", Map.of("body", "第一条", "clientKey", key));
    assertThat(sent.status()).isEqualTo(201);
    // The same message again (a retry) is the same message.
    assertThat(
            resident
                .browser()
                .post(
                    "/api/v1/problems/" + first + "/messages",
                    Map.of("body", "第一条", "clientKey", key))
                .<Number>at("id"))
        .isEqualTo(sent.<Number>at("id"));
    Browser.Reply reused =
        resident
            .browser()
            .post(
                "/api/v1/problems/" + second + "/messages",
                Map.of("body", "第二条", "clientKey", key));
    assertProblem(reused, 409);
    assertThat(reused.<String>at("detail")).contains("另一个问题");
    assertThat(resident.browser().get("/api/v1/problems/" + first + "/messages").list())
        .extracting(m -> m.get("body"))
        .containsExactly("第一条");
  }

  @Test
  void nullsInsideListsAreRefusedWithTheField() {
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    Number grid = leader.get("/api/v1/staff/home").<Number>at("node.id");
    Map<String, Object> patrol = new HashMap<>();
    patrol.put("gridId", grid);
    patrol.put("date", "2026-11-01");
    patrol.put("area", "1号楼");
    patrol.put("findings", Arrays.asList((Object) null));
    assertProblem(
        leader.send(
            "POST",
            "/api/v1/staff/patrols",
            patrol,
            Map.of("Idempotency-Key", UUID.randomUUID().toString())),
        400);
    patrol.put("findings", List.of());
    patrol.put("photoIds", Arrays.asList((Object) null));
    assertProblem(
        leader.send(
            "POST",
            "/api/v1/staff/patrols",
            patrol,
            Map.of("Idempotency-Key", UUID.randomUUID().toString())),
        400);
  }
}
