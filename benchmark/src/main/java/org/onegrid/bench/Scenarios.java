package org.onegrid.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the virtual users do: each scenario is one thing a person does, as the app's pages do it.
 */
final class Scenarios {

  /** One iteration of a scenario by one virtual user. */
  interface Action {
    void run(VirtualUser u, long iteration) throws Exception;
  }

  /**
   * A scenario: its name in the results, what it is, how many HTTP requests one iteration makes
   * (throughput is compared with the baseline request for request).
   */
  record Scenario(String name, String title, int requests, Action action) {}

  /** A virtual user: a resident and, for staff scenarios, the staff around them. */
  static final class VirtualUser {
    final int index;
    final Population.Resident resident;
    final Http http;
    final Http.Session me;
    final Http.Session leader;
    final Http.Session communityAdmin;
    final Http.Session cityAdmin;
    final long rootId;
    final List<Long> recentProblems;
    final Population population;
    List<Instant> slots;

    VirtualUser(int index, Population population, Http http) {
      this.index = index;
      this.resident = population.resident(index);
      this.http = http;
      this.me = http.session(resident.id(), "RESIDENT");
      this.leader = http.session(resident.leaderId(), "GRID_LEADER");
      this.communityAdmin = http.session(resident.communityAdminId(), "COMMUNITY_ADMIN");
      this.cityAdmin = http.session(population.cityAdminId, "CITY_ADMIN");
      this.rootId = population.rootId;
      this.recentProblems = population.recentProblems;
      this.population = population;
    }

    <T> T pick(List<T> from, long iteration) {
      return from.get((int) ((index * 7L + iteration) % from.size()));
    }

    /**
     * One of a long list, each user starting far from the others (7,919 is prime) and walking on:
     * the users of a run meet the same element only after thousands of iterations.
     */
    <T> T spread(List<T> from, long iteration) {
      return from.get((int) ((index * 7_919L + iteration) % from.size()));
    }
  }

  /**
   * What the inbox page asks for: always one tab (a state, or overdue), with or without a category,
   * a source or the deadline order.
   */
  private static final String[] INBOX_FILTERS = {
    "state=SUBMITTED",
    "state=IN_PROGRESS",
    "overdue=true",
    "state=SUBMITTED&category=water_supply",
    "state=SUBMITTED&sort=deadline",
    "state=SUBMITTED&source=HOTLINE"
  };

