package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void workThatMustCommitByItselfRefusesToRunInsideAnotherTransaction() {
    assertThat(tx.runAlone(() -> 1)).isEqualTo(1);
    assertThatThrownBy(() -> tx.run(() -> tx.runAlone(() -> 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("commits by itself");
  }
}
