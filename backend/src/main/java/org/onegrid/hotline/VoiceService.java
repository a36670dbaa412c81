package org.onegrid.hotline;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.db.tables.records.HotlineContactsRecord;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Tx;
import org.onegrid.problem.ProblemService;
import org.onegrid.problem.ProblemSource;

/**
 * Calls to a community's hotline number, answered with TwiML built by the Twilio SDK: a greeting in
 * Mandarin, then the person on duty is rung, then each fallback in turn; whoever picks up hears who
 * is calling and must press 1, so a personal voicemail never counts as answered; after the chain
 * the caller leaves a voicemail. Each call is one contact row (by CallSid, so a replayed webhook
 * finds it); its step in the chain moves only forward, once per step. A missed call or voicemail
 * from a resident becomes a hotline request in their grid leader's inbox.
 */
@Singleton
public class VoiceService {

  static final String BASE = "/api/v1/webhooks/twilio/voice";
  private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
  private static final int RING_SECONDS = 20;

  private final RosterService roster;
  private final ContactRepository contacts;
  private final HotlineService hotline;
  private final AccountService accounts;
  private final GridService grids;
  private final ProblemService problems;
  private final Messages texts;
  private final Notifications notify;
  private final Tx tx;
  private final Clock clock;
  private final String publicUrl;

  VoiceService(
      RosterService roster,
      ContactRepository contacts,
      HotlineService hotline,
      AccountService accounts,
      GridService grids,
      ProblemService problems,
      Messages texts,
      Notifications notify,
      Tx tx,
      Clock clock,
      @Nullable @Value("${onegrid.public-url:}") String publicUrl) {
    this.roster = roster;
    this.contacts = contacts;
    this.hotline = hotline;
    this.accounts = accounts;
    this.grids = grids;
    this.problems = problems;
    this.texts = texts;
    this.notify = notify;
    this.tx = tx;
    this.clock = clock;
    this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
  }

  /** A call comes in: greet, and ring whoever the call has reached in the chain. */
  public String incoming(String callSid, String from, String to) {
    Optional<GridNode> community = grids.communityByHotline(to);
    if (community.isEmpty()) {
      return new VoiceResponse.Builder()
          .say(say(texts.get(ZH, "voice.not-a-hotline")))
          .hangup(new Hangup.Builder().build())
          .build()
          .toXml();
    }
    Long caller = resident(from).map(Account::id).orElse(null);
    ContactRepository.Saved saved =
        contacts.insertOnce(
            community.get().id(),
            ContactRepository.CALL,
            callSid,
            from,
            caller,
            null,
            ContactRepository.RINGING,
            now());
    HotlineContactsRecord call = contacts.findById(saved.id()).orElseThrow();
    VoiceResponse.Builder twiml =
        new VoiceResponse.Builder()
            .say(say(texts.get(ZH, "voice.greeting", community.get().name())));
    return next(twiml, call, community.get()).build().toXml();
  }

  /** What the person rung hears when they pick up: who calls, and press 1 to take it. */
  public String screen(long contactId, int step) {
    HotlineContactsRecord call = contacts.findById(contactId).orElse(null);
    if (call == null || call.getChainStep() != step) {
      return hangup();
    }
    String who =
        call.getAccountId() == null
            ? texts.get(ZH, "voice.unknown-caller")
            : accounts.get(call.getAccountId()).displayName();
    return new VoiceResponse.Builder()
        .gather(
            new Gather.Builder()
                .numDigits(1)
                .timeout(8)
                .action(url("/screened?contact=" + contactId + "&step=" + step))
                .say(say(texts.get(ZH, "voice.screen", who)))
                .build())
        .hangup(new Hangup.Builder().build())
        .build()
        .toXml();
  }

  /**
   * The person rung pressed a key: 1 takes the call (the first to do so), anything else declines.
   */
  public String screened(long contactId, int step, @Nullable String digits) {
    HotlineContactsRecord call = contacts.findById(contactId).orElse(null);
    if (call == null || call.getChainStep() != step || !"1".equals(digits)) {
      return hangup();
    }
    if (call.getRingingId() == null || !contacts.answer(contactId, call.getRingingId(), now())) {
      return hangup();
    }
    String who =
        call.getAccountId() == null
            ? call.getFromPhone()
            : accounts.get(call.getAccountId()).displayName();
    notify.add(
        call.getRingingId(),
        texts.get(ZH, "hotline.taken", who),
        "/staff/hotline-contacts/" + contactId);
    // An empty response ends the whisper and bridges the two calls.
    return new VoiceResponse.Builder().build().toXml();
  }

