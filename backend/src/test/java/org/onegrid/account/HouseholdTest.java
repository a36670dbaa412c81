package org.onegrid.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Phones;

/**
 * Choosing a room does not make a stranger one of the family: someone joining a household with
 * members waits until a member, or grid staff who reach it, accepts them.
 */
@MicronautTest
class HouseholdTest extends ApiTest {

  static long idOf(Browser b) {
    return ((Number) b.get("/api/v1/me").at("id")).longValue();
  }

  static List<Object> names(List<Map<String, Object>> people, String key) {
    return people.stream().map(p -> p.get(key)).toList();
  }

  @Test
  void aStrangerInAnOccupiedRoomSeesNoNamesAndBooksForNobodyUntilAMemberAccepts() {
    Resident mother = residentOfMinzhulu1("贾奶奶", "1810");
    assertThat(mother.browser().get("/api/v1/me").<Boolean>at("home.pending")).isFalse();
    assertThat(mother.browser().get("/api/v1/me/household").<String>at("status"))
        .isEqualTo("MEMBER");

    Resident stranger = residentJoining(mother, "自称女儿");
    Browser.Reply me = stranger.browser().get("/api/v1/me");
    assertThat(me.<Boolean>at("home.pending")).isTrue();
    // They live there for their own reports...
    assertThat(me.<Boolean>at("needsHome")).isFalse();
    // ...but see nobody of the family and cannot act for them.
    assertThat(names(stranger.browser().get("/api/v1/clinic/patients").list(), "name"))
        .containsExactly("自称女儿");
    Browser.Reply theirs = stranger.browser().get("/api/v1/me/household");
    assertThat(theirs.<String>at("status")).isEqualTo("PENDING");
    assertThat(theirs.text()).doesNotContain("贾奶奶");
    assertThat(names(mother.browser().get("/api/v1/clinic/patients").list(), "name"))
        .containsExactly("贾奶奶");

    // The member is asked by SMS (the stranger's phone masked) and in the app.
    assertThat(outbox.sentTo("+86" + mother.phone(), 5))
        .anySatisfy(
            m -> {
              assertThat(m.purpose()).isEqualTo("household-request");
              assertThat(m.body()).contains("自称女儿").doesNotContain(stranger.phone());
            });
    List<Map<String, Object>> requests =
        mother.browser().get("/api/v1/me/household").at("requests");
    assertThat(names(requests, "name")).containsExactly("自称女儿");
    assertThat(requests.get(0).get("phoneMasked")).asString().contains("****");

    long strangerId = idOf(stranger.browser());
    // The one waiting cannot accept themselves.
    assertThat(
            stranger
                .browser()
                .post("/api/v1/household-requests/" + strangerId + "/accept", Map.of())
                .status())
        .isEqualTo(404);
    assertThat(
            mother
                .browser()
                .post("/api/v1/household-requests/" + strangerId + "/accept", Map.of())
                .status())
        .isEqualTo(204);

    assertThat(stranger.browser().get("/api/v1/me").<Boolean>at("home.pending")).isFalse();
    assertThat(names(stranger.browser().get("/api/v1/clinic/patients").list(), "name"))
        .containsExactlyInAnyOrder("贾奶奶", "自称女儿");
    assertThat(outbox.sentTo("+86" + stranger.phone(), 5))
        .anySatisfy(m -> assertThat(m.purpose()).isEqualTo("household-decision"));
    // Accepting twice finds nobody waiting.
    assertThat(
            mother
                .browser()
                .post("/api/v1/household-requests/" + strangerId + "/accept", Map.of())
                .status())
        .isEqualTo(404);
  }

  @Test
  void aDeclinedPersonHasNoHomeAndOnlyMembersOrStaffWhoReachTheRoomMayDecide() {
    Resident member = residentOfMinzhulu1("满叔", "1811");
    Resident neighbour = residentOfMinzhulu1("邻居", "1812");
    Resident asker = residentJoining(member, "冒名");
    long askerId = idOf(asker.browser());
    String accept = "/api/v1/household-requests/" + askerId + "/accept";

    // A neighbour, the next grid's leader, a clinician: 404, and nothing changed.
    assertThat(neighbour.browser().post(accept, Map.of()).status()).isEqualTo(404);
    assertThat(staff(DemoCity.LEADER_MINZHULU_2).post(accept, Map.of()).status()).isEqualTo(404);
    assertThat(staff(DemoCity.LEADER_MINZHULU_2).get("/api/v1/staff/household-requests").text())
        .doesNotContain("冒名");
    assertThat(asker.browser().get("/api/v1/me").<Boolean>at("home.pending")).isTrue();

    // The member declines: the asker has no home until they choose again, and is told.
    assertThat(
            member
                .browser()
                .post("/api/v1/household-requests/" + askerId + "/decline", Map.of())
                .status())
        .isEqualTo(204);
    Browser.Reply after = asker.browser().get("/api/v1/me");
    assertThat(after.<Boolean>at("needsHome")).isTrue();
    assertThat(after.<Object>at("home")).isNull();
    assertThat(outbox.sentTo("+86" + asker.phone(), 5))
        .anySatisfy(m -> assertThat(m.body()).contains("没有被同意"));

    // The grid's own leader sees who waits in their grid, where, and may accept.
    Resident second = residentJoining(member, "满叔的儿子");
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    List<Map<String, Object>> waiting = leader.get("/api/v1/staff/household-requests").list();
    assertThat(waiting)
        .anySatisfy(
            w -> {
              assertThat(w.get("name")).isEqualTo("满叔的儿子");
              assertThat((String) w.get("place")).contains("1811");
            });
    assertThat(
            leader
                .post("/api/v1/household-requests/" + idOf(second.browser()) + "/accept", Map.of())
                .status())
        .isEqualTo(204);
    assertThat(names(member.browser().get("/api/v1/me/household").at("members"), "name"))
        .containsExactlyInAnyOrder("满叔", "满叔的儿子");
  }

  @Test
  void twoPeopleMovingIntoOneEmptyRoomAtOnceGiveOneMemberAndOneWaiting() {
    Resident first = residentOfMinzhulu1("先来", "1813");
    Map<String, Object> home = first.browser().get("/api/v1/me").at("home");
    // Move the first one out, so the room is empty again, then two arrive at once.
    Resident elsewhere = residentOfMinzhulu1("别处", "1814");
    Map<String, Object> otherHome = elsewhere.browser().get("/api/v1/me").at("home");
    assertThat(
            first
                .browser()
                .put("/api/v1/me/home", Map.of("unitId", otherHome.get("unitId"), "room", "1815"))
                .status())
        .isEqualTo(200);
    Browser a = resident(Phones.fresh());
    Browser b = resident(Phones.fresh());
    Map<String, Object> room = Map.of("unitId", home.get("unitId"), "room", home.get("room"));
    CompletableFuture<Browser.Reply> ra =
        CompletableFuture.supplyAsync(() -> a.put("/api/v1/me/home", room));
    CompletableFuture<Browser.Reply> rb =
        CompletableFuture.supplyAsync(() -> b.put("/api/v1/me/home", room));
    assertThat(ra.join().status()).isEqualTo(200);
    assertThat(rb.join().status()).isEqualTo(200);
    List<Boolean> pending =
        List.of(
            a.get("/api/v1/me").<Boolean>at("home.pending"),
            b.get("/api/v1/me").<Boolean>at("home.pending"));
    assertThat(pending).containsExactlyInAnyOrder(true, false);
  }
}
