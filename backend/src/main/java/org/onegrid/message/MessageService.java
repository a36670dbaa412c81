package org.onegrid.message;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Names;
import org.onegrid.db.tables.records.ResidentMessagesRecord;
import org.onegrid.grid.Address;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Tx;

/**
 * A resident's conversation with the staff of their grid. Sending is idempotent per client key, so
 * a phone that retries on a bad network stores one message. A staff reply also reaches the resident
 * by SMS, at most once in ten minutes, so that a back-and-forth does not flood their phone.
 */
@Singleton
public class MessageService {

  static final Duration REPLY_SMS_GAP = Duration.ofMinutes(10);
  private static final int PAGE = 50;

  private final MessageRepository messages;
  private final AccountService accounts;
  private final GridService grids;
  private final Notifications inApp;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;

  MessageService(
      MessageRepository messages,
      AccountService accounts,
      GridService grids,
      Notifications inApp,
      Messages texts,
      Tx tx,
      Clock clock) {
    this.messages = messages;
    this.accounts = accounts;
    this.grids = grids;
    this.inApp = inApp;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
  }

  /** The resident's own conversation, oldest first; what staff wrote is marked read. */
  public List<MessageView> residentThread(long residentId, @Nullable Long beforeId) {
    messages.markRead(residentId, true, clock.instant());
    return views(messages.findByResident(residentId, beforeId, PAGE));
  }

  public int residentUnread(long residentId) {
    return messages.countUnread(residentId, true);
  }

  public MessageView residentSend(Account resident, String body, String clientKey) {
    Address home = homeOf(resident);
    ResidentMessagesRecord row =
        messages.insertOnce(
            resident.id(),
            home.gridId(),
            resident.id(),
            false,
            body.trim(),
            clientKey,
            clock.instant());
    return views(List.of(row)).get(0);
  }

  /** Residents who wrote to the staff member's grid, latest first, with unread counts. */
  public List<Conversation> conversations(Account staff) {
    GridNode node = staffNode(staff);
    if (node.level() != GridLevel.GRID) {
      return List.of();
    }
    List<MessageRepository.ConversationSummary> summaries =
        messages.findConversationsOfGrid(node.id(), 200);
    Map<Long, ResidentMessagesRecord> last =
        messages
            .findByIds(
                summaries.stream()
                    .map(MessageRepository.ConversationSummary::lastMessageId)
                    .toList())
            .stream()
            .collect(Collectors.toMap(ResidentMessagesRecord::getId, Function.identity()));
    Map<Long, Account> people =
        accounts.byIds(
            summaries.stream().map(MessageRepository.ConversationSummary::residentId).toList());
    return summaries.stream()
        .map(
            s -> {
              Account resident = people.get(s.residentId());
              ResidentMessagesRecord m = last.get(s.lastMessageId());
              return new Conversation(
                  s.residentId(),
                  resident == null ? "?" : resident.displayName(),
                  resident == null ? "" : resident.phone(),
                  m.getBody(),
                  m.getCreatedAt(),
                  s.unread());
            })
        .toList();
  }

  /** A resident's conversation as staff see it; what the resident wrote is marked read. */
  public List<MessageView> staffThread(Account staff, long residentId, @Nullable Long beforeId) {
    requireServes(staff, residentId);
    messages.markRead(residentId, false, clock.instant());
    return views(messages.findByResident(residentId, beforeId, PAGE));
  }

  public MessageView staffReply(Account staff, long residentId, String body, String clientKey) {
    Account resident = requireServes(staff, residentId);
    Address home = homeOf(resident);
    return tx.run(
        () -> {
          Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          ResidentMessagesRecord row =
              messages.insertOnce(
                  residentId, home.gridId(), staff.id(), true, body.trim(), clientKey, now);
          boolean isNew = row.getCreatedAt().equals(now);
          boolean quietLately =
              messages
                  .findPreviousStaffMessageTime(residentId, row.getId())
                  .map(previous -> previous.isBefore(now.minus(REPLY_SMS_GAP)))
                  .orElse(true);
          if (isNew && quietLately) {
            String excerpt =
                body.trim().length() > 60 ? body.trim().substring(0, 60) + "…" : body.trim();
            inApp.tell(
                resident,
                "staff-reply",
                "/messages",
                locale -> texts.get(locale, "sms.staff-reply", staff.displayName(), excerpt));
          }
          return views(List.of(row)).get(0);
        });
  }

  private Account requireServes(Account staff, long residentId) {
    GridNode node = staffNode(staff);
    Account resident = accounts.byIds(List.of(residentId)).get(residentId);
    if (resident == null || resident.householdId() == null) {
      throw ApiException.notFound();
    }
    Address home = homeOf(resident);
    if (!node.contains(grids.get(home.gridId()))) {
      throw ApiException.notFound();
    }
    return resident;
  }

  private GridNode staffNode(Account staff) {
    accounts.requireStaff(staff);
    return grids.get(staff.nodeId());
  }

  private Address homeOf(Account resident) {
    if (resident.householdId() == null) {
      throw new ApiException(HttpStatus.CONFLICT, "needs-home");
    }
    return grids.household(resident.householdId()).orElseThrow(ApiException::notFound);
  }

  private List<MessageView> views(List<ResidentMessagesRecord> rows) {
    Names senders = accounts.names(rows.stream().map(ResidentMessagesRecord::getSenderId).toList());
    return rows.stream()
        .sorted(Comparator.comparing(ResidentMessagesRecord::getId))
        .map(
            r ->
                new MessageView(
                    r.getId(),
                    r.getFromStaff(),
                    senders.of(r.getSenderId()),
                    r.getBody(),
                    r.getCreatedAt(),
                    r.getReadAt()))
        .toList();
  }

  /** One resident's conversation in a staff member's list. */
  @Serdeable
  public record Conversation(
      long residentId,
      String residentName,
      String residentPhone,
      String lastBody,
      Instant lastAt,
      int unread) {}
}
