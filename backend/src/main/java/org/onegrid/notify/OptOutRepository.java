package org.onegrid.notify;

import static org.onegrid.db.Tables.SMS_OPT_OUTS;

import jakarta.inject.Singleton;
import java.time.Instant;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/** Phones that asked not to be texted. */
@Singleton
class OptOutRepository {

  private final DSLContext dsl;

  OptOutRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** How a message to a person may go: by push ({@code push} holds), and whether texts may. */
  record Reach(boolean push, boolean optedOut) {}

  /** Whether {@code push} holds and whether the phone opted out, in one round trip. */
  Reach reach(String phone, Condition push) {
    Record2<Boolean, Boolean> r =
        dsl.select(
                DSL.field(push),
                DSL.field(
                    DSL.exists(
                        DSL.selectOne()
                            .from(SMS_OPT_OUTS)
                            .where(SMS_OPT_OUTS.PHONE_E164.eq(phone)))))
            .fetchSingle();
    return new Reach(Boolean.TRUE.equals(r.value1()), Boolean.TRUE.equals(r.value2()));
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
