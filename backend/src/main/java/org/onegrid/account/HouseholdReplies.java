package org.onegrid.account;

import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.onegrid.grid.GridService;
import org.onegrid.notify.InboundSms;
import org.onegrid.platform.Messages;

/**
 * A member answers the text asking them to accept someone into their household: 同意/Y accepts, 拒绝/N
 * declines. Only when exactly one person waits; with several they decide in the app. Texts to a
 * community's hotline are the hotline's.
 */
@Singleton
class HouseholdReplies implements InboundSms {

  private static final Set<String> YES = Set.of("同意", "Y", "是");
  private static final Set<String> NO = Set.of("拒绝", "N", "不同意");

  private final Households households;
  private final AccountService accounts;
  private final GridService grids;
  private final Messages texts;

  HouseholdReplies(
      Households households, AccountService accounts, GridService grids, Messages texts) {
    this.households = households;
    this.accounts = accounts;
    this.grids = grids;
    this.texts = texts;
  }

  @Override
  public Optional<Reply> handle(String messageSid, String from, String to, String body) {
    String word = body.trim().toUpperCase(Locale.ROOT);
    boolean yes = YES.contains(word);
    if ((!yes && !NO.contains(word)) || grids.communityByHotline(to).isPresent()) {
      return Optional.empty();
    }
    Optional<Account> member = accounts.findByPhone(from).filter(a -> a.role() == Role.RESIDENT);
    if (member.isEmpty()) {
      return Optional.empty();
    }
    Locale locale = texts.localeOf(member.get().locale());
    Optional<Account> waiting = households.onlyRequestFor(member.get());
    if (waiting.isEmpty()) {
      int count = households.waitingFor(member.get());
      return Optional.of(
          new Reply(
              count == 0
                  ? texts.get(locale, "sms.household-nothing-waiting")
                  : texts.get(locale, "sms.household-several-waiting", count)));
    }
    households.decide(member.get(), waiting.get().id(), yes);
    return Optional.of(
        new Reply(
            texts.get(
                locale,
                yes ? "sms.household-you-accepted" : "sms.household-you-declined",
                waiting.get().displayName())));
  }
}
