package org.onegrid.notify;

import static org.onegrid.db.Tables.SMS_OUTBOX;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.onegrid.db.tables.records.SmsOutboxRecord;
import org.onegrid.platform.Phones;

/**
 * The outbox as people read it: the texts that did not go out (an admin's list), the backlog that
 * /health and the metrics report, a number's texts (the demo inbox) and the latest texts. Nothing
 * here changes a row; sending is {@link OutboxRepository}'s.
 */
@Singleton
class OutboxQueries {

  private final DSLContext dsl;

  OutboxQueries(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Texts that did not go out (failed for good, or not known to have gone), newest first; to {@code
   * phones} only, when given.
   */
  List<FailedText> findNotSent(
      long beforeId, int limit, Optional<Select<? extends Record1<String>>> phones) {
    return dsl.selectFrom(SMS_OUTBOX)
        .where(
            SMS_OUTBOX.STATUS.in(OutboxRepository.FAILED, OutboxRepository.UNKNOWN),
            SMS_OUTBOX.ID.lt(beforeId),
            phones.map(SMS_OUTBOX.TO_E164::in).orElse(DSL.noCondition()))
        .orderBy(SMS_OUTBOX.ID.desc())
        .limit(limit)
        .fetch(
            r ->
                new FailedText(
                    r.getId(),
                    Phones.mask(r.getToE164()),
                    SmsOutbox.SECRET_PURPOSES.contains(r.getPurpose()) ? null : r.getBody(),
                    r.getPurpose(),
                    r.getStatus(),
                    r.getAttempts(),
                    r.getLastError(),
                    r.getCreatedAt(),
                    !SmsOutbox.SECRET_PURPOSES.contains(r.getPurpose())));
  }

  /** Whether the text went to one of {@code phones} (any, when not given). */
  boolean isTo(long id, Optional<Select<? extends Record1<String>>> phones) {
    return dsl.fetchExists(
        SMS_OUTBOX,
        SMS_OUTBOX.ID.eq(id),
        phones.map(SMS_OUTBOX.TO_E164::in).orElse(DSL.noCondition()));
  }

  /**
   * How many texts wait to leave (due and queued, waiting to be tried again, being sent or asked
   * about), since when the oldest of them has waited, and how many are OutboxRepository.UNKNOWN
   * (handed to the provider with no answer, or lost before this version recorded it). A text never
   * tried waits from when it is due (a digest is made now and due at the end of its window), one
   * tried before from when it was made; texts not due yet do not count.
   */
  Backlog backlog(Instant now) {
    Field<Instant> waitingSince =
        DSL.when(SMS_OUTBOX.ATTEMPTS.eq(0), SMS_OUTBOX.NEXT_ATTEMPT_AT)
            .otherwise(SMS_OUTBOX.CREATED_AT);
    Record2<Integer, Instant> row =
        dsl.select(DSL.count(), DSL.min(waitingSince))
            .from(SMS_OUTBOX)
            .where(
                SMS_OUTBOX
                    .STATUS
                    .in(OutboxRepository.PENDING, OutboxRepository.SENDING)
                    .or(
                        SMS_OUTBOX
                            .STATUS
                            .eq(OutboxRepository.UNKNOWN)
                            .and(SMS_OUTBOX.HANDED_AT.isNotNull())))
            .and(SMS_OUTBOX.ATTEMPTS.gt(0).or(SMS_OUTBOX.NEXT_ATTEMPT_AT.le(now)))
            .fetchOne();
    int unknown = dsl.fetchCount(SMS_OUTBOX, SMS_OUTBOX.STATUS.eq(OutboxRepository.UNKNOWN));
    return new Backlog(row.value1(), row.value2(), unknown);
  }

  /** Texts not yet sent. */
  record Backlog(int due, @Nullable Instant oldestDueSince, int unknown) {}

  List<OutboxMessage> findByRecipient(String to, int limit) {
    return dsl.selectFrom(SMS_OUTBOX)
        .where(SMS_OUTBOX.TO_E164.eq(to))
        .orderBy(SMS_OUTBOX.CREATED_AT.desc(), SMS_OUTBOX.ID.desc())
        .limit(limit)
        .fetch(OutboxQueries::toMessage);
  }

  List<OutboxMessage> findLatest(int limit, @Nullable Instant before) {
    Condition condition = before == null ? DSL.noCondition() : SMS_OUTBOX.CREATED_AT.lt(before);
    return dsl.selectFrom(SMS_OUTBOX)
        .where(condition)
        .orderBy(SMS_OUTBOX.ID.desc())
        .limit(limit)
        .fetch(OutboxQueries::toMessage);
  }

  private static OutboxMessage toMessage(SmsOutboxRecord r) {
    return new OutboxMessage(
        r.getId(),
        r.getToE164(),
        r.getBody(),
        r.getPurpose(),
        r.getChannel(),
        r.getStatus(),
        r.getAttempts(),
        r.getProvider(),
        r.getProviderId(),
        r.getCreatedAt(),
        r.getSentAt());
  }
}
