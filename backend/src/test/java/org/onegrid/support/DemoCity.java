package org.onegrid.support;

/** Named people of the demo city, which every test run loads into its fresh database. */
public final class DemoCity {

  private DemoCity() {}

  public static final String STAFF_PASSWORD = "onegrid-demo";
  public static final String CITY_ADMIN = "13800000001";
  public static final String DISTRICT_ADMIN_ERQI = "13800000002";
  public static final String STREET_ADMIN_JIANZHONG = "13800000003";

  /** Community admin of 民主路社区. */
  public static final String COMMUNITY_ADMIN_MINZHULU = "13800000010";

  /** Community admin of 黄河路社区 (another district). */
  public static final String COMMUNITY_ADMIN_HUANGHELU = "13800000012";

  /** 李秀英, grid leader of 民主路社区 第1网格. */
  public static final String LEADER_MINZHULU_1 = "13800001001";

  public static final String LEADER_MINZHULU_1_NAME = "李秀英";

  /** 王淑珍, grid leader of 民主路社区 第2网格. */
  public static final String LEADER_MINZHULU_2 = "13800001002";

  /** Grid leader of 工人新村社区 第2网格; used only by the password-limit test. */
  public static final String LEADER_GONGREN_2 = "13800001005";

  /** Grid worker of 民主路社区 第1网格. */
  public static final String WORKER_MINZHULU_1 = "13800002001";

  /** 张桂兰, resident of 民主路社区 第1网格, 1号楼 1单元 101. */
  public static final String RESIDENT_ZHANG = "13900000001";

  public static final String MINZHULU = "民主路社区";
}
