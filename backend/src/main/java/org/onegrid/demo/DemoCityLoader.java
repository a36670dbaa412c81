package org.onegrid.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.association.ActivityService;
import org.onegrid.association.Association;
import org.onegrid.association.AssociationService;
import org.onegrid.care.CareService;
import org.onegrid.clinic.ClinicCatalog;
import org.onegrid.grid.GeoPolygon;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.hotline.RosterService;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.platform.SecretStore;
import org.onegrid.platform.Tx;
import org.onegrid.problem.ProblemService;
import org.onegrid.problem.Transfers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A demo city modelled on Zhengzhou's districts and communities, loaded into an empty database on
 * first start. On by default with the embedded database, off with a configured server; {@code
 * onegrid.demo.enabled} decides either way. All people in it are fictional.
 */
@Singleton
@Requires(condition = DemoEnabled.class)
final class DemoCityLoader implements ApplicationEventListener<ServerStartupEvent> {

  static final String STAFF_PASSWORD = "onegrid-demo";
  private static final Logger LOG = LoggerFactory.getLogger(DemoCityLoader.class);

  private static final List<String> LEADER_NAMES =
      List.of("李秀英", "王淑珍", "刘建华", "陈志强", "杨丽娟", "赵德明", "黄晓燕", "周国庆", "吴美玲", "徐永红", "孙海涛", "马春梅");
  private static final List<String> RESIDENT_NAMES =
      List.of("张桂兰", "朱文斌", "胡玉珍", "郭振华", "何桂芝", "高建平", "林小红", "罗志明", "梁秀梅", "宋德胜", "郑丽华", "谢国强");

  private final GridService grids;
  private final AccountService accounts;
  private final SecretStore secrets;
  private final ProblemService problems;
  private final Transfers transfers;
  private final AssociationService clubs;
  private final ActivityService activities;
  private final ClinicCatalog clinic;
  private final CareService care;
  private final RosterService roster;
  private final Tx tx;
  private final Clock clock;

  /** The city's zone ({@code onegrid.time-zone}): the demo's days and hours are local ones. */
  private final ZoneId zone;

