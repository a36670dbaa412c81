package org.onegrid.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.db.tables.records.SmsOutboxRecord;
import org.onegrid.platform.TestClock;
import org.onegrid.platform.Tx;
import org.onegrid.support.Eventually;
import org.onegrid.support.FakeTwilio;
import org.onegrid.support.Phones;

/**
 * Texts through the real Twilio SDK to a fake Twilio that stalls, throttles and cannot be asked,
 * sent by dispatchers that crash or are stopped in the middle of a burst: every text arrives
 * exactly once. The application's own dispatcher is off; each test runs the instances it needs.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "onegrid.twilio.account-sid", value = FakeTwilio.ACCOUNT_SID)
@Property(name = "onegrid.twilio.auth-token", value = FakeTwilio.AUTH_TOKEN)
@Property(name = "onegrid.twilio.from-number", value = "+15005550006")
@Property(name = "onegrid.twilio.read-timeout", value = "1s")
@Property(name = "onegrid.sms.dispatcher.enabled", value = "false")
class SmsFaultsTest implements TestPropertyProvider {

  static final FakeTwilio TWILIO = FakeTwilio.start();

  @Inject SmsSender twilio;
  @Inject SmsOutbox outbox;
  @Inject OutboxRepository repository;
  @Inject OptOutRepository optOuts;
  @Inject Tx tx;
  @Inject TestClock clock;

  @Override
  public Map<String, String> getProperties() {
    return Map.of("onegrid.twilio.api-base-url", TWILIO.baseUrl());
  }

  @AfterAll
  void stopTwilio() {
    TWILIO.stop();
  }

  @AfterEach
  void reset() {
    TWILIO.reset();
    clock.reset();
  }

  /** Another instance: one attempt settles in a moment (backoff 100 ms), two sends at once. */
  SmsDispatcher instance(SmsSender sender) {
    return TestDispatchers.through(
        sender,
        repository,
        optOuts,
        tx,
        clock,
        new SmsDispatcher.Settings(
            6, Duration.ofMillis(100), 2, Duration.ofSeconds(40), false, Duration.ofMinutes(5)));
  }

  SmsOutboxRecord row(long id) {
    return repository.findById(id).orElseThrow();
  }

  /** Runs the dispatcher until nothing it may send is due, as the scheduled rounds would. */
  void sendUntilQuiet(SmsDispatcher dispatcher, List<Long> ids) {
    Eventually.read(
        Duration.ofSeconds(20),
        () -> {
          dispatcher.dispatchDue();
          return ids.stream().map(id -> row(id).getStatus()).toList();
        },
        statuses ->
            statuses.stream().noneMatch(List.of("PENDING", "SENDING", "UNKNOWN")::contains));
  }

  @Test
  void anAttemptWhoseAnswerNeverCameIsFoundAtTwilioNotSentAgain() throws Exception {
    String to = "+86" + Phones.fresh();
    long id = outbox.enqueue(to, "您的验证码是 424242，5分钟内有效。", "otp");
    TWILIO.stallNextTo(to, Duration.ofSeconds(3));

    sendUntilQuiet(instance(twilio), List.of(id));

    SmsOutboxRecord sent = row(id);
    assertThat(sent.getStatus()).isEqualTo("SENT");
    assertThat(TWILIO.messagesTo(to)).hasSize(1);
    assertThat(sent.getProviderId()).isEqualTo(TWILIO.messagesTo(to).get(0).sid());
    assertThat(TWILIO.requestsTo(to)).isEqualTo(1);
    assertThat(TWILIO.listsFor(to)).isGreaterThanOrEqualTo(1);
    assertThat(sent.getBody()).doesNotContain("424242");
  }

  @Test
  void whileTwilioCannotBeAskedTheTextIsUnknownAndNeverSentTwice() throws Exception {
    String to = "+86" + Phones.fresh();
    long id = outbox.enqueue(to, "通知：明早8点停水", "notice");
    TWILIO.stallNextTo(to, Duration.ofSeconds(3));
    TWILIO.failNextLists(1);
    SmsDispatcher dispatcher = instance(twilio);

    dispatcher.dispatchDue(); // stalls: no answer
    clock.advance(Duration.ofMillis(150)); // past the short wait before asking Twilio about it
    dispatcher.dispatchDue(); // asks, and Twilio cannot answer
    assertThat(row(id).getStatus()).isEqualTo("UNKNOWN");
    assertThat(row(id).getLastError()).contains("could not ask Twilio");

    clock.advance(Duration.ofSeconds(1)); // the next check is due
    sendUntilQuiet(dispatcher, List.of(id));
    assertThat(row(id).getStatus()).isEqualTo("SENT");
    assertThat(TWILIO.messagesTo(to)).hasSize(1);
    assertThat(TWILIO.requestsTo(to)).isEqualTo(1);
  }

  @Test
  void aThrottledTextWaitsAsLongAsTwilioAsked() throws Exception {
    String to = "+86" + Phones.fresh();
    long id = outbox.enqueue(to, "通知：社区义诊", "notice");
    TWILIO.throttleNextTo(to, 30);
    SmsDispatcher dispatcher = instance(twilio);

    Instant before = clock.instant();
    dispatcher.dispatchDue();
    SmsOutboxRecord waiting = row(id);
    assertThat(waiting.getStatus()).isEqualTo("PENDING");
    assertThat(waiting.getNextAttemptAt()).isAfterOrEqualTo(before.plusSeconds(30));
    dispatcher.dispatchDue();
    assertThat(TWILIO.requestsTo(to)).isEqualTo(1);

    clock.advance(Duration.ofSeconds(31));
    dispatcher.dispatchDue();
    assertThat(row(id).getStatus()).isEqualTo("SENT");
    assertThat(TWILIO.requestsTo(to)).isEqualTo(2);
    assertThat(TWILIO.messagesTo(to)).hasSize(1);
  }

  @Test
  void afterAKillNineWhatWasNeverHandedOverIsSentAndWhatWasIsFoundNotRepeated() throws Exception {
    String reached = "+86" + Phones.fresh();
    String handedNotReached = "+86" + Phones.fresh();
    String onlyClaimed = "+86" + Phones.fresh();
    List<Long> ids = new ArrayList<>();
    tx.run(
        () -> {
          ids.add(outbox.enqueue(reached, "通知：电梯检修", "notice"));
          ids.add(outbox.enqueue(handedNotReached, "通知：电梯检修", "notice"));
          ids.add(outbox.enqueue(onlyClaimed, "通知：电梯检修", "notice"));
        });
    // The instance that dies: claims all three, hands two over, reaches Twilio with one, and is
    // killed (nothing more is recorded).
    Instant now = clock.instant();
    tx.run(() -> repository.claimDue(now, 500, "killed-instance", now.plusSeconds(40)));
    assertThat(ids).allSatisfy(id -> assertThat(row(id).getStatus()).isEqualTo("SENDING"));
    assertThat(repository.handOver(ids.get(0), "killed-instance", now, now.plusSeconds(40)))
        .isTrue();
    assertThat(repository.handOver(ids.get(1), "killed-instance", now, now.plusSeconds(40)))
        .isTrue();
    assertThat(twilio.send(reached, "通知：电梯检修")).isInstanceOf(SmsSender.Accepted.class);

    // Another instance, once the dead one's lease ran out.
    clock.advance(Duration.ofSeconds(41));
    sendUntilQuiet(instance(twilio), ids);

    assertThat(ids).allSatisfy(id -> assertThat(row(id).getStatus()).isEqualTo("SENT"));
    for (String to : List.of(reached, handedNotReached, onlyClaimed)) {
      assertThat(TWILIO.messagesTo(to)).as(to).hasSize(1);
    }
    assertThat(TWILIO.requestsTo(onlyClaimed)).isEqualTo(1);
    assertThat(TWILIO.listsFor(onlyClaimed)).isZero();
    assertThat(row(ids.get(0)).getProviderId()).isEqualTo(TWILIO.messagesTo(reached).get(0).sid());
  }

  @Test
  void sigtermInTheMiddleOfABurstLosesNothingAndSendsNothingTwice() throws Exception {
    String to = "+86" + Phones.fresh();
    List<Long> ids = new ArrayList<>();
    tx.run(
        () -> {
          for (int i = 0; i < 60; i++) {
            ids.add(outbox.enqueue(to, "通知 " + i + "：停电检修", "notice"));
          }
        });
    TWILIO.answerAfter(Duration.ofMillis(150));
    // A second backend instance with its own dispatcher, on the same database, stopped the way
    // SIGTERM stops the app (the context closes; beans go in reverse order of need).
    Map<String, Object> settings =
        new HashMap<>(
            Map.of(
                "onegrid.twilio.account-sid",
                FakeTwilio.ACCOUNT_SID,
                "onegrid.twilio.auth-token",
                FakeTwilio.AUTH_TOKEN,
                "onegrid.twilio.from-number",
                "+15005550006",
                "onegrid.twilio.api-base-url",
                TWILIO.baseUrl(),
                "onegrid.sms.dispatch-interval",
                "50ms",
                "micronaut.server.port",
                -1));
    settings.put("onegrid.demo.enabled", false);
    ApplicationContext other = ApplicationContext.run(settings, "test");
    try {
      Eventually.read(Duration.ofSeconds(30), () -> TWILIO.messagesTo(to).size(), n -> n >= 8);
    } finally {
      other.close();
    }
    int sentBeforeStop = TWILIO.messagesTo(to).size();
    assertThat(sentBeforeStop).isBetween(8, 59);
    assertThat(ids).allSatisfy(id -> assertThat(row(id).getStatus()).isIn("SENT", "PENDING"));

    TWILIO.answerAfter(Duration.ZERO);
    sendUntilQuiet(instance(twilio), ids);
    assertThat(ids).allSatisfy(id -> assertThat(row(id).getStatus()).isEqualTo("SENT"));
    List<String> bodies = TWILIO.messagesTo(to).stream().map(FakeTwilio.Message::body).toList();
    assertThat(bodies).hasSize(60).doesNotHaveDuplicates();
  }

  @Test
  void aStoppedInstanceFinishesOrGivesBackWhatItHoldsAndTheOtherSendsTheRest() throws Exception {
    String to = "+86" + Phones.fresh();
    List<Long> ids = new ArrayList<>();
    tx.run(
        () -> {
          for (int i = 0; i < 40; i++) {
            ids.add(outbox.enqueue(to, "通知 " + i + "：楼道清理", "notice"));
          }
        });
    AtomicInteger sentByStopping = new AtomicInteger();
    SmsSender slow =
        new SmsSender() {
          @Override
          public String name() {
            return twilio.name();
          }

          @Override
          public Result send(String toE164, String body) {
            sentByStopping.incrementAndGet();
            try {
              Thread.sleep(40);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return twilio.send(toE164, body);
          }

          @Override
          public Lookup find(String toE164, String body, Instant since) {
            return twilio.find(toE164, body, since);
          }
        };
    SmsDispatcher stopping = instance(slow);
    SmsDispatcher other = instance(twilio);
    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(stopping::dispatchDue);
    Eventually.read(Duration.ofSeconds(20), sentByStopping::get, n -> n >= 5);
    stopping.stop(); // SIGTERM: Micronaut calls this before closing the database
    first.get();
    // Nothing is left claimed by the stopped instance.
    assertThat(ids).allSatisfy(id -> assertThat(row(id).getStatus()).isIn("SENT", "PENDING"));
    assertThat(ids.stream().filter(id -> row(id).getStatus().equals("PENDING"))).isNotEmpty();

    sendUntilQuiet(other, ids);
    assertThat(ids).allSatisfy(id -> assertThat(row(id).getStatus()).isEqualTo("SENT"));
    List<String> bodies = TWILIO.messagesTo(to).stream().map(FakeTwilio.Message::body).toList();
    assertThat(bodies).hasSize(40).doesNotHaveDuplicates();
  }
}
