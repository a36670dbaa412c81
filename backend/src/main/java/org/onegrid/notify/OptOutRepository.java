package org.onegrid.notify;

import static org.onegrid.db.Tables.SMS_OPT_OUTS;

import jakarta.inject.Singleton;
import java.time.Instant;
import org.jooq.DSLContext;

/** Phones that asked not to be texted. */
@Singleton
class OptOutRepository {

  private final DSLContext dsl;

  OptOutRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  boolean isOptedOut(String phone) {
    return dsl.fetchExists(SMS_OPT_OUTS, SMS_OPT_OUTS.PHONE_E164.eq(phone));
  }

  void optOut(String phone, String source, Instant now) {
    dsl.insertInto(SMS_OPT_OUTS)
        .set(SMS_OPT_OUTS.PHONE_E164, phone)
        .set(SMS_OPT_OUTS.SOURCE, source)
        .set(SMS_OPT_OUTS.OPTED_OUT_AT, now)
        .onDuplicateKeyIgnore()
        .execute();
  }

  void optIn(String phone) {
    dsl.deleteFrom(SMS_OPT_OUTS).where(SMS_OPT_OUTS.PHONE_E164.eq(phone)).execute();
  }
}