  /**
   * The dial of a step ended. If someone took the call, it was answered and is over; otherwise the
   * next in the chain is rung (a replay of the same step's end rings the same next person).
   */
  public String dialed(long contactId, int step) {
    HotlineContactsRecord call = contacts.findById(contactId).orElse(null);
    if (call == null || ContactRepository.ANSWERED.equals(call.getStatus())) {
      return hangup();
    }
    GridNode community = grids.get(call.getCommunityId());
    if (call.getChainStep() == step) {
      List<Account> chain = roster.chain(community.id(), clock.instant());
      Long nextId = step + 1 < chain.size() ? chain.get(step + 1).id() : null;
      contacts.advance(contactId, step, nextId);
    }
    return next(new VoiceResponse.Builder(), contacts.findById(contactId).orElseThrow(), community)
        .build()
        .toXml();
  }

  /** The caller left a voicemail: kept with the call, and a request filed for a resident. */
  public String recorded(long contactId, @Nullable String recordingUrl, int seconds) {
    HotlineContactsRecord call = contacts.findById(contactId).orElse(null);
    if (call != null) {
      tx.run(
          () -> {
            if (recordingUrl != null
                && seconds > 0
                && contacts.setRecording(contactId, recordingUrl)) {
              contacts.setStatus(contactId, ContactRepository.RINGING, ContactRepository.VOICEMAIL);
              followUp(call, texts.get(ZH, "voice.request-voicemail", recordingUrl));
            }
            return null;
          });
    }
    return new VoiceResponse.Builder()
        .say(say(texts.get(ZH, "voice.goodbye")))
        .hangup(new Hangup.Builder().build())
        .build()
        .toXml();
  }

  /** The call ended: if nobody took it and no voicemail was left, it was missed. */
  public void ended(String callSid) {
    contacts
        .findBySid(ContactRepository.CALL, callSid)
        .ifPresent(
            call ->
                tx.run(
                    () -> {
                      if (contacts.setStatus(
                          call.getId(), ContactRepository.RINGING, ContactRepository.MISSED)) {
                        followUp(call, texts.get(ZH, "voice.request-missed"));
                      }
                      return null;
                    }));
  }

  /** Rings the one the call has reached, or, past the chain, asks for a voicemail. */
  private VoiceResponse.Builder next(
      VoiceResponse.Builder twiml, HotlineContactsRecord call, GridNode community) {
    List<Account> chain = roster.chain(community.id(), clock.instant());
    int step = call.getChainStep();
    if (step == 0 && call.getRingingId() == null && !chain.isEmpty()) {
      contacts.startRinging(call.getId(), chain.get(0).id());
      call = contacts.findById(call.getId()).orElseThrow();
    }
    if (call.getRingingId() != null) {
      Account person = accounts.get(call.getRingingId());
      String number = person.workPhone() != null ? person.workPhone() : person.phone();
      return twiml.dial(
          new Dial.Builder()
              .timeout(RING_SECONDS)
              .answerOnBridge(true)
              .action(url("/dialed?contact=" + call.getId() + "&step=" + step))
              .number(
                  new Number.Builder(number)
                      .url(url("/screen?contact=" + call.getId() + "&step=" + step))
                      .build())
              .build());
    }
    return twiml
        .say(say(texts.get(ZH, "voice.leave-message")))
        .record(
            new Record.Builder()
                .maxLength(120)
                .playBeep(true)
                .action(url("/recorded?contact=" + call.getId()))
                .build());
  }

  /** A missed call or voicemail: a request for a known resident, and the duty chain told. */
  private void followUp(HotlineContactsRecord call, String text) {
    GridNode community = grids.get(call.getCommunityId());
    Account caller = call.getAccountId() == null ? null : accounts.get(call.getAccountId());
    long ref = call.getId();
    if (caller != null) {
      ref =
          problems
              .report(
                  caller,
                  new ProblemService.NewReport(
                      "other", text, null, null, null, null, false, List.of()),
                  "call:" + call.getProviderSid(),
                  texts.localeOf(caller.locale()),
                  ProblemSource.CALL,
                  id -> {})
              .id();
      contacts.setProblem(call.getId(), ref);
    }
    hotline.tellOnDuty(
        community,
        call.getId(),
        caller == null ? "sms.hotline-call-unknown" : "sms.hotline-message",
        ref,
        caller,
        caller == null ? call.getFromPhone() + " " + text : text);
  }

  private Optional<Account> resident(String phone) {
    return accounts
        .findByPhone(phone)
        .filter(a -> a.role() == Role.RESIDENT && a.householdId() != null);
  }

  private String url(String pathAndQuery) {
    return publicUrl + BASE + pathAndQuery;
  }

  private static Say say(String text) {
    return new Say.Builder(text).language(Say.Language.ZH_CN).build();
  }

  private static String hangup() {
    return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
