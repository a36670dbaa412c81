package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.db.Tables.PROBLEMS;
import static org.onegrid.db.Tables.SESSIONS;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;

/**
 * The warm-up's reads run on the demo city's newest problems, their reporters and leaders, every
 * tab of the inbox and both languages, without failing and without a session or a problem made.
 */
@MicronautTest
class ProblemWarmUpTest extends ApiTest {

  @Inject ProblemWarmUp warmUp;
  @Inject DSLContext dsl;

  @Test
  void readsThePagesPeopleOpenFirstAndWritesNothing() throws Exception {
    int problems = dsl.fetchCount(PROBLEMS);
    int sessions = dsl.fetchCount(SESSIONS);

    for (int round = 0; round < 8; round++) {
      warmUp.run(round);
    }

    assertThat(dsl.fetchCount(PROBLEMS)).isEqualTo(problems);
    assertThat(dsl.fetchCount(SESSIONS)).isEqualTo(sessions);
  }
}
