package org.onegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The SMS benchmark on a small scale (the packaged app, the real Twilio SDK, a local Twilio
 * answering after 100 ms): it runs, every text leaves, and the numbers are written. The numbers
 * themselves are read, not asserted; the full run is in docs/benchmark.md.
 */
class SmsBenchTest {

  @Test
  void textsLeaveAndASignInCodeGetsThroughANotice() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    SmsBench.Result result =
        SmsBench.run(
            Path.of("../backend/target/onegrid.jar"),
            target.resolve("sms-bench-db"),
            200,
            1000,
            Duration.ofMillis(100),
            4,
            new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(result.perSecond()).isPositive();
    assertThat(result.noticeSentBeforeCode()).isLessThan(1000);
    Files.writeString(target.resolve("sms-bench.md"), result.markdown());
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("sign-in code delay");
  }
}
