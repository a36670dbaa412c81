package org.onegrid.notify;

import static org.onegrid.db.Tables.SMS_OUTBOX;

import java.util.List;
import org.jooq.DSLContext;

/**
 * The test database is shared by every test class, run one after another. Some leave texts that
 * will never leave (their dispatcher was off, their fake Twilio is gone, a retry waits for a clock
 * that stopped with their context). A test that reads "are texts late?" from the whole queue
 * settles those first, so it measures only what it queued itself.
 */
final class OtherTestsTexts {

  private OtherTestsTexts() {}

  /** Marks every text not yet settled as failed, as an operator giving up on them would. */
  static int settle(DSLContext dsl) {
    dsl.select(SMS_OUTBOX.PURPOSE, SMS_OUTBOX.STATUS, SMS_OUTBOX.ATTEMPTS, SMS_OUTBOX.CREATED_AT)
        .from(SMS_OUTBOX)
        .where(SMS_OUTBOX.STATUS.in(List.of("PENDING", "SENDING", "UNKNOWN")))
        .forEach(
            row -> System.out.println("settling a text left by another test: " + row.intoList()));
    return dsl.update(SMS_OUTBOX)
        .set(SMS_OUTBOX.STATUS, "FAILED")
        .set(SMS_OUTBOX.LAST_ERROR, "left unsent by another test")
        .setNull(SMS_OUTBOX.CLAIMED_UNTIL)
        .where(SMS_OUTBOX.STATUS.in(List.of("PENDING", "SENDING", "UNKNOWN")))
        .execute();
  }
}
