package org.onegrid.support;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.onegrid.notify.SmsOutbox;

/**
 * A community of a test's own, loaded through the import as a city's admin would load one (a
 * district, street, community, zone and one grid with a building of one unit, the grid's leader,
 * the community's admin and the street's), so that what the test counts is only what it did:
 * nothing another test did in the shared demo city can change its figures. Its name is unique in
 * the run, so a resident finds it by name.
 *
 * @param name the community's name, as residents search for it
 * @param communityId the community's node
 * @param gridId its one grid's node
 * @param admin its community admin, signed in
 * @param leader its grid's leader, signed in
 * @param street the admin of the street above it (a street of its own too), signed in
 */
public record OwnCommunity(
    String name, long communityId, long gridId, Browser admin, Browser leader, Browser street) {

  private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 100_000));

  /** Loads a new community through {@code city}'s import and signs its staff in. */
  public static OwnCommunity create(Browser city, Supplier<Browser> fresh, SmsOutbox outbox) {
    String n = String.valueOf(NEXT.getAndIncrement());
    String code = "OC" + n;
    String name = "自建社区" + n;
    CityFiles.apply(
        city,
        "GRIDS",
        code + ".csv",
        String.join(
            "\n",
            "code,name,level,parent_code",
            code + ",自建区" + n + ",district,4101",
            code + "S,自建街道" + n + ",street," + code,
            code + "C," + name + ",community," + code + "S",
            code + "Z,自建片区" + n + ",zone," + code + "C",
            code + "G,自建网格" + n + ",grid," + code + "Z",
            ""));
    CityFiles.apply(
        city, "BUILDINGS", code + ".csv", "grid_code,building,units\n" + code + "G,1号楼,1\n");
    String leaderPhone = Phones.fresh();
    String adminPhone = Phones.fresh();
    String streetPhone = Phones.fresh();
    CityFiles.apply(
        city,
        "STAFF",
        code + ".csv",
        "name,phone,role,node_code,leader_of\n"
            + ("自建网格长" + n + "," + leaderPhone + ",网格长,," + code + "G\n")
            + ("自建社区书记" + n + "," + adminPhone + ",社区管理员," + code + "C,\n")
            + ("自建街道主任" + n + "," + streetPhone + ",街道管理员," + code + "S,\n"));
    Browser admin = CityFiles.signedInStaff(fresh.get(), outbox, adminPhone);
    Browser leader = CityFiles.signedInStaff(fresh.get(), outbox, leaderPhone);
    Browser street = CityFiles.signedInStaff(fresh.get(), outbox, streetPhone);
    return new OwnCommunity(name, nodeOf(admin), nodeOf(leader), admin, leader, street);
  }

  private static long nodeOf(Browser staff) {
    return staff.get("/api/v1/me").<Number>at("staffNode.id").longValue();
  }
}
