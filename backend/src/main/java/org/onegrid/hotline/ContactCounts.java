package org.onegrid.hotline;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.onegrid.grid.GridNode;
import org.onegrid.platform.OneGridConfig;

/** How many people reached the hotline today, per community, for maps. */
@Singleton
public class ContactCounts {

  private final ContactRepository contacts;
  private final Clock clock;
  private final ZoneId zone;

  ContactCounts(ContactRepository contacts, Clock clock, OneGridConfig config) {
    this.contacts = contacts;
    this.clock = clock;
    this.zone = config.getTimeZone();
  }

  /**
   * Contacts (calls, texts, messages) since midnight in the city's zone, per community path below
   * or above the node (the caller checks the reach).
   */
  public Map<String, Integer> todayByCommunityPathUnder(GridNode node) {
    return contacts.countByCommunityPathSince(
        node.path(), LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant());
  }
}
