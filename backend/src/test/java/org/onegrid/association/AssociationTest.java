package org.onegrid.association;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Images;
import org.onegrid.support.SecondInstance;

/** Residents join associations and sign up for activities; seats are never given out twice. */
@MicronautTest
class AssociationTest extends ApiTest {

  @Inject ActivityReminders activityReminders;

  static final String COMMUNITY_ADMIN = "13800000010";

  long communityId(Browser b, String name) {
    return ((Number)
            b.get("/api/v1/communities?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .list()
                .get(0)
                .get("id"))
        .longValue();
  }

  long myId(Browser b) {
    return b.get("/api/v1/me").<Number>at("id").longValue();
  }

  /** A new association of 民主路社区 organised by the community admin. */
  long association(Browser admin, String name, String policy, Integer limit) {
    Map<String, Object> body = new HashMap<>();
    body.put("communityId", communityId(admin, "民主路"));
    body.put("name", name);
    body.put("kind", "CLUB");
    body.put("description", name + "，欢迎参加");
    body.put("organiserId", myId(admin));
    body.put("joinPolicy", policy);
    if (limit != null) {
      body.put("memberLimit", limit);
    }
    Browser.Reply created = admin.post("/api/v1/associations", body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.<Number>at("id").longValue();
  }

  long activity(Browser organiser, long associationId, Instant start, int capacity, int weeks) {
    Browser.Reply published =
        organiser.post(
            "/api/v1/associations/" + associationId + "/activities",
            Map.of(
                "title",
                "活动",
                "place",
                "社区活动室",
                "startsAt",
                start.toString(),
                "endsAt",
                start.plus(Duration.ofHours(1)).toString(),
                "capacity",
                capacity,
                "repeatWeeks",
                weeks));
    assertThat(published.status()).as(published.text()).isEqualTo(201);
    return ((Number) published.list().get(0).get("id")).longValue();
  }

  @Test
  void residentsFindTheirCommunitysAssociationsAndNeighboursOpenOnes() {
    List<Map<String, Object>> mine =
        residentOfMinzhulu1("金阿姨", "1201").browser().get("/api/v1/associations").list();
    assertThat(mine).extracting(a -> a.get("name")).contains("晨练太极拳队", "墨香书法社");
    // 工人新村社区 is on the same street: the tai chi team welcomes neighbours, the calligraphy club does
    // not.
    List<Map<String, Object>> neighbour =
        residentOf("工人新村", "魏大爷", "1202").browser().get("/api/v1/associations").list();
    assertThat(neighbour).extracting(a -> a.get("name")).contains("晨练太极拳队").doesNotContain("墨香书法社");
    // 英才社区 is on another street and sees neither.
    List<Map<String, Object>> far =
        residentOf("英才", "童先生", "1203").browser().get("/api/v1/associations").list();
    assertThat(far).extracting(a -> a.get("name")).doesNotContain("晨练太极拳队", "墨香书法社");
  }

  @Test
  void joiningByApprovalIsDecidedByTheOrganiserOnly() {
    Browser admin = staff(COMMUNITY_ADMIN);
    long id = association(admin, "象棋协会", "APPROVAL", null);
    Resident applicant = residentOfMinzhulu1("冯大爷", "1204");
    Browser other = residentOfMinzhulu1("许阿姨", "1205").browser();
    assertThat(
            applicant
                .browser()
                .post("/api/v1/associations/" + id + "/join", Map.of())
                .<String>at("myStatus"))
        .isEqualTo("PENDING");
    long applicantId = myId(applicant.browser());
    String decision = "/api/v1/associations/" + id + "/members/" + applicantId + "/decision";
    assertThat(other.post(decision, Map.of("approve", true)).status()).isEqualTo(403);
    assertThat(other.get("/api/v1/associations/" + id + "/members").status()).isEqualTo(403);
    assertThat(staff(DemoCity.LEADER_GONGREN_2).post(decision, Map.of("approve", true)).status())
        .isEqualTo(404);
    // Grid staff of the same community read the association but neither decide nor announce.
    for (String gridStaff : List.of(DemoCity.LEADER_MINZHULU_1, DemoCity.WORKER_MINZHULU_1)) {
      Browser b = staff(gridStaff);
      assertThat(b.get("/api/v1/associations/" + id).status()).isEqualTo(200);
      assertThat(b.post(decision, Map.of("approve", true)).status()).isEqualTo(403);
      assertThat(
              b.post(
                      "/api/v1/associations/" + id + "/announcements",
                      Map.of("body", "明天停水", "bySms", true))
                  .status())
          .isEqualTo(403);
    }
    assertThat(admin.post(decision, Map.of("approve", false)).status()).isEqualTo(400);
    List<Map<String, Object>> members = admin.post(decision, Map.of("approve", true)).list();
    assertThat(members)
        .anySatisfy(
            m -> {
              assertThat(m.get("status")).isEqualTo("MEMBER");
              assertThat((String) m.get("phoneMasked")).contains("****");
            });
    assertThat(outbox.sentTo("+86" + applicant.phone(), 10))
        .anySatisfy(m -> assertThat(m.body()).contains("象棋协会"));
  }

  @Test
  void aFullAssociationsWaitingListMovesUpWhenAMemberLeaves() {
    Browser admin = staff(COMMUNITY_ADMIN);
    long id = association(admin, "合唱团", "OPEN", 1);
    Resident first = residentOfMinzhulu1("丁阿姨", "1206");
    Resident second = residentOfMinzhulu1("沈阿姨", "1207");
    String join = "/api/v1/associations/" + id + "/join";
    assertThat(first.browser().post(join, Map.of()).<String>at("myStatus")).isEqualTo("MEMBER");
    assertThat(second.browser().post(join, Map.of()).<String>at("myStatus")).isEqualTo("WAITING");
    first.browser().post("/api/v1/associations/" + id + "/leave", Map.of());
    assertThat(second.browser().get("/api/v1/associations/" + id).<String>at("myStatus"))
        .isEqualTo("MEMBER");
    assertThat(outbox.sentTo("+86" + second.phone(), 10))
        .anySatisfy(m -> assertThat(m.body()).contains("合唱团").contains("空位"));
  }

  @Test
  void twentySignUpsAtOnceThroughTwoInstancesFillTheSeatsExactlyAndAnswerNo5xx() throws Exception {
    Browser admin = staff(COMMUNITY_ADMIN);
    long club = association(admin, "太极拳队", "OPEN", null);
    long id = activity(admin, club, Instant.now().plus(Duration.ofDays(4)), 2, 1);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try (SecondInstance other = SecondInstance.start(json)) {
      List<Browser> people = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Browser here = residentOfMinzhulu1("两台报名" + i, "16" + (10 + i)).browser();
        people.add(i % 2 == 1 ? other.as(here) : here);
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Browser.Reply>> results = new ArrayList<>();
      for (Browser p : people) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return p.post("/api/v1/activities/" + id + "/signup", Map.of());
                }));
      }
      start.countDown();
      List<String> statuses = new ArrayList<>();
      for (Future<Browser.Reply> f : results) {
        Browser.Reply reply = f.get();
        assertThat(reply.status()).as(reply.text()).isLessThan(500);
        statuses.add(reply.at("myStatus"));
      }
      assertThat(statuses).filteredOn("SIGNED_UP"::equals).hasSize(2);
      assertThat(statuses).filteredOn("WAITING"::equals).hasSize(18);
      assertThat(admin.get("/api/v1/activities/" + id).<Number>at("signedUp").intValue())
          .isEqualTo(2);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void theLastSeatGoesToOneOfManyWhoSignUpAtOnceAndACancellationMovesTheWaitingListUp()
      throws Exception {
    Browser admin = staff(COMMUNITY_ADMIN);
    long club = association(admin, "广场舞队", "OPEN", null);
    long id = activity(admin, club, Instant.now().plus(Duration.ofDays(3)), 3, 1);
    List<Resident> people = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      people.add(residentOfMinzhulu1("舞友" + i, "13" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    for (Resident p : people) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                return p.browser()
                    .post("/api/v1/activities/" + id + "/signup", Map.of())
                    .at("myStatus");
              }));
    }
    start.countDown();
    List<String> statuses = new ArrayList<>();
    for (Future<String> f : results) {
      statuses.add(f.get());
    }
    pool.shutdown();
    assertThat(statuses).filteredOn("SIGNED_UP"::equals).hasSize(3);
    assertThat(statuses).filteredOn("WAITING"::equals).hasSize(5);
    assertThat(admin.get("/api/v1/activities/" + id).<Number>at("signedUp").intValue())
        .isEqualTo(3);

    List<Map<String, Object>> signups = admin.get("/api/v1/activities/" + id + "/signups").list();
    long firstWaiting =
        ((Number)
                signups.stream()
                    .filter(s -> s.get("status").equals("WAITING"))
                    .findFirst()
                    .orElseThrow()
                    .get("accountId"))
            .longValue();
    Resident leaving = people.get(statuses.indexOf("SIGNED_UP"));
    leaving.browser().post("/api/v1/activities/" + id + "/cancel", Map.of());
    Resident lucky =
        people.stream().filter(p -> myId(p.browser()) == firstWaiting).findFirst().orElseThrow();
    assertThat(lucky.browser().get("/api/v1/activities/" + id).<String>at("myStatus"))
        .isEqualTo("SIGNED_UP");
    assertThat(outbox.sentTo("+86" + lucky.phone(), 10))
        .anySatisfy(m -> assertThat(m.body()).contains("候补"));
    assertThat(admin.get("/api/v1/activities/" + id).<Number>at("signedUp").intValue())
        .isEqualTo(3);

    // The organiser checks the lucky one in; residents cannot check anyone in.
    String checkIn = "/api/v1/activities/" + id + "/signups/" + firstWaiting + "/check-in";
    assertThat(lucky.browser().post(checkIn, Map.of()).status()).isEqualTo(403);
    assertThat(admin.post(checkIn, Map.of()).list())
        .anySatisfy(
            s -> {
              if (((Number) s.get("accountId")).longValue() == firstWaiting) {
                assertThat(s.get("checkedInAt")).isNotNull();
              }
            });
    assertThat(lucky.browser().get("/api/v1/me/activities").list())
        .anySatisfy(a -> assertThat(((Number) a.get("id")).longValue()).isEqualTo(id));
    Browser.Reply ics = lucky.browser().get("/api/v1/activities/" + id + "/calendar.ics");
    assertThat(ics.header("Content-Type")).startsWith("text/calendar");
    assertThat(ics.text()).contains("BEGIN:VEVENT").contains("LOCATION:社区活动室");
  }

  @Test
  void aWeeklyActivityRepeatsAndEveryoneIsRemindedOnceTheDayBefore() {
    Browser admin = staff(COMMUNITY_ADMIN);
    long club = association(admin, "读书会", "OPEN", null);
    Instant soon = Instant.now().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.MINUTES);
    long first = activity(admin, club, soon, 10, 3);
    List<Map<String, Object>> all =
        admin.get("/api/v1/associations/" + club + "/activities").list();
    assertThat(all).hasSize(3).allSatisfy(a -> assertThat(a.get("recurring")).isEqualTo(true));
    assertThat(Instant.parse((String) all.get(1).get("startsAt")))
        .isEqualTo(soon.plus(Duration.ofDays(7)));

    Resident reader = residentOfMinzhulu1("韩老师", "1208");
    reader.browser().post("/api/v1/activities/" + first + "/signup", Map.of());
    activityReminders.remind();
    activityReminders.remind();
    assertThat(outbox.sentTo("+86" + reader.phone(), 20))
        .filteredOn(m -> m.purpose().equals("activity-reminder"))
        .hasSize(1);
  }

  @Test
  void organisersAnnounceToMembersAndStaffSeeParticipation() {
    Browser admin = staff(COMMUNITY_ADMIN);
    long id = association(admin, "志愿服务队", "OPEN", null);
    Resident volunteer = residentOfMinzhulu1("楼栋长老周", "1209");
    volunteer.browser().post("/api/v1/associations/" + id + "/join", Map.of());
    String announce = "/api/v1/associations/" + id + "/announcements";
    assertThat(volunteer.browser().post(announce, Map.of("body", "我也想发")).status()).isEqualTo(403);
    assertThat(admin.post(announce, Map.of("body", "周六上午九点清理楼道", "bySms", true)).status())
        .isEqualTo(201);
    Browser.Reply again = admin.post(announce, Map.of("body", "再发一条短信", "bySms", true));
    assertThat(again.status()).isEqualTo(429);
    assertThat(admin.post(announce, Map.of("body", "应用内再提醒一次")).status()).isEqualTo(201);
    assertThat(volunteer.browser().get(announce).list())
        .extracting(a -> a.get("body"))
        .containsExactly("应用内再提醒一次", "周六上午九点清理楼道");
    assertThat(outbox.sentTo("+86" + volunteer.phone(), 20))
        .filteredOn(m -> m.purpose().equals("association-announcement"))
        .hasSize(1);
    assertThat(volunteer.browser().get("/api/v1/me/notifications").text()).contains("应用内再提醒一次");

    Browser.Reply figures = admin.get("/api/v1/staff/participation");
    List<Map<String, Object>> byAssociation = figures.at("associations");
    assertThat(byAssociation)
        .anySatisfy(
            a -> {
              assertThat(a.get("name")).isEqualTo("志愿服务队");
              assertThat(a.get("members")).isEqualTo(1);
            });
    List<Map<String, Object>> byGrid = figures.at("grids");
    assertThat(byGrid)
        .anySatisfy(g -> assertThat((String) g.get("gridName")).contains("民主路社区 第1网格"));
    assertThat(volunteer.browser().get("/api/v1/staff/participation").status()).isEqualTo(403);
    assertThat(
            staff(DemoCity.LEADER_GONGREN_2)
                .get("/api/v1/staff/participation")
                .<List<?>>at("associations"))
        .noneSatisfy(a -> assertThat(((Map<?, ?>) a).get("name")).isEqualTo("志愿服务队"));
  }

  @Test
  void anOrganiserManagesOnlyTheirOwnAssociationAndItsCoverIsSeenByResidents() {
    Browser admin = staff(COMMUNITY_ADMIN);
    long id = association(admin, "编织小组", "APPROVAL", null);
    // 朱文斌 organises the demo tai chi team, not this one.
    Browser zhu = resident("13900000002");
    Resident applicant = residentOfMinzhulu1("吕阿姨", "1210");
    applicant.browser().post("/api/v1/associations/" + id + "/join", Map.of());
    assertThat(
            zhu.post(
                    "/api/v1/associations/"
                        + id
                        + "/members/"
                        + myId(applicant.browser())
                        + "/decision",
                    Map.of("approve", true))
                .status())
        .isEqualTo(403);
    assertThat(zhu.get("/api/v1/associations/" + id + "/members").status()).isEqualTo(403);

    long photo =
        admin
            .send("POST", "/api/v1/photos", Images.png(), Map.of("Content-Type", "image/png"))
            .<Number>at("id")
            .longValue();
    assertThat(zhu.put("/api/v1/associations/" + id + "/cover", Map.of("photoId", photo)).status())
        .isEqualTo(403);
    String cover =
        admin.put("/api/v1/associations/" + id + "/cover", Map.of("photoId", photo)).at("coverUrl");
    assertThat(cover).isEqualTo("/api/v1/photos/" + photo);
    assertThat(applicant.browser().get(cover).status()).isEqualTo(200);
  }

  @Test
  void theCommunityPublishesItsOwnActivitiesForItsResidents() {
    Browser leader = staff(DemoCity.COMMUNITY_ADMIN_MINZHULU);
    long community = communityId(leader, "民主路");
    String path = "/api/v1/communities/" + community + "/activities";
    Instant start = Instant.now().plus(Duration.ofDays(2));
    Map<String, Object> body =
        Map.of(
            "title",
            "义诊进社区",
            "place",
            "社区服务中心",
            "startsAt",
            start.toString(),
            "endsAt",
            start.plus(Duration.ofHours(3)).toString(),
            "capacity",
            50);
    Resident resident = residentOfMinzhulu1("曹奶奶", "1211");
    assertThat(resident.browser().post(path, body).status()).isEqualTo(403);
    // A grid leader of the community reads its activities but does not publish for it.
    assertThat(staff(DemoCity.LEADER_MINZHULU_1).post(path, body).status()).isEqualTo(403);
    Browser.Reply published = leader.post(path, body);
    assertThat(published.status()).as(published.text()).isEqualTo(201);
    long id = ((Number) published.list().get(0).get("id")).longValue();
    assertThat(resident.browser().get(path).list())
        .anySatisfy(a -> assertThat(a.get("communityName")).isEqualTo("民主路社区"));
    assertThat(
            resident
                .browser()
                .post("/api/v1/activities/" + id + "/signup", Map.of())
                .<String>at("myStatus"))
        .isEqualTo("SIGNED_UP");
    assertThat(leader.get("/api/v1/activities/" + id + "/signups").list()).hasSize(1);
    Browser outsider = residentOf("工人新村", "孟先生", "1212").browser();
    assertThat(outsider.get(path).status()).isEqualTo(404);
    assertThat(outsider.get("/api/v1/activities/" + id).status()).isEqualTo(404);
  }

  @Test
  void staffNameAResidentVolunteerAsOrganiserByPhone() {
    Browser admin = staff(COMMUNITY_ADMIN);
    Map<String, Object> body = new HashMap<>();
    body.put("communityId", communityId(admin, "民主路"));
    body.put("name", "楼栋长服务队");
    body.put("kind", "VOLUNTEER");
    body.put("description", "每栋楼一位楼栋长，帮网格长跑腿、传话。");
    body.put("organiserPhone", "139 0000 0002");
    body.put("joinPolicy", "APPROVAL");
    Browser.Reply created = admin.post("/api/v1/associations", body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.<String>at("organiserName")).isEqualTo("朱文斌");
    body.put("organiserPhone", "13800000001");
    body.put("name", "外区组织者");
    // The city admin is staff, so may organise; a resident of another community may not.
    assertThat(admin.post("/api/v1/associations", body).status()).isEqualTo(201);
    body.put("organiserPhone", "13900000005");
    assertThat(admin.post("/api/v1/associations", body).status()).isEqualTo(400);
  }

  @Test
  void anOrganiserCallsAnActivityOffAndEveryoneOnItIsTold() {
    Browser admin = staff(COMMUNITY_ADMIN);
    long club = association(admin, "摄影协会", "OPEN", null);
    long id = activity(admin, club, Instant.now().plus(Duration.ofDays(4)), 1, 1);
    Resident first = residentOfMinzhulu1("马师傅", "1213");
    Resident second = residentOfMinzhulu1("牛师傅", "1214");
    first.browser().post("/api/v1/activities/" + id + "/signup", Map.of());
    second.browser().post("/api/v1/activities/" + id + "/signup", Map.of());
    String callOff = "/api/v1/activities/" + id + "/call-off";
    assertThat(first.browser().post(callOff, Map.of("reason", "不想去")).status()).isEqualTo(403);
    assertThat(admin.post(callOff, Map.of("reason", " ")).status()).isEqualTo(400);
    assertThat(admin.post(callOff, Map.of("reason", "大风预警，改期再通知")).<Boolean>at("cancelled"))
        .isTrue();
    for (Resident r : List.of(first, second)) {
      assertThat(outbox.sentTo("+86" + r.phone(), 10))
          .anySatisfy(m -> assertThat(m.body()).contains("取消").contains("大风预警"));
    }
    assertThat(second.browser().post("/api/v1/activities/" + id + "/cancel", Map.of()).status())
        .isEqualTo(200);
    Resident late = residentOfMinzhulu1("杨师傅", "1215");
    assertThat(late.browser().post("/api/v1/activities/" + id + "/signup", Map.of()).status())
        .isEqualTo(409);
  }

  @Test
  void anOrganiserMovesAnActivityAndEveryoneOnItIsToldAndMorePlacesMoveTheWaitingUp() {
    Browser admin = staff(COMMUNITY_ADMIN);
    long club = association(admin, "书法协会", "OPEN", null);
    Instant start = Instant.now().plus(Duration.ofDays(5));
    long id = activity(admin, club, start, 1, 1);
    Resident first = residentOfMinzhulu1("程师傅", "1216");
    Resident waiting = residentOfMinzhulu1("袁师傅", "1217");
    first.browser().post("/api/v1/activities/" + id + "/signup", Map.of());
    waiting.browser().post("/api/v1/activities/" + id + "/signup", Map.of());
    String path = "/api/v1/activities/" + id;
    Map<String, Object> moved = new HashMap<>();
    moved.put("title", "活动");
    moved.put("place", "社区中心二楼多功能厅");
    moved.put("startsAt", start.plus(Duration.ofDays(1)).toString());
    moved.put("endsAt", start.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)).toString());
    moved.put("capacity", 2);
    assertThat(first.browser().put(path, moved).status()).isEqualTo(403);
    moved.put("capacity", 0);
    assertThat(admin.put(path, moved).status()).isEqualTo(400);
    moved.put("capacity", 2);
    Browser.Reply changed = admin.put(path, moved);
    assertThat(changed.status()).as(changed.text()).isEqualTo(200);
    assertThat(changed.<String>at("place")).isEqualTo("社区中心二楼多功能厅");
    assertThat(outbox.sentTo("+86" + first.phone(), 10))
        .anySatisfy(m -> assertThat(m.body()).contains("有变动").contains("社区中心二楼多功能厅"));
    assertThat(outbox.sentTo("+86" + waiting.phone(), 10))
        .anySatisfy(m -> assertThat(m.body()).contains("增加了名额"));
    assertThat(waiting.browser().get(path).text()).contains("SIGNED_UP");
    moved.put("capacity", 1);
    Browser.Reply fewer = admin.put(path, moved);
    assertThat(fewer.status()).isEqualTo(409);
    assertThat(fewer.<String>at("detail")).contains("已有 2 人报名");
    assertThat(admin.get("/api/v1/admin/audit").text())
        .contains("activity.change")
        .contains("社区中心二楼多功能厅");
  }

  @Test
  void anOrganiserMovesTheMeetingPlaceAndMembersAreToldAndALargerLimitLetsTheWaitingIn() {
    Browser admin = staff(COMMUNITY_ADMIN);
    long club = association(admin, "象棋协会", "OPEN", 1);
    Resident member = residentOfMinzhulu1("范师傅", "1218");
    Resident waiting = residentOfMinzhulu1("石师傅", "1219");
    member.browser().post("/api/v1/associations/" + club + "/join", Map.of());
    waiting.browser().post("/api/v1/associations/" + club + "/join", Map.of());
    String path = "/api/v1/associations/" + club;
    Map<String, Object> body = new HashMap<>();
    body.put("name", "象棋协会");
    body.put("description", "每周六下午下棋");
    body.put("meetingTime", "每周六 14:00");
    body.put("meetingPlace", "社区中心三楼棋牌室");
    body.put("memberLimit", 2);
    body.put("joinPolicy", "OPEN");
    assertThat(member.browser().put(path, body).status()).isEqualTo(403);
    Browser.Reply changed = admin.put(path, body);
    assertThat(changed.status()).as(changed.text()).isEqualTo(200);
    assertThat(outbox.sentTo("+86" + member.phone(), 10))
        .anySatisfy(m -> assertThat(m.body()).contains("社区中心三楼棋牌室"));
    assertThat(waiting.browser().get(path).<String>at("myStatus")).isEqualTo("MEMBER");
    body.put("memberLimit", 1);
    Browser.Reply fewer = admin.put(path, body);
    assertThat(fewer.status()).isEqualTo(409);
    assertThat(fewer.<String>at("detail")).contains("已有 2 名成员");
    assertThat(staff(DemoCity.STREET_ADMIN_JIANZHONG).get("/api/v1/admin/audit").text())
        .contains("association.change")
        .contains("社区中心三楼棋牌室");
  }
}
