package org.onegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a request's statements out of the app's log, and making a replayed write unique. */
class SqlCaptureTest {

  private static final String LOG =
      """
      10:00:00.001 [io-executor-thread-3] DEBUG org.jooq.tools.LoggerListener - Executing query          : select accounts.id from accounts where accounts.id = ?
      10:00:00.001 [io-executor-thread-3] DEBUG org.jooq.tools.LoggerListener - -> with bind values      : select accounts.id from accounts where accounts.id = 42
      10:00:00.002 [io-executor-thread-3] DEBUG org.jooq.tools.LoggerListener - Fetched result           : +--+
      10:00:00.002 [scheduled-executor-thread-1] DEBUG org.jooq.tools.LoggerListener - Executing query          : select sms_outbox.id from sms_outbox where sms_outbox.status = ?
      10:00:00.002 [scheduled-executor-thread-1] DEBUG org.jooq.tools.LoggerListener - -> with bind values      : select sms_outbox.id from sms_outbox where sms_outbox.status = 'PENDING'
      10:00:00.003 [io-executor-thread-3] DEBUG org.jooq.tools.LoggerListener - Executing query          : select last_insert_id()
      10:00:00.003 [io-executor-thread-3] DEBUG org.jooq.tools.LoggerListener - Fetched result           : +----------------+
      10:00:00.003 [io-executor-thread-3] DEBUG org.jooq.tools.LoggerListener -                          : |last_insert_id()|
      10:00:00.003 [io-executor-thread-3] DEBUG org.jooq.tools.LoggerListener -                          : +----------------+
      10:00:00.003 [io-executor-thread-3] DEBUG org.jooq.tools.LoggerListener -                          : |            5129|
      10:00:00.004 [io-executor-thread-3] DEBUG org.jooq.tools.LoggerListener - Executing query          : insert ignore into problems (idempotency_key, description) values (?, ?)
      10:00:00.004 [io-executor-thread-3] DEBUG org.jooq.tools.LoggerListener - -> with bind values      : insert ignore into problems (idempotency_key, description) values ('0b9e2a4c-1f0e-4c6a-9d7e-3f1a2b3c4d5e', '灯不亮？')
      10:00:00.005 [io-executor-thread-3] DEBUG o.onegrid.platform.GeneratedKeys - Generated key : 777
      10:00:00.005 [io-executor-thread-3] INFO  org.onegrid.Something - not SQL
      """;

  @Test
  void takesTheRequestThreadsStatementsWithTheirValuesAndLeavesTheJobsOut() {
    List<String> statements = SqlCapture.statements(LOG);

    assertThat(statements)
        .containsExactly(
            "select accounts.id from accounts where accounts.id = 42",
            "select last_insert_id()",
            "insert ignore into problems (idempotency_key, description) values"
                + " ('0b9e2a4c-1f0e-4c6a-9d7e-3f1a2b3c4d5e', '灯不亮？')");
    assertThat(SqlCapture.parse(LOG).generatedIds())
        .containsExactly(Map.entry(1, 5129L), Map.entry(2, 777L));
    assertThat(new SqlCapture.Iteration(statements).writes()).isTrue();
    assertThat(new SqlCapture.Iteration(statements.subList(0, 2)).writes()).isFalse();
    assertThat(SqlCapture.isRead("select * from clinic_slots where id = 1 for update")).isFalse();
  }

  @Test
  void aReplayUsesTheIdItWasGivenWhereTheIterationUsedItsOwnButNotInsideDates() {
    String cancel =
        "update clinic_bookings set status = 'CANCELLED', cancelled_at = timestamp '2026-12-08"
            + " 14:00:00' where (clinic_bookings.id = 2026 and clinic_bookings.patient_id = 20261)";

    assertThat(SqlReplay.replaceIds(cancel, Map.of(2026L, 987654L)))
        .isEqualTo(
            "update clinic_bookings set status = 'CANCELLED', cancelled_at = timestamp"
                + " '2026-12-08 14:00:00' where (clinic_bookings.id = 987654 and"
                + " clinic_bookings.patient_id = 20261)");
  }

  @Test
  void aReplayedWriteGetsFreshUuidsTheSameWithinOneIteration() {
    Map<String, String> fresh = new HashMap<>();
    String key = "0b9e2a4c-1f0e-4c6a-9d7e-3f1a2b3c4d5e";
    String first = SqlReplay.freshUuids("insert into t values ('" + key + "')", fresh);
    String second = SqlReplay.freshUuids("select 1 from t where k = '" + key + "'", fresh);

    assertThat(first).doesNotContain(key);
    String replaced = first.substring(first.indexOf('\'') + 1, first.lastIndexOf('\''));
    assertThat(second).contains(replaced);
    assertThat(SqlReplay.freshUuids("insert into t values ('" + key + "')", new HashMap<>()))
        .isNotEqualTo(first);
  }
}