  private static final String[] CATEGORIES = {
    "water_supply", "sanitation", "construction_waste", "facility_repair", "other"
  };
  private static final Pattern STARTS_AT = Pattern.compile("\"startsAt\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

  static final String BASELINE = "baseline";

  /** The largest answer of the city root's map seen in a run, in bytes (its goal: under 1 MB). */
  static final AtomicLong MAP_CITY_BYTES = new AtomicLong();

  static List<Scenario> all() {
    List<Scenario> all = new ArrayList<>();
    all.add(
        new Scenario(
            BASELINE,
            "one primary-key read through the whole stack (GET /api/v1/baseline)",
            1,
            (u, i) -> u.http.get(u.me, "/api/v1/baseline")));
    all.add(
        new Scenario(
            "resident_home",
            "resident home page: me + its page (warnings, notices, unread messages in one answer)",
            2,
            (u, i) -> {
              u.http.get(u.me, "/api/v1/me");
              u.http.get(u.me, "/api/v1/me/home-page");
            }));
    all.add(
        new Scenario(
            "my_problems",
            "resident's own problems, newest first",
            1,
            (u, i) -> u.http.get(u.me, "/api/v1/me/problems")));
    all.add(
        new Scenario(
            "problem_detail",
            "a problem of mine with its thread",
            2,
            (u, i) -> {
              long id = u.pick(u.resident.problems(), i);
              u.http.get(u.me, "/api/v1/problems/" + id);
              u.http.get(u.me, "/api/v1/problems/" + id + "/messages");
            }));
    all.add(
        new Scenario(
            "leader_inbox",
            "grid leader's inbox as its page asks, in turn: new, in progress, overdue, new by category,"
                + " new by deadline, new from the hotline",
            1,
            (u, i) -> {
              String filter = INBOX_FILTERS[(int) ((u.index + i) % INBOX_FILTERS.length)];
              u.http.get(
                  u.leader, "/api/v1/staff/problems" + (filter.isEmpty() ? "" : "?" + filter));
            }));
    all.add(
        new Scenario(
            "clinic_slots",
            "a clinic service's bookable slots for the next two weeks",
            1,
            (u, i) ->
                u.http.get(
                    u.me, "/api/v1/clinic/services/" + u.resident.clinicServiceId() + "/slots")));
    all.add(
        new Scenario(
            "dashboard_grid",
            "dashboard of a grid, 30 days, by its leader: any of the city's grids at random",
            1,
            (u, i) -> dashboardOf(u, u.population.gridLeaders, "GRID_LEADER")));
    all.add(
        new Scenario(
            "dashboard_community",
            "dashboard of a community, 30 days, by its admin: any of the city's communities at random",
            1,
            (u, i) -> dashboardOf(u, u.population.communityAdmins, "COMMUNITY_ADMIN")));
    all.add(
        new Scenario(
            "dashboard_city",
            "dashboard of the city root, 30 days, by the city admin (everyone opens the same one)",
            1,
            (u, i) ->
                u.http.get(
                    u.cityAdmin, "/api/v1/staff/dashboard?nodeId=" + u.rootId + "&days=30")));
    all.add(
        new Scenario(
            "map_city",
            "一张图 of the city root by the city admin: districts' joined outlines and figures",
            1,
            (u, i) -> {
              String body = u.http.get(u.cityAdmin, "/api/v1/map/nodes/" + u.rootId + "?days=30");
              MAP_CITY_BYTES.accumulateAndGet(
                  body.getBytes(StandardCharsets.UTF_8).length, Math::max);
            }));
    all.add(
        new Scenario(
            "map_grid",
            "map of a grid by its leader: outline, buildings and open problems as points",
            1,
            (u, i) -> {
              Population.Staffed n = random(u.population.gridLeaders);
              u.http.get(
                  u.http.session(n.staffId(), "GRID_LEADER"),
                  "/api/v1/map/nodes/" + n.nodeId() + "?days=30");
            }));
    all.add(
        new Scenario(
            "open311_get",
            "Open311 GET in turn: requests of the last 5 minutes (a client polling), one request, five by id",
            1,
            Scenarios::open311));
    // Writes last: the reads above see the city as generated, not the rows written here.
    all.add(
        new Scenario(
            "report_problem",
            "report a problem (problem, event, leader's notification and SMS outbox rows), each by"
                + " another resident of the city",
            1,
            (u, i) ->
                u.http.post(
                    u.http.session(u.spread(u.population.reporters, i), "RESIDENT"),
                    "/api/v1/problems",
                    "{\"categoryCode\":\""
                        + CATEGORIES[(int) ((u.index + i) % CATEGORIES.length)]
                        + "\",\"description\":\"压测：楼道灯不亮，晚上看不清台阶 #"
                        + i
                        + "\",\"hideReporter\":false,\"photoIds\":[]}",
                    UUID.randomUUID().toString())));
    all.add(
        new Scenario(
            "staff_reply",
            "a grid leader replies in an open problem's thread, each time in another grid",
            1,
            (u, i) -> {
              Population.OpenProblem p = u.spread(u.population.openProblems, i);
              u.http.post(
                  u.http.session(p.leaderId(), "GRID_LEADER"),
                  "/api/v1/problems/" + p.problemId() + "/messages",
                  "{\"body\":\"已收到，今天下午安排人去看。\",\"clientKey\":\""
                      + UUID.randomUUID()
                      + "\",\"internal\":false}",
                  null);
            }));
    all.add(
        new Scenario(
            "clinic_booking",
            "book a clinic slot, then cancel it (the place goes back)",
            2,
            Scenarios::bookAndCancel));
    return all;
  }

  /** The 30-day dashboard of a node drawn at random, opened by its staff member. */
  private static void dashboardOf(VirtualUser u, List<Population.Staffed> nodes, String role)
      throws Exception {
    Population.Staffed n = random(nodes);
    u.http.get(
        u.http.session(n.staffId(), role),
        "/api/v1/staff/dashboard?nodeId=" + n.nodeId() + "&days=30");
  }

  private static <T> T random(List<T> from) {
    return from.get(ThreadLocalRandom.current().nextInt(from.size()));
  }

  private static void bookAndCancel(VirtualUser u, long i) throws Exception {
    if (u.slots == null) {
      String body =
          u.http.get(u.me, "/api/v1/clinic/services/" + u.resident.clinicServiceId() + "/slots");
      List<Instant> slots = new ArrayList<>();
      Matcher m = STARTS_AT.matcher(body);
      Instant safe = Instant.now().plus(3, ChronoUnit.HOURS);
      while (m.find()) {
        Instant at = Instant.parse(m.group(1));
        if (at.isAfter(safe)) {
          slots.add(at);
        }
      }
      if (slots.isEmpty()) {
        throw new IllegalStateException("No clinic slots to book");
      }
      u.slots = slots;
    }
    Instant at = u.pick(u.slots, i);
    String booked =
        u.http.post(
            u.me,
            "/api/v1/clinic/bookings",
            "{\"serviceId\":" + u.resident.clinicServiceId() + ",\"startsAt\":\"" + at + "\"}",
            UUID.randomUUID().toString());
    Matcher id = ID.matcher(booked);
    if (!id.find()) {
      throw new IllegalStateException("A booking without an id: " + booked);
    }
    u.http.post(u.me, "/api/v1/clinic/bookings/" + id.group(1) + "/cancel", "{}", null);
  }

  private static void open311(VirtualUser u, long i) throws Exception {
    switch ((int) ((u.index + i) % 3)) {
      case 0 -> {
        String since =
            Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        u.http.get(
            null,
            "/open311/v2/requests.json?start_date="
                + URLEncoder.encode(since, StandardCharsets.UTF_8));
      }
      case 1 -> u.http.get(null, "/open311/v2/requests/" + u.pick(u.recentProblems, i) + ".json");
      default -> {
        StringBuilder ids = new StringBuilder();
        for (int k = 0; k < 5; k++) {
          ids.append(k == 0 ? "" : ",").append(u.pick(u.recentProblems, i + k * 13L));
        }
        u.http.get(null, "/open311/v2/requests.json?service_request_id=" + ids);
      }
    }
  }
}
