package org.onegrid.hotline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.db.tables.records.HotlineContactsRecord;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.notify.InboundSms;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;
import org.onegrid.problem.ProblemService;
import org.onegrid.problem.ProblemSource;
import org.onegrid.problem.ProblemThreadService;

/**
 * The community's 24-hour hotline as residents reach it by message or text: every contact is a
 * {@code hotline_contacts} row, and a resident's becomes a hotline request (a problem from the
 * HOTLINE source) in their grid leader's inbox, with the person on duty told at once. A text from a
 * resident with an open hotline request joins that request's thread.
 */
@Singleton
public class HotlineService implements InboundSms {

  private static final String CATEGORY = "other";

  private final RosterService roster;
  private final ContactRepository contacts;
  private final AccountService accounts;
  private final GridService grids;
  private final ProblemService problems;
  private final ProblemThreadService threads;
  private final Notifications notify;
  private final Messages texts;
  private final Phones phones;
  private final Tx tx;
  private final Clock clock;

  private final ZoneId zone;

  HotlineService(
      RosterService roster,
      ContactRepository contacts,
      AccountService accounts,
      GridService grids,
      ProblemService problems,
      ProblemThreadService threads,
      Notifications notify,
      Messages texts,
      Phones phones,
      Tx tx,
      Clock clock,
      OneGridConfig config) {
    this.zone = config.getTimeZone();
    this.roster = roster;
    this.contacts = contacts;
    this.accounts = accounts;
    this.grids = grids;
    this.problems = problems;
    this.threads = threads;
    this.notify = notify;
    this.texts = texts;
    this.phones = phones;
    this.tx = tx;
    this.clock = clock;
  }

