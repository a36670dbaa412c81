package org.onegrid.hotline;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.Messages;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.platform.Tx;

/**
 * Warns each community's admins, at most once a day whichever instance checks, of any time in the
 * next {@link RosterService#COVERAGE} with nobody on duty.
 */
@Singleton
class CoverageWarnings {

  private final RosterRepository roster;
  private final AccountService accounts;
  private final Notifications notify;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;
  private final ZoneId zone;

  CoverageWarnings(
      RosterRepository roster,
      AccountService accounts,
      Notifications notify,
      Messages texts,
      Tx tx,
      Clock clock,
      OneGridConfig config) {
    this.roster = roster;
    this.accounts = accounts;
    this.notify = notify;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
    this.zone = config.getTimeZone();
  }

  /**
   * Warns each community's admins, once a day, of any time in the next 14 days with nobody on duty
   * (in the app and by SMS, with the first such time).
   */
  @Scheduled(fixedDelay = "${onegrid.hotline.coverage-check-interval:1h}", initialDelay = "2m")
  void warnOfGaps() {
    warnOfGaps(clock.instant());
  }

  void warnOfGaps(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    long after = 0;
    for (List<Long> page = roster.findRotationCommunities(after, 200);
        !page.isEmpty();
        page = roster.findRotationCommunities(after, 200)) {
      after = page.get(page.size() - 1);
      for (long communityId : page) {
        List<DutyTimeline.Segment> gaps =
            roster
                .timeline(communityId, now, now.plus(RosterService.COVERAGE))
                .gaps(now, now.plus(RosterService.COVERAGE));
        if (!gaps.isEmpty()) {
          warn(communityId, gaps, today);
        }
      }
    }
  }

  private void warn(long communityId, List<DutyTimeline.Segment> gaps, LocalDate today) {
    tx.run(
        () -> {
          if (!roster.claimAlert(communityId, today)) {
            return null;
          }
          for (Account admin : accounts.staffAt(List.of(communityId))) {
            if (admin.role() != Role.COMMUNITY_ADMIN) {
              continue;
            }
            notify.tell(
                admin,
                "duty-gaps",
                "/staff/roster?community=" + communityId,
                locale ->
                    texts.get(
                        locale,
                        "sms.duty-gaps",
                        String.valueOf(gaps.size()),
                        texts.when(gaps.get(0).from(), locale)));
          }
          return null;
        });
  }
}
