package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.jooq.Record1;
import org.jooq.Select;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Tx;

/**
 * Texts that did not go out, for the admins whose area holds their recipients: listed newest first
 * (no secret shown), and queued again on purpose, once, never a sign-in code or password.
 */
@Singleton
class FailedTexts {

  private static final int PAGE = 50;

  private final OutboxRepository outbox;
  private final OutboxQueries queries;
  private final SmsOutbox sms;
  private final Tx tx;

  FailedTexts(OutboxRepository outbox, OutboxQueries queries, SmsOutbox sms, Tx tx) {
    this.outbox = outbox;
    this.queries = queries;
    this.sms = sms;
    this.tx = tx;
  }

  /** A page of them, to {@code phones} only when given, older than {@code before} when given. */
  List<FailedText> notSent(
      Optional<Select<? extends Record1<String>>> phones, @Nullable Long before) {
    return queries.findNotSent(before == null ? Long.MAX_VALUE : before, PAGE, phones);
  }

  /**
   * Queues the text again; 404 outside {@code phones}, 409 for a secret or one no longer failed.
   */
  void resend(Optional<Select<? extends Record1<String>>> phones, long id) {
    tx.run(
        () -> {
          if (!queries.isTo(id, phones)) {
            throw ApiException.notFound();
          }
          var row = outbox.findById(id).orElseThrow(ApiException::notFound);
          if (SmsOutbox.SECRET_PURPOSES.contains(row.getPurpose())) {
            throw new ApiException(HttpStatus.CONFLICT, "sms-secret-not-resent");
          }
          // Marked first, under the row's lock: a dispatcher settling it meanwhile wins.
          if (!outbox.markResent(id)) {
            throw new ApiException(HttpStatus.CONFLICT, "sms-not-failed");
          }
          sms.enqueue(row.getToE164(), row.getBody(), row.getPurpose());
        });
  }
}
