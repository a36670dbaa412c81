package org.onegrid.account;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.onegrid.grid.GridService;
import org.onegrid.notify.SmsOutbox;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Texts imported staff their invitation: a temporary password, set and texted once. A password
 * takes a third of a second to hash, so a file of 20,000 staff is invited over the following hours
 * (Twilio sends about one text a second per number anyway) and never in the import itself; the
 * claim of each invitation is a conditional update, so two instances never text one person twice.
 */
@Singleton
class StaffInvites {

  private static final Logger LOG = LoggerFactory.getLogger(StaffInvites.class);

  private final AccountRepository accounts;
  private final AuthService auth;
  private final PasswordHasher passwords;
  private final SmsOutbox sms;
  private final Messages messages;
  private final GridService grids;
  private final Tx tx;
  private final Clock clock;

  StaffInvites(
      AccountRepository accounts,
      AuthService auth,
      PasswordHasher passwords,
      SmsOutbox sms,
      Messages messages,
      GridService grids,
      Tx tx,
      Clock clock) {
    this.accounts = accounts;
    this.auth = auth;
    this.passwords = passwords;
    this.sms = sms;
    this.messages = messages;
    this.grids = grids;
    this.tx = tx;
    this.clock = clock;
  }

  @Scheduled(fixedDelay = "${onegrid.staff-invites.interval:10s}", initialDelay = "5s")
  void sendDue() {
    try {
      for (Account member : accounts.findInvitesDue(20)) {
        invite(member);
      }
    } catch (RuntimeException e) {
      LOG.warn("Staff invitations paused: {}", e.toString());
    }
  }

  private void invite(Account member) {
    String temporary = auth.temporaryPassword();
    String hash = passwords.hash(temporary);
    var locale = messages.localeOf(member.locale());
    String place = member.nodeId() == null ? "" : grids.get(member.nodeId()).name();
    tx.run(
        () -> {
          if (accounts.claimInvite(member.id(), hash, clock.instant()) == 1) {
            sms.enqueue(
                member.phone(),
                messages.get(
                    locale,
                    "sms.staff-invite",
                    place,
                    messages.get(locale, "role." + member.role().name()),
                    temporary),
                "staff-invite");
          }
        });
  }
}
