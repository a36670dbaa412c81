package org.onegrid.account;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import org.onegrid.notify.Recipient;
import org.onegrid.platform.Phones;

/** A person who signs in: a resident, or staff placed at a node of the grid tree. */
public record Account(
    long id,
    String phone,
    @Nullable String name,
    Role role,
    @Nullable String passwordHash,
    @Nullable Long householdId,
    @Nullable Long nodeId,
    @Nullable String workPhone,
    @Nullable String locale,
    Instant createdAt,
    @Nullable Instant householdPendingSince,
    @Nullable Instant deactivatedAt)
    implements Recipient {

  /** Texts go to people; an Open311 app's account is told in the app only. */
  @Override
  public boolean textable() {
    return role != Role.APP;
  }

  /** Lives in a household whose members have not yet accepted them: not one of the family yet. */
  public boolean householdPending() {
    return householdPendingSince != null;
  }

  /** One of the family of their household (not only waiting to be accepted). */
  public boolean inHousehold(@Nullable Long household) {
    return household != null && household.equals(householdId) && !householdPending();
  }

  public String displayName() {
    return displayName(name, phone);
  }

  /** The name as others read it: the name given, else the phone number masked. */
  public static String displayName(@Nullable String name, String phone) {
    return name == null || name.isBlank() ? Phones.mask(phone) : name;
  }
}
