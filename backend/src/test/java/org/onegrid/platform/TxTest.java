package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.onegrid.db.Tables.RATE_LIMIT_HITS;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** Transactions: joined when nested, refused when the work must commit by itself. */
@MicronautTest
class TxTest {

  @Inject Tx tx;
  @Inject DSLContext dsl;

  private long connectionId() {
    return dsl.fetchOne("SELECT CONNECTION_ID()").get(0, Long.class);
  }

  @Test
  void nestedWorkJoinsTheCallersTransaction() {
    long[] ids = new long[2];
    tx.run(
        () -> {
          ids[0] = connectionId();
          tx.run(() -> ids[1] = connectionId());
        });
    assertThat(ids[1]).isEqualTo(ids[0]);
  }

  private long statementsSentOnThisConnection() {
    // Counts every statement the server received on this connection, this one included.
    return dsl.fetchOne("SHOW SESSION STATUS LIKE 'Questions'").get(1, Long.class);
  }

  @Test
  void aWriteInATransactionIsOneRoundTrip() {
    long[] sent = new long[2];
    tx.run(
        () -> {
          sent[0] = statementsSentOnThisConnection();
          dsl.update(RATE_LIMIT_HITS)
              .set(RATE_LIMIT_HITS.HITS, RATE_LIMIT_HITS.HITS)
              .where(RATE_LIMIT_HITS.BUCKET.eq("no-such-bucket"))
              .execute();
          sent[1] = statementsSentOnThisConnection();
        });
    // The UPDATE and the second count: the driver does not first ask the server whether the
    // connection is read-only ("SELECT @@session.transaction_read_only"), a round trip per write.
    assertThat(sent[1] - sent[0]).isEqualTo(2);
  }

  @Test
  void workThatMustCommitByItselfRefusesToRunInsideAnotherTransaction() {
    assertThat(tx.runAlone(() -> 1)).isEqualTo(1);
    assertThatThrownBy(() -> tx.run(() -> tx.runAlone(() -> 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("commits by itself");
  }
}
