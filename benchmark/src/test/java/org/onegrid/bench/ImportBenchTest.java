package org.onegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The import benchmark on a small tree (400 grids, 2,000 buildings) through the packaged app: the
 * files it writes pass the check and apply to the end. The seconds are read, not asserted; the full
 * run (19,000 grids) is in docs/benchmark.md.
 */
class ImportBenchTest {

  @Test
  void aGeneratedTreeAndItsBuildingsPassTheCheckAndApply() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ImportBench.Result result =
        ImportBench.run(
            Path.of("../backend/target/onegrid.jar"),
            target.resolve("import-bench-db"),
            400,
            15,
            new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(result.nodes()).isEqualTo(400 + 40 + 20 + 2 + 1);
    assertThat(result.buildings()).isEqualTo(2000);
    assertThat(result.staff()).isEqualTo(420);
    assertThat(result.invited()).isPositive();
    Files.writeString(target.resolve("import-bench.md"), result.markdown());
  }
}