  DemoCityLoader(
      GridService grids,
      AccountService accounts,
      SecretStore secrets,
      ProblemService problems,
      Transfers transfers,
      AssociationService clubs,
      ActivityService activities,
      ClinicCatalog clinic,
      CareService care,
      RosterService roster,
      Tx tx,
      Clock clock,
      OneGridConfig config) {
    this.grids = grids;
    this.accounts = accounts;
    this.secrets = secrets;
    this.problems = problems;
    this.transfers = transfers;
    this.clubs = clubs;
    this.activities = activities;
    this.clinic = clinic;
    this.care = care;
    this.roster = roster;
    this.tx = tx;
    this.clock = clock;
    this.zone = config.getTimeZone();
  }

  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    load();
  }

  void load() {
    tx.run(
        () -> {
          secrets.lockUntilCommit("demo-city-lock");
          if (!grids.isEmpty()) {
            return;
          }
          LOG.info(
              "Empty database: loading the demo city (郑州市). Turn this off with ONEGRID_DEMO_ENABLED=false.");
          String password = accounts.hashPassword(STAFF_PASSWORD);
          // Duty phones of the departments problems can be handed to (texts show in the demo
          // inbox).
          String[] departments = {
            "water", "power", "urban_management", "housing", "market_regulation", "police"
          };
          for (int i = 0; i < departments.length; i++) {
            transfers.setDepartmentPhone(departments[i], String.format("+86371671000%02d", i + 1));
          }
          GridNode city = grids.create(null, GridLevel.CITY, "4101", "郑州市", "+863712345678", null);
          accounts.createStaff("+8613800000001", "王建国", Role.CITY_ADMIN, city.id(), null, password);

          GridNode erqi = district(city, "410103", "二七区");
          GridNode jinshui = district(city, "410105", "金水区");
          GridNode huiji = district(city, "410108", "惠济区");
          accounts.createStaff(
              "+8613800000002", "张卫东", Role.DISTRICT_ADMIN, erqi.id(), null, password);

          GridNode jianzhong = street(erqi, "410103001", "建中街街道");
          GridNode jingba = street(jinshui, "410105002", "经八路街道");
          GridNode xincheng = street(huiji, "410108003", "新城街道");
          accounts.createStaff(
              "+8613800000003", "刘振国", Role.STREET_ADMIN, jianzhong.id(), null, password);

          int[] leader = {0};
          int[] resident = {0};
          community(
              jianzhong,
              "410103001001",
              "民主路社区",
              "+8637168010001",
              34.7472,
              113.6401,
              leader,
              resident,
              password,
              "+8613800000010");
          community(
              jianzhong,
              "410103001002",
              "工人新村社区",
              "+8637168010002",
              34.7431,
              113.6335,
              leader,
              resident,
              password,
              "+8613800000011");
          community(
              jingba,
              "410105002001",
              "黄河路社区",
              "+8637168010003",
              34.7803,
              113.6731,
              leader,
              resident,
              password,
              "+8613800000012");
          community(
              xincheng,
              "410108003001",
              "英才社区",
              "+8637168010004",
              34.8562,
              113.6217,
              leader,
              resident,
              password,
              "+8613800000013");
          associations();
          clinics();
          dutyRoster();
        });
  }

  /**
   * The health station of 民主路社区: a free clinic on Saturday mornings (30-minute slots, 2 places
   * each) and the general practice on weekdays (15-minute slots, 2 places each).
   */
  private void clinics() {
    GridNode minzhulu = grids.searchCommunities("民主路社区", 1).get(0);
    long station =
        clinic.addProvider(
            minzhulu.id(), "HEALTH_STATION", "民主路社区卫生服务站", "民主路社区中心一楼", "+8637168011001");
    LocalTime[] saturday = {LocalTime.of(8, 30), LocalTime.of(11, 30)};
    clinic.addService(
        station,
        "FREE_CLINIC",
        "周六义诊（量血压、测血糖、健康咨询）",
        30,
        2,
        2,
        21,
        2,
        Map.of(6, List.<LocalTime[]>of(saturday)));
    Map<Integer, List<LocalTime[]>> weekdays = new HashMap<>();
    for (int d = 1; d <= 5; d++) {
      weekdays.put(
          d,
          List.of(
              new LocalTime[] {LocalTime.of(8, 0), LocalTime.of(11, 30)},
              new LocalTime[] {LocalTime.of(14, 0), LocalTime.of(17, 0)}));
    }
    clinic.addService(station, "CLINIC_VISIT", "全科门诊", 15, 2, 2, 14, 2, weekdays);

    // 赵明 is the station's doctor and the area doctor (片医) of grids 1 and 2; 陈静 runs the
    // partner hospital's green channel. Both sign in with the staff password.
    String password = accounts.hashPassword(STAFF_PASSWORD);
    long zhao =
        accounts.createStaff(
            "+8613800003001", "赵明医生", Role.CLINICIAN, minzhulu.id(), null, password);
    long chen =
        accounts.createStaff(
            "+8613800003002", "陈静（郑大一附院）", Role.CLINICIAN, minzhulu.id(), null, password);
    clinic.addStaff(station, zhao);
    long areaDoctor =
        clinic.addProvider(minzhulu.id(), "AREA_DOCTOR", "片医 赵明（第1、2网格）", null, "+8637168011002");
    clinic.addStaff(areaDoctor, zhao);
    Account first = accounts.findByPhone("+8613900000001").orElseThrow();
    Account second = accounts.findByPhone("+8613900000002").orElseThrow();
    for (Account resident : List.of(first, second)) {
      clinic.serveGrid(areaDoctor, grids.household(resident.householdId()).orElseThrow().gridId());
    }
    clinic.addService(areaDoctor, "HOME_VISIT", "上门服务（行动不便的老人、慢病随访）", 60, 1, 0, 30, 0, Map.of());
    long hospital =
        clinic.addProvider(
            minzhulu.id(), "HOSPITAL", "郑州大学第一附属医院", "建设东路1号 门诊楼一楼绿色通道窗口", "+863716796000");
    clinic.addStaff(hospital, chen);
    clinic.addService(hospital, "GREEN_CHANNEL", "绿色通道（社区转诊）", 30, 1, 0, 30, 0, Map.of());
    // 张桂兰 lives alone: her grid leader 李秀英 keeps her on the care list.
    Account leader = accounts.findByPhone("+8613800001001").orElseThrow();
    care.add(leader, first.id(), "ELDERLY_ALONE", "独居，子女在外地");
  }

  /**
   * The duty roster of 民主路社区's hotline: its two first grid leaders take 12-hour turns from 8:00 and
   * 20:00 (李秀英 days, 王淑珍 nights), with the community admin as fallback.
   */
  private void dutyRoster() {
    GridNode minzhulu = grids.searchCommunities("民主路社区", 1).get(0);
    Account admin = accounts.findByPhone("+8613800000010").orElseThrow();
    Instant firstStart =
        LocalDate.now(clock.withZone(zone)).minusDays(1).atTime(8, 0).atZone(zone).toInstant();
    roster.saveRotation(
        admin,
        minzhulu.id(),
        firstStart,
        12,
        List.of(
            accounts.findByPhone("+8613800001001").orElseThrow().id(),
            accounts.findByPhone("+8613800001002").orElseThrow().id()));
    roster.saveFallbacks(admin, minzhulu.id(), List.of(admin.id()));
  }

  /**
   * Two associations of 民主路社区: tai chi (open, organised by the resident 朱文斌, practising every
   * Tuesday morning) and calligraphy (by approval, organised by the community admin).
   */
  private void associations() {
    GridNode minzhulu = grids.searchCommunities("民主路社区", 1).get(0);
    Account admin = accounts.findByPhone("+8613800000010").orElseThrow();
    Account zhu = accounts.findByPhone("+8613900000002").orElseThrow();
    var taichi =
        clubs.create(
            admin,
            new AssociationService.NewAssociation(
                minzhulu.id(),
                true,
                "晨练太极拳队",
                Association.Kind.CLUB,
                "每周二、四早上在小区广场练二十四式太极拳，零基础欢迎，有老师带。",
                zhu.id(),
                "每周二、四 7:00–8:00",
                "民主路社区中心广场",
                40,
                Association.JoinPolicy.OPEN));
    clubs.create(
        admin,
        new AssociationService.NewAssociation(
            minzhulu.id(),
            false,
            "墨香书法社",
            Association.Kind.CLUB,
            "练习楷书、行书，每月办一次作品展。自带笔墨，纸张由社区提供。",
            admin.id(),
            "每周六 9:30–11:00",
            "社区活动室二楼",
            20,
            Association.JoinPolicy.APPROVAL));
    ZonedDateTime tuesday =
        ZonedDateTime.now(clock.withZone(zone))
            .with(TemporalAdjusters.next(DayOfWeek.TUESDAY))
            .withHour(7)
            .withMinute(0)
            .withSecond(0)
            .withNano(0);
    activities.publish(
        zhu,
        taichi.id(),
        new ActivityService.NewActivity(
            "太极拳晨练",
            "二十四式太极拳，穿宽松衣服和平底鞋。",
            "民主路社区中心广场",
            tuesday.toInstant(),
            tuesday.plusHours(1).toInstant(),
            null,
            30,
            4));
  }

  private GridNode district(GridNode city, String code, String name) {
    return grids.create(city, GridLevel.DISTRICT, code, name, null, null);
  }

  private GridNode street(GridNode district, String code, String name) {
    return grids.create(district, GridLevel.STREET, code, name, null, null);
  }

  /**
   * A community of one zone and three grids, five buildings of three units each, a leader per grid.
   */
  private void community(
      GridNode street,
      String code,
      String name,
      String hotline,
      double lat,
      double lng,
      int[] leader,
      int[] resident,
      String password,
      String adminPhone) {
    GridNode community = grids.create(street, GridLevel.COMMUNITY, code, name, hotline, null);
    accounts.createStaff(
        adminPhone,
        name.substring(0, 2) + "社区书记",
        Role.COMMUNITY_ADMIN,
        community.id(),
        null,
        password);
    GridNode zone = grids.create(community, GridLevel.ZONE, code + "01", "第一片区", null, null);
    for (int g = 1; g <= 3; g++) {
      double south = lat + (g - 1) * 0.002;
      GeoPolygon boundary = GeoPolygon.rectangle(south, lng, south + 0.002, lng + 0.003);
      GridNode grid =
          grids.create(zone, GridLevel.GRID, code + "01" + g, "第" + g + "网格", null, boundary);
      long firstUnit = 0;
      for (int b = 1; b <= 5; b++) {
        int buildingNumber = (g - 1) * 5 + b;
        long building =
            grids.addBuilding(
                grid.id(), buildingNumber + "号楼", buildingNumber, south + 0.001, lng + 0.0005 * b);
        for (int u = 1; u <= 3; u++) {
          long unit = grids.addUnit(building, u + "单元", u);
          if (firstUnit == 0) {
            firstUnit = unit;
          }
        }
      }
      int n = leader[0]++;
      String leaderPhone = String.format("+86138%08d", 1001 + n);
      String workPhone = String.format("+86371%08d", 68020001 + n);
      long leaderId =
          accounts.createStaff(
              leaderPhone,
              LEADER_NAMES.get(n % LEADER_NAMES.size()),
              Role.GRID_LEADER,
              grid.id(),
              workPhone,
              password);
      grids.assignLeader(grid.id(), leaderId, null);
      if (g == 1) {
        accounts.createStaff(
            String.format("+86138%08d", 2001 + n),
            "网格员" + (n + 1),
            Role.GRID_WORKER,
            grid.id(),
            null,
            password);
      }
      int r = resident[0]++;
      accounts.createResident(
          String.format("+86139%08d", 1 + r),
          RESIDENT_NAMES.get(r % RESIDENT_NAMES.size()),
          firstUnit,
          "101");
    }
  }
}
