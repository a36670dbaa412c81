package org.onegrid.hotline;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.OneGridConfig;

/** How many people reached the hotline today, per community, for maps. */
@Singleton
public class ContactCounts {

  private final ContactRepository contacts;
  private final Clock clock;
  private final ZoneId zone;

  private final GridService grids;

  ContactCounts(ContactRepository contacts, GridService grids, Clock clock, OneGridConfig config) {
    this.contacts = contacts;
    this.grids = grids;
    this.clock = clock;
    this.zone = config.getTimeZone();
  }

  /**
   * Contacts (calls, texts, messages) since midnight in the city's zone, per community path below
   * or above the node (the caller checks the reach).
   */
  public Map<String, Integer> todayByCommunityPathUnder(GridNode node) {
    Map<Long, String> paths = new HashMap<>();
    grids.nodesUnder(node, GridLevel.COMMUNITY).forEach(c -> paths.put(c.id(), c.path()));
    Map<String, Integer> counts = new HashMap<>();
    for (int from = 0; from < paths.size(); from += 1000) {
      List<Long> chunk = paths.keySet().stream().sorted().skip(from).limit(1000).toList();
      contacts
          .countByCommunitySince(
              chunk, LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant())
          .forEach((id, n) -> counts.put(paths.get(id), n));
    }
    return counts;
  }
}
