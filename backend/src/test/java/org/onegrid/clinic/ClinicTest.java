package org.onegrid.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.grid.GridService;
import org.onegrid.platform.TestClock;
import org.onegrid.platform.Tx;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Phones;
import org.onegrid.support.SecondInstance;

/** Booking clinic slots: never past capacity, once per retry, reasons for the provider only. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicTest extends ApiTest {

  @Inject ClinicCatalog clinic;
  @Inject ClinicWaitlist waitlist;
  @Inject ClinicReminders reminders;
  @Inject GridService grids;
  @Inject AccountService accounts;
  @Inject Tx tx;
  @Inject TestClock clock;

  private long service;
  private long single;
  private Browser providerStaff;

  @BeforeAll
  void aHealthStationWithMorningHours() {
    long community = grids.searchCommunities("民主路社区", 1).get(0).id();
    Map<Integer, List<LocalTime[]>> hours = new HashMap<>();
    for (int day = 1; day <= 7; day++) {
      hours.put(
          day, List.<LocalTime[]>of(new LocalTime[] {LocalTime.of(8, 0), LocalTime.of(12, 0)}));
    }
    service =
        tx.run(
            () -> {
              long provider =
                  clinic.addProvider(community, "HEALTH_STATION", "测试卫生服务站", "社区中心一楼", null);
              clinic.addStaff(
                  provider,
                  accounts.createStaff(
                      "+8613800009001",
                      "测试医生",
                      Role.CLINICIAN,
                      community,
                      null,
                      accounts.hashPassword(DemoCity.STAFF_PASSWORD)));
              long s = clinic.addService(provider, "FREE_CLINIC", "义诊", 30, 2, 0, 14, 2, hours);
              clinic.closeOn(s, LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3), "医生培训");
              single = clinic.addService(provider, "CLINIC_VISIT", "专家号", 60, 1, 0, 14, 1, hours);
              return s;
            });
    providerStaff = staff("13800009001");
  }

  List<Map<String, Object>> slots(Browser b) {
    return b.get("/api/v1/clinic/services/" + service + "/slots").list();
  }

  Browser.Reply book(Browser b, Object startsAt, Long patientId, String key) {
    Map<String, Object> body = new HashMap<>();
    body.put("serviceId", service);
    body.put("startsAt", startsAt);
    body.put("reason", "血压偏高，想请医生看看");
    if (patientId != null) {
      body.put("patientId", patientId);
    }
    return b.send("POST", "/api/v1/clinic/bookings", body, Map.of("Idempotency-Key", key));
  }

  @Test
  void aResidentBooksOnceHowEverOftenThePhoneRetriesAndCancelsBeforeTheCutOff() {
    Resident resident = residentOfMinzhulu1("钟阿姨", "1301");
    List<Map<String, Object>> slots = slots(resident.browser());
    assertThat(slots).isNotEmpty();
    LocalDate closed = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3);
    assertThat(slots)
        .noneMatch(
            s ->
                LocalDate.ofInstant(
                        Instant.parse((String) s.get("startsAt")), ZoneId.of("Asia/Shanghai"))
                    .equals(closed));
    Object start = slots.get(slots.size() - 1).get("startsAt");
    String key = UUID.randomUUID().toString();
    Browser.Reply first = book(resident.browser(), start, null, key);
    assertThat(first.status()).as(first.text()).isEqualTo(201);
    Browser.Reply retry = book(resident.browser(), start, null, key);
    assertThat(retry.<Number>at("id")).isEqualTo(first.<Number>at("id"));
    assertThat(
            slots(resident.browser()).stream()
                .filter(s -> s.get("startsAt").equals(start))
                .findFirst()
                .orElseThrow()
                .get("booked"))
        .isEqualTo(1);
    assertThat(outbox.sentTo("+86" + resident.phone(), 10))
        .anySatisfy(m -> assertThat(m.body()).contains("义诊").contains(first.<String>at("code")));
    // The same person cannot hold a second booking at the same time.
    assertThat(book(resident.browser(), start, null, UUID.randomUUID().toString()).status())
        .isEqualTo(409);
    assertThat(
            book(resident.browser(), "2020-01-01T00:00:00Z", null, UUID.randomUUID().toString())
                .status())
        .isEqualTo(400);

    Browser.Reply cancelled =
        resident.browser().post("/api/v1/clinic/bookings/" + first.at("id") + "/cancel", Map.of());
    assertThat(cancelled.<String>at("status")).isEqualTo("CANCELLED");
    assertThat(
            slots(resident.browser()).stream()
                .filter(s -> s.get("startsAt").equals(start))
                .findFirst()
                .orElseThrow()
                .get("booked"))
        .isEqualTo(0);
  }

  @Test
  void theLastPlacesGoToAsManyAsTheSlotHoldsWhenManyBookAtOnce() throws Exception {
    // 20 people rush at each of three slots of 2 places: 2 get one, 18 hear 已约满, nobody a 5xx.
    List<Resident> people = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      people.add(residentOfMinzhulu1("抢号" + i, "14" + (10 + i)));
    }
    List<Browser> browsers = people.stream().map(Resident::browser).toList();
    List<Map<String, Object>> open = slots(browsers.get(0));
    for (int round = 0; round < 3; round++) {
      rushAtTwoPlaces(browsers, open.get(5 + round).get("startsAt"), round);
    }
  }

  /** Everyone books the slot at once: 2 get a place, the rest hear 已约满, nobody a 5xx. */
  private void rushAtTwoPlaces(List<Browser> people, Object start, int round) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(people.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Browser.Reply>> results = new ArrayList<>();
      for (Browser p : people) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return book(p, start, null, UUID.randomUUID().toString());
                }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Browser.Reply> f : results) {
        Browser.Reply reply = f.get();
        assertThat(reply.status()).as(reply.text()).isLessThan(500);
        statuses.add(reply.status());
      }
      assertThat(statuses).as("round " + round).filteredOn(s -> s == 201).hasSize(2);
      assertThat(statuses)
          .as("round " + round)
          .filteredOn(s -> s == 409)
          .hasSize(people.size() - 2);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aRushSpreadOverTwoInstancesFillsEachSlotExactlyAndAnswersNo5xx() throws Exception {
    // Half of the people book through a second instance, with the session of the first.
    try (SecondInstance other = SecondInstance.start(json)) {
      List<Browser> people = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Browser here = residentOfMinzhulu1("两台抢号" + i, "15" + (10 + i)).browser();
        people.add(i % 2 == 1 ? other.as(here) : here);
      }
      List<Map<String, Object>> open = slots(people.get(0));
      for (int round = 0; round < 3; round++) {
        rushAtTwoPlaces(people, open.get(16 + round).get("startsAt"), round);
      }
    }
  }

  @Test
  void aResidentBooksForTheirMotherAndOnlyTheProvidersStaffSeeWhy() {
    Resident daughter = residentOfMinzhulu1("黎女士", "1302");
    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    Map<String, Object> home = daughter.browser().get("/api/v1/me").at("home");
    Browser.Reply mother =
        leader.post(
            "/api/v1/residents",
            Map.of(
                "phone",
                Phones.fresh(),
                "name",
                "黎奶奶",
                "unitId",
                home.get("unitId"),
                "room",
                "1302"));
    assertThat(mother.status()).as(mother.text()).isEqualTo(201);
    long motherId = mother.<Number>at("id").longValue();
    Object start = slots(daughter.browser()).get(8).get("startsAt");
    Browser.Reply booked = book(daughter.browser(), start, motherId, UUID.randomUUID().toString());
    assertThat(booked.status()).as(booked.text()).isEqualTo(201);
    assertThat(booked.<String>at("patientName")).isEqualTo("黎奶奶");
    Resident stranger = residentOfMinzhulu1("外人", "1303");
    assertThat(book(stranger.browser(), start, motherId, UUID.randomUUID().toString()).status())
        .isEqualTo(400);

    String day =
        LocalDate.ofInstant(Instant.parse((String) start), ZoneId.of("Asia/Shanghai")).toString();
    String dayList = "/api/v1/clinic/services/" + service + "/day?date=" + day;
    assertThat(providerStaff.get(dayList).list())
        .anySatisfy(b -> assertThat(b.get("reason")).isEqualTo("血压偏高，想请医生看看"));
    assertThat(leader.get(dayList).status()).isEqualTo(404);
    assertThat(daughter.browser().get(dayList).status()).isEqualTo(404);
    assertThat(staff("13800000010").get(dayList).status()).isEqualTo(404);
    String attendance = "/api/v1/clinic/bookings/" + booked.at("id") + "/attendance";
    // Not before the visit; from its start, and a mistake is taken back within a day.
    Browser.Reply early = providerStaff.post(attendance, Map.of("attended", true));
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.<String>at("code")).isEqualTo("attendance-too-early");
    clock.advance(Duration.between(Instant.now(), Instant.parse((String) start)).plusMinutes(5));
    Browser.Reply attended;
    try {
      // Staff sessions last a day: on the day of the visit the clinician has signed in anew.
      Browser onTheDay = staff("13800009001");
      assertThat(onTheDay.post(attendance, Map.of("attended", false)).<String>at("status"))
          .isEqualTo("NO_SHOW");
      assertThat(onTheDay.send("DELETE", attendance, null).<String>at("status"))
          .isEqualTo("BOOKED");
      attended = onTheDay.post(attendance, Map.of("attended", true));
      clock.advance(Duration.ofHours(23));
      Browser nextDay = staff("13800009001");
      clock.advance(Duration.ofHours(1).plusMinutes(1));
      assertThat(nextDay.send("DELETE", attendance, null).status()).isEqualTo(409);
    } finally {
      clock.reset();
    }
    assertThat(attended.<String>at("status")).isEqualTo("ATTENDED");
    assertThat(
            daughter
                .browser()
                .post(
                    "/api/v1/clinic/bookings/" + booked.at("id") + "/attendance",
                    Map.of("attended", true))
                .status())
        .isEqualTo(404);
  }

  @Test
  void aBookingMovesToAFreeSlotKeepingItsCodeAndFreesTheOldPlaceForWhoeverWaits() {
    Resident mover = residentOfMinzhulu1("改期", "1701");
    Resident other = residentOfMinzhulu1("占位", "1702");
    Resident waiting = residentOfMinzhulu1("候补", "1703");
    List<Map<String, Object>> slots =
        mover.browser().get("/api/v1/clinic/services/" + single + "/slots").list();
    Object a = slots.get(slots.size() - 1).get("startsAt");
    Object b = slots.get(slots.size() - 2).get("startsAt");
    Object c = slots.get(slots.size() - 3).get("startsAt");
    Browser.Reply booked =
        mover
            .browser()
            .send(
                "POST",
                "/api/v1/clinic/bookings",
                Map.of("serviceId", single, "startsAt", a),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    other
        .browser()
        .send(
            "POST",
            "/api/v1/clinic/bookings",
            Map.of("serviceId", single, "startsAt", b),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    waiting.browser().post("/api/v1/clinic/waitlist", Map.of("serviceId", single, "startsAt", a));
    String path = "/api/v1/clinic/bookings/" + booked.at("id") + "/reschedule";

    assertThat(mover.browser().post(path, Map.of("startsAt", b)).status()).isEqualTo(409);
    assertThat(other.browser().post(path, Map.of("startsAt", c)).status()).isEqualTo(404);
    Browser.Reply moved = mover.browser().post(path, Map.of("startsAt", c));
    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    assertThat(moved.<String>at("startsAt")).isEqualTo(c);
    assertThat(moved.<String>at("code")).isEqualTo(booked.<String>at("code"));
    assertThat(outbox.sentTo("+86" + mover.phone(), 10))
        .anySatisfy(m -> assertThat(m.body()).contains("已改到").contains(booked.<String>at("code")));
    // The old place went to the one waiting for it.
    assertThat(waiting.browser().get("/api/v1/me/clinic-waitlist").list())
        .singleElement()
        .satisfies(w -> assertThat(w.get("status")).isEqualTo("OFFERED"));
  }

  @Test
  void someoneWaitingForAWholeFullDayIsOfferedTheFirstPlaceFreedThatDay() {
    long community = grids.searchCommunities("民主路社区", 1).get(0).id();
    Map<Integer, List<LocalTime[]>> hours = new HashMap<>();
    for (int day = 1; day <= 7; day++) {
      hours.put(
          day, List.<LocalTime[]>of(new LocalTime[] {LocalTime.of(9, 0), LocalTime.of(10, 0)}));
    }
    long daily =
        tx.run(
            () ->
                clinic.addService(
                    clinic.addProvider(community, "HEALTH_STATION", "测试二站", null, null),
                    "CLINIC_VISIT",
                    "每天一号",
                    60,
                    1,
                    0,
                    7,
                    1,
                    hours));
    Resident holder = residentOfMinzhulu1("占号", "1711");
    Resident dayWaiter = residentOfMinzhulu1("等一天", "1712");
    List<Map<String, Object>> slots =
        holder.browser().get("/api/v1/clinic/services/" + daily + "/slots").list();
    Object last = slots.get(slots.size() - 1).get("startsAt");
    String day =
        LocalDate.ofInstant(Instant.parse((String) last), ZoneId.of("Asia/Shanghai")).toString();
    Map<String, Object> dayWait = Map.of("serviceId", daily, "day", day);
    // While the day has a free place, book it instead.
    assertThat(dayWaiter.browser().post("/api/v1/clinic/waitlist/day", dayWait).status())
        .isEqualTo(409);
    Browser.Reply held =
        holder
            .browser()
            .send(
                "POST",
                "/api/v1/clinic/bookings",
                Map.of("serviceId", daily, "startsAt", last),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(held.status()).isEqualTo(201);
    Browser.Reply waiting = dayWaiter.browser().post("/api/v1/clinic/waitlist/day", dayWait);
    assertThat(waiting.status()).as(waiting.text()).isEqualTo(201);
    assertThat(waiting.<Boolean>at("wholeDay")).isTrue();

    holder.browser().post("/api/v1/clinic/bookings/" + held.at("id") + "/cancel", Map.of());
    Map<String, Object> offer = dayWaiter.browser().get("/api/v1/me/clinic-waitlist").list().get(0);
    assertThat(offer.get("status")).isEqualTo("OFFERED");
    assertThat(offer.get("offeredSlot")).isEqualTo(last);
    Browser.Reply taken =
        dayWaiter
            .browser()
            .post("/api/v1/clinic/waitlist/" + offer.get("id") + "/accept", Map.of());
    assertThat(taken.status()).as(taken.text()).isEqualTo(200);
    assertThat(taken.<String>at("startsAt")).isEqualTo(last);
  }

  @Test
  void aCancellationOffersThePlaceToTheLongestWaitingAndAnUntakenOfferPassesOn() {
    Resident first = residentOfMinzhulu1("甲", "1501");
    Resident second = residentOfMinzhulu1("乙", "1502");
    Resident third = residentOfMinzhulu1("丙", "1503");
    Object start =
        first
            .browser()
            .get("/api/v1/clinic/services/" + single + "/slots")
            .list()
            .get(4)
            .get("startsAt");
    Map<String, Object> body = Map.of("serviceId", single, "startsAt", start);
    Browser.Reply booked =
        first
            .browser()
            .send(
                "POST",
                "/api/v1/clinic/bookings",
                body,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(booked.status()).isEqualTo(201);
    assertThat(
            second
                .browser()
                .send("POST", "/api/v1/clinic/bookings", body, Map.of("Idempotency-Key", "k2"))
                .status())
        .isEqualTo(409);
    Browser.Reply waiting = second.browser().post("/api/v1/clinic/waitlist", body);
    assertThat(waiting.<String>at("status")).isEqualTo("WAITING");
    third.browser().post("/api/v1/clinic/waitlist", body);

    first.browser().post("/api/v1/clinic/bookings/" + booked.at("id") + "/cancel", Map.of());
    List<Map<String, Object>> offered = second.browser().get("/api/v1/me/clinic-waitlist").list();
    assertThat(offered)
        .singleElement()
        .satisfies(w -> assertThat(w.get("status")).isEqualTo("OFFERED"));
    assertThat(outbox.sentTo("+86" + second.phone(), 10))
        .anySatisfy(m -> assertThat(m.body()).contains("专家号").contains("保留"));
    // The place is held: nobody else can book it meanwhile.
    Resident fourth = residentOfMinzhulu1("丁", "1504");
    assertThat(
            fourth
                .browser()
                .send("POST", "/api/v1/clinic/bookings", body, Map.of("Idempotency-Key", "k4"))
                .status())
        .isEqualTo(409);
    Browser.Reply accepted =
        second
            .browser()
            .post("/api/v1/clinic/waitlist/" + offered.get(0).get("id") + "/accept", Map.of());
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
    assertThat(accepted.<String>at("status")).isEqualTo("BOOKED");

    // Second cancels too; the offer goes to third, who lets it lapse: the place is free again.
    second.browser().post("/api/v1/clinic/bookings/" + accepted.at("id") + "/cancel", Map.of());
    assertThat(third.browser().get("/api/v1/me/clinic-waitlist").list())
        .singleElement()
        .satisfies(w -> assertThat(w.get("status")).isEqualTo("OFFERED"));
    waitlist.expireOffers(Instant.now().plus(Duration.ofHours(1)));
    assertThat(third.browser().get("/api/v1/me/clinic-waitlist").list()).isEmpty();
    assertThat(
            fourth
                .browser()
                .send("POST", "/api/v1/clinic/bookings", body, Map.of("Idempotency-Key", "k5"))
                .status())
        .isEqualTo(201);
  }

  @Test
  void theBookerIsRemindedADayAndTwoHoursBeforeOnceEachAndCanAddItToTheirCalendar() {
    Resident resident = residentOfMinzhulu1("孙阿姨", "1601");
    Object start = slots(resident.browser()).get(12).get("startsAt");
    Browser.Reply booked = book(resident.browser(), start, null, UUID.randomUUID().toString());
    assertThat(booked.status()).isEqualTo(201);
    Instant at = Instant.parse((String) start);
    reminders.remind(at.minus(Duration.ofHours(20)));
    reminders.remind(at.minus(Duration.ofMinutes(90)));
    reminders.remind(at.minus(Duration.ofMinutes(60)));
    assertThat(outbox.sentTo("+86" + resident.phone(), 20))
        .filteredOn(m -> m.purpose().equals("clinic-reminder"))
        .hasSize(2);
    Browser.Reply ics =
        resident.browser().get("/api/v1/clinic/bookings/" + booked.at("id") + "/calendar.ics");
    assertThat(ics.header("Content-Type")).startsWith("text/calendar");
    assertThat(ics.text()).contains("BEGIN:VEVENT").contains(booked.<String>at("code"));
    assertThat(
            residentOfMinzhulu1("别人", "1602")
                .browser()
                .get("/api/v1/clinic/bookings/" + booked.at("id") + "/calendar.ics")
                .status())
        .isEqualTo(404);
  }
}
