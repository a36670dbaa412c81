package org.onegrid.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.onegrid.grid.NodeRef;

/** Who I am, where I live, and who my grid leader is. */
@Serdeable
public record MeView(
    long id,
    @Nullable String name,
    Role role,
    String phone,
    @Nullable String locale,
    boolean needsHome,
    @Nullable Home home,
    List<NodeRef> gridPath,
    @Nullable LeaderCard gridLeader,
    @Nullable NodeRef staffNode,
    List<NodeRef> staffPath) {

  /** The resident's household; {@code pending} while its members have not yet accepted them. */
  @Serdeable
  public record Home(
      long householdId,
      long buildingId,
      String buildingName,
      long unitId,
      String unitName,
      String room,
      long gridId,
      boolean pending) {}

  /**
   * The grid leader as a resident sees them: name, masked personal phone, and a number to call that
   * is the leader's work line or the community's duty line, never their personal phone.
   */
  @Serdeable
  public record LeaderCard(
      @Nullable Long id,
      @Nullable String name,
      @Nullable String phoneMasked,
      @Nullable String callNumber,
      boolean assigned) {}
}