  /** The hotline of the person's community: number to call, who is on duty now and next. */
  public HotlineView hotline(Account person) {
    GridNode community =
        accounts
            .communityOf(person)
            .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "needs-home"));
    return new HotlineView(
        community.id(),
        community.name(),
        community.hotlinePhone() == null ? null : phones.dialable(community.hotlinePhone()),
        roster.onDuty(community.id(), clock.instant()));
  }

  /**
   * A resident leaves a message: it becomes a hotline request in their grid leader's inbox, and the
   * person on duty is told. The same key from the same resident leaves one message.
   */
  public Left leaveMessage(Account resident, String text, String key, Locale locale) {
    if (resident.role() != Role.RESIDENT || resident.householdId() == null) {
      throw new ApiException(HttpStatus.CONFLICT, "needs-home");
    }
    GridNode community = accounts.communityOf(resident).orElseThrow();
    var problem =
        problems.report(
            resident,
            new ProblemService.NewReport(
                CATEGORY, text.trim(), null, null, null, null, false, List.of()),
            "hotline:" + key,
            locale,
            ProblemSource.HOTLINE,
            problemId -> {
              long contact =
                  contacts
                      .insertOnce(
                          community.id(),
                          ContactRepository.WEB,
                          null,
                          resident.phone(),
                          resident.id(),
                          text.trim(),
                          ContactRepository.RECEIVED,
                          now())
                      .id();
              contacts.setProblem(contact, problemId);
              tellOnDuty(
                  community, contact, "sms.hotline-message", problemId, resident, text.trim());
            });
    return new Left(problem.id(), roster.onDuty(community.id(), clock.instant()).now());
  }

  /** Texts to a community's hotline number. */
  @Override
  public Optional<Reply> handle(String messageSid, String from, String to, String body) {
    Optional<GridNode> found = grids.communityByHotline(to);
    if (found.isEmpty() || body.isBlank()) {
      return found.map(c -> new Reply(null));
    }
    GridNode community = found.get();
    Optional<Account> resident =
        accounts
            .findByPhone(from)
            .filter(a -> a.role() == Role.RESIDENT && a.householdId() != null);
    String text = body.length() > 1000 ? body.substring(0, 1000) : body;
    return Optional.of(
        tx.run(
            () -> {
              ContactRepository.Saved saved =
                  contacts.insertOnce(
                      community.id(),
                      ContactRepository.SMS,
                      messageSid,
                      from,
                      resident.map(Account::id).orElse(null),
                      text,
                      ContactRepository.RECEIVED,
                      now());
              if (!saved.created()) {
                return new Reply(null);
              }
              if (resident.isEmpty()) {
                tellOnDuty(
                    community,
                    saved.id(),
                    "sms.hotline-text-unknown",
                    saved.id(),
                    null,
                    from + " " + text);
                return new Reply(texts.get(Locale.SIMPLIFIED_CHINESE, "sms.hotline-reply-unknown"));
              }
              Account person = resident.get();
              Locale locale = texts.localeOf(person.locale());
              Optional<Long> open = problems.latestOpen(person, ProblemSource.HOTLINE_CHANNELS);
              if (open.isPresent()) {
                threads.post(person, open.get(), text, null, "sms:" + messageSid, false);
                contacts.setProblem(saved.id(), open.get());
                return new Reply(
                    texts.get(locale, "sms.hotline-reply-added", String.valueOf(open.get())));
              }
              long problemId =
                  problems
                      .report(
                          person,
                          new ProblemService.NewReport(
                              CATEGORY, text, null, null, null, null, false, List.of()),
                          "sms:" + messageSid,
                          locale,
                          ProblemSource.SMS,
                          id -> {})
                      .id();
              contacts.setProblem(saved.id(), problemId);
              tellOnDuty(community, saved.id(), "sms.hotline-message", problemId, person, text);
              return new Reply(
                  texts.get(locale, "sms.hotline-reply-new", String.valueOf(problemId)));
            }));
  }

  /** The hotline log of a community for its admins and whoever is on its roster: newest first. */
  public Log log(Account staff, long communityId, int days) {
    roster.requireAdmin(staff, communityId);
    Instant now = clock.instant();
    List<HotlineContactsRecord> rows =
        contacts.findOfCommunity(communityId, now.minus(Duration.ofDays(days)), now, 500);
    List<ContactView> views = views(rows);
    return new Log(LogSummary.of(rows, zone), views);
  }

  private List<ContactView> views(List<HotlineContactsRecord> rows) {
    Map<Long, Account> people =
        accounts.byIds(
            rows.stream()
                .flatMap(r -> Stream.of(r.getAccountId(), r.getAnsweredBy()))
                .filter(Objects::nonNull)
                .toList());
    return rows.stream()
        .map(
            r ->
                new ContactView(
                    r.getId(),
                    r.getChannel(),
                    r.getStatus(),
                    r.getAccountId() == null
                        ? (r.getFromPhone() == null ? null : Phones.mask(r.getFromPhone()))
                        : people.get(r.getAccountId()).displayName(),
                    r.getFromPhone(),
                    r.getBody(),
                    r.getProblemId(),
                    r.getAnsweredBy() == null ? null : people.get(r.getAnsweredBy()).displayName(),
                    r.getAnsweredAt() == null
                        ? null
                        : Duration.between(r.getCreatedAt(), r.getAnsweredAt()).toSeconds(),
                    r.getRecordingUrl(),
                    r.getHandledAt(),
                    r.getCreatedAt()))
        .toList();
  }

  /** A missed call, voicemail or text was followed up (called back), or a taken call settled. */
  public void markHandled(Account staff, long contactId) {
    forCommunityStaff(staff, contactId);
    contacts.markHandled(contactId, now());
  }

  /** One contact, for the staff of its community (the one who took a call among them). */
  public ContactView contact(Account staff, long contactId) {
    return views(List.of(forCommunityStaff(staff, contactId))).get(0);
  }

  /**
   * A taken call that was not settled on the spot becomes a hotline request of the caller (a known
   * resident) in their grid leader's inbox; once, however often it is sent.
   */
  public ContactView fileRequest(Account staff, long contactId, String text, Locale locale) {
    HotlineContactsRecord contact = forCommunityStaff(staff, contactId);
    if (contact.getAccountId() == null) {
      throw new ApiException(HttpStatus.CONFLICT, "hotline-caller-unknown");
    }
    Account caller = accounts.get(contact.getAccountId());
    tx.run(
        () -> {
          long problemId =
              problems
                  .report(
                      caller,
                      new ProblemService.NewReport(
                          CATEGORY, text.trim(), null, null, null, null, false, List.of()),
                      "contact:" + contactId,
                      locale,
                      ProblemSource.CALL,
                      id -> {})
                  .id();
          contacts.setProblem(contactId, problemId);
          contacts.markHandled(contactId, now());
          return null;
        });
    return contact(staff, contactId);
  }

  /** The contact, if the staff member is placed in its community or supervises it. */
  private HotlineContactsRecord forCommunityStaff(Account staff, long contactId) {
    HotlineContactsRecord contact =
        contacts.findById(contactId).orElseThrow(ApiException::notFound);
    GridNode community = grids.get(contact.getCommunityId());
    boolean ofCommunity =
        staff.role().isStaff()
            && staff.nodeId() != null
            && (accounts.reaches(staff, community)
                || grids.pathOf(grids.get(staff.nodeId())).stream()
                    .anyMatch(n -> n.id() == community.id()));
    if (!ofCommunity) {
      throw ApiException.notFound();
    }
    return contact;
  }

  /**
   * Tells the first of the duty chain (the person on duty, else a fallback) in app and by SMS; the
   * app links to the contact, which every staff member of the community may open.
   */
  void tellOnDuty(
      GridNode community,
      long contactId,
      String key,
      long ref,
      @Nullable Account from,
      String text) {
    List<Account> chain = roster.chain(community.id(), clock.instant());
    if (chain.isEmpty()) {
      return;
    }
    Account duty = chain.get(0);
    String excerpt = text.length() > 60 ? text.substring(0, 60) + "…" : text;
    notify.tell(
        duty,
        "hotline",
        "/staff/hotline-contacts/" + contactId,
        locale ->
            texts.get(
                locale,
                key,
                String.valueOf(ref),
                from == null ? "" : from.displayName(),
                // The person on duty calls back: they get the whole number.
                from == null ? "" : from.phone(),
                excerpt));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The hotline as a resident sees it. */
  @Serdeable
  public record HotlineView(
      long communityId, String communityName, @Nullable String number, RosterService.OnDuty duty) {}

  /** A message left: the request it became and who on duty was told. */
  @Serdeable
  public record Left(long problemId, @Nullable RosterService.DutyPerson toldOnDuty) {}

  /** The hotline log: its summary and its contacts, newest first. */
  @Serdeable
  public record Log(Summary summary, List<ContactView> contacts) {}

  /** The numbers of the log's window. */
  @Serdeable
  public record Summary(
      int calls,
      int answered,
      @Nullable Long medianSecondsToAnswer,
      int missed,
      int voicemails,
      @Nullable Long medianMinutesToCallBack,
      int texts,
      int messages,
      List<Integer> byHour) {}

  /**
   * One contact in the hotline log, for the staff of its community: the caller's whole number is
   * there to call them back.
   */
  @Serdeable
  public record ContactView(
      long id,
      String channel,
      String status,
      @Nullable String from,
      @Nullable String phone,
      @Nullable String body,
      @Nullable Long problemId,
      @Nullable String answeredBy,
      @Nullable Long answeredInSeconds,
      @Nullable String recordingUrl,
      @Nullable Instant handledAt,
      Instant createdAt) {}
}
