package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.notify.OutboxMessage;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Phones;

/**
 * A problem's thread: replies reach the reporter (one SMS per ten minutes), internal notes never
 * do.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemThreadTest extends ApiTest {

  private Resident reporter;

  /** A resident of 民主路社区 第1网格, signed in once for the class. */
  Browser zhang() {
    if (reporter == null) {
      reporter = residentOfMinzhulu1("郑阿姨", "505");
    }
    return reporter.browser();
  }

  long report() {
    return zhang()
        .send(
            "POST",
            "/api/v1/problems",
            Map.of("categoryCode", "sanitation", "description", "垃圾桶满了没人清", "visibility", "PUBLIC"),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()))
        .<Number>at("id")
        .longValue();
  }

  Browser.Reply write(Browser who, long id, String body, boolean internal) {
    return who.post(
        "/api/v1/problems/" + id + "/messages",
        Map.of("body", body, "clientKey", UUID.randomUUID().toString(), "internal", internal));
  }

  List<String> replyTexts(long id) {
    zhang();
    return outbox.sentTo("+86" + reporter.phone(), 100).stream()
        .filter(m -> m.purpose().equals("problem-reply"))
        .map(OutboxMessage::body)
        .filter(b -> b.contains("编号 " + id + "）"))
        .toList();
  }

  @Test
  void repliesReachTheReporterAndInternalNotesStayWithStaff() {
    long id = report();
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    assertThat(write(leader, id, "物业说明天上午清运", false).status()).isEqualTo(201);
    assertThat(write(leader, id, "物业经理电话已记下，明天跟进", true).status()).isEqualTo(201);
    assertThat(write(leader, id, "已再次催促", false).status()).isEqualTo(201);
    assertThat(write(zhang(), id, "谢谢网格长", false).status()).isEqualTo(201);

    List<Map<String, Object>> residentSees =
        zhang().get("/api/v1/problems/" + id + "/messages").list();
    assertThat(residentSees)
        .extracting(m -> m.get("body"))
        .containsExactly("物业说明天上午清运", "已再次催促", "谢谢网格长");
    List<Map<String, Object>> staffSees = leader.get("/api/v1/problems/" + id + "/messages").list();
    assertThat(staffSees).hasSize(4).anySatisfy(m -> assertThat(m.get("internal")).isEqualTo(true));

    assertThat(replyTexts(id)).hasSize(1);
    assertThat(replyTexts(id).get(0)).contains("物业说明天上午清运");
  }

  @Test
  void residentsCannotWriteInternalNotesAndStrangersCannotRead() {
    long id = report();
    assertThat(write(zhang(), id, "x", true).status()).isEqualTo(403);
    assertThat(
            staff(DemoCity.LEADER_MINZHULU_2).get("/api/v1/problems/" + id + "/messages").status())
        .isEqualTo(404);
    assertThat(resident(Phones.fresh()).get("/api/v1/problems/" + id + "/messages").status())
        .isEqualTo(404);
  }

  long upload(Browser who) {
    return who.send(
            "POST", "/api/v1/photos", PhotoTest.pngBytes(), Map.of("Content-Type", "image/png"))
        .<Number>at("id")
        .longValue();
  }

  @Test
  void photosInTheThreadReachTheThreadsPeopleOnly() {
    long id = report();
    long closeUp = upload(zhang());
    Browser.Reply sent =
        zhang()
            .post(
                "/api/v1/problems/" + id + "/messages",
                Map.of("photoId", closeUp, "clientKey", UUID.randomUUID().toString()));
    assertThat(sent.status()).as(sent.text()).isEqualTo(201);
    assertThat(sent.<String>at("photo.url")).isEqualTo("/api/v1/photos/" + closeUp);
    assertThat(
            zhang()
                .post(
                    "/api/v1/problems/" + id + "/messages",
                    Map.of("body", " ", "clientKey", UUID.randomUUID().toString()))
                .status())
        .isEqualTo(400);

    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    long note = upload(leader);
    leader.post(
        "/api/v1/problems/" + id + "/messages",
        Map.of(
            "body",
            "物业签收单",
            "photoId",
            note,
            "internal",
            true,
            "clientKey",
            UUID.randomUUID().toString()));
    assertThat(leader.get("/api/v1/problems/" + id + "/messages").list())
        .extracting(
            m ->
                m.get("photo") == null
                    ? 0L
                    : ((Number) ((Map<?, ?>) m.get("photo")).get("id")).longValue())
        .containsExactly(closeUp, note);
    assertThat(leader.get("/api/v1/photos/" + closeUp).status()).isEqualTo(200);
    assertThat(zhang().get("/api/v1/photos/" + note).status()).isEqualTo(404);
    assertThat(leader.get("/api/v1/photos/" + note).status()).isEqualTo(200);

    // Neither is in the problem's public gallery, and a neighbour cannot open them.
    assertThat(leader.get("/api/v1/problems/" + id).<List<?>>at("photos")).isEmpty();
    Browser neighbour = residentOfMinzhulu1("邻居", "506").browser();
    assertThat(neighbour.get("/api/v1/problems/" + id).status()).isEqualTo(200);
    assertThat(neighbour.get("/api/v1/photos/" + closeUp).status()).isEqualTo(404);
    // A photo goes into one message only.
    assertThat(
            leader
                .post(
                    "/api/v1/problems/" + id + "/messages",
                    Map.of("photoId", note, "clientKey", UUID.randomUUID().toString()))
                .status())
        .isEqualTo(400);
  }
}
