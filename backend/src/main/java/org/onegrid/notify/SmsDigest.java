package org.onegrid.notify;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.onegrid.db.tables.records.SmsOutboxRecord;
import org.onegrid.platform.Messages;

/**
 * Folds the alerts residents cause for one staff member (a new problem, a hotline message) so that
 * twenty reports in a minute are two texts, not twenty: the first goes at once; what follows within
 * {@code onegrid.sms.digest-window} waits, folded into one digest sent when the window ends ("you
 * have 19 more alerts, the latest: …"). Every alert is still in the app, one by one.
 */
@Singleton
class SmsDigest {

  /** The purposes folded. */
  static final Set<String> FOLDED = Set.of("problem-new", "hotline");

  /** The purpose of a digest row. */
  static final String PURPOSE = "digest";

  private static final int SNIPPET = 40;

  private final OutboxRepository outbox;
  private final Messages texts;
  private final Duration window;

  SmsDigest(
      OutboxRepository outbox,
      Messages texts,
      @Value("${onegrid.sms.digest-window:10m}") Duration window) {
    this.outbox = outbox;
    this.texts = texts;
    this.window = window;
  }

  boolean folds(String purpose) {
    return !window.isZero() && FOLDED.contains(purpose);
  }

  /** Queues an alert, or folds it into the digest of this window. */
  void add(String to, String body, String purpose, Instant now) {
    // A digest is made at most a window before it goes, so nothing older than two windows counts
    // (the same rule as stillFolds). Most alerts of a burst find their digest waiting: one
    // statement folds them in.
    if (outbox.foldIntoWaitingDigest(
        to,
        text(OutboxRepository.COUNT_MARK, body),
        now.minus(window.multipliedBy(2)),
        now.minus(window))) {
      return;
    }
    // The first alert, the one after it, or the digest went meanwhile: decide under the lock.
    Optional<SmsOutboxRecord> latest =
        outbox.lockLatestFolded(to).filter(last -> stillFolds(last, now));
    if (latest.isEmpty()) {
      pointed(to, outbox.insert(to, body, purpose, OutboxRepository.SMS, now));
      return;
    }
    SmsOutboxRecord last = latest.get();
    boolean digest = PURPOSE.equals(last.getPurpose());
    if (digest && outbox.foldInto(last.getId(), text(last.getFolded() + 1, body))) {
      return;
    }
    // The last alert went out at once, or the last digest has gone: a new digest, due a window on.
    Instant dueAt = (digest ? now : last.getCreatedAt()).plus(window);
    pointed(to, outbox.insertDue(to, text(1, body), PURPOSE, OutboxRepository.SMS, now, dueAt, 1));
  }

  /**
   * Whether later alerts still fold with this one: queued within the last window (or due in it),
   * and made at most two windows ago.
   */
  private boolean stillFolds(SmsOutboxRecord last, Instant now) {
    Instant since = now.minus(window);
    return !last.getCreatedAt().isBefore(now.minus(window.multipliedBy(2)))
        && (!last.getCreatedAt().isBefore(since) || !last.getNextAttemptAt().isBefore(since));
  }

  private void pointed(String to, long outboxId) {
    outbox.pointHead(to, outboxId);
  }

  /** "You have n more alerts; the latest: …", in the language of the latest alert. */
  private String text(Object count, String latest) {
    Locale locale = latest.startsWith("[OneGrid]") ? Locale.ENGLISH : Messages.CHINESE;
    String words =
        latest
            .replaceFirst("^(【[^】]*】|\\[OneGrid\\] )", "")
            .replace(OutboxRepository.COUNT_MARK, "")
            .strip();
    if (words.length() > SNIPPET) {
      words = words.substring(0, SNIPPET) + "…";
    }
    return texts.get(locale, "sms.digest", count, window.toMinutes(), words);
  }
}
