package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/**
 * The backup procedure of docs/operators.md, run as an operator would: mariadb-dump of the running
 * database (here the test run's embedded one, with everything the tests wrote), the dump loaded
 * into a fresh server, and a new OneGrid started on it with a copy of the photos: it starts, and a
 * problem reported before the backup is there, as the grid leader sees it.
 */
@MicronautTest
class BackupRestoreTest extends ApiTest {

  @Test
  void aBackupRestoredIntoAFreshServerStartsWithEverythingThere() throws Exception {
    Resident reporter = residentOfMinzhulu1("备份前报事的居民", "2602");
    Browser.Reply filed =
        reporter
            .browser()
            .send(
                "POST",
                "/api/v1/problems",
                Map.of("categoryCode", "sanitation", "description", "备份之前报的：垃圾桶满了"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    long id = filed.<Number>at("id").longValue();

    EmbeddedMariaDb source = EmbeddedMariaDb.current().orElseThrow();
    Path work =
        Path.of(
            System.getProperty("user.home"), ".cache", "onegrid-restore-test-" + UUID.randomUUID());
    Files.createDirectories(work);
    Path dump = work.resolve("onegrid.sql");
    // docs/operators.md, "Back up and restore": the dump.
    run(
        List.of(
            source.binary("mariadb-dump").toString(),
            "-h127.0.0.1",
            "-P" + source.port(),
            "-u" + EmbeddedMariaDb.USER,
            "-p" + source.password(),
            "--single-transaction",
            "--routines",
            "--triggers",
            "--hex-blob",
            EmbeddedMariaDb.DATABASE),
        null,
        dump);
    assertThat(Files.size(dump)).isPositive();

    EmbeddedMariaDb fresh = EmbeddedMariaDb.open(work.resolve("db"), 0);
    EmbeddedServer restored = null;
    try {
      // docs/operators.md: load it into the new server (empty database), then start OneGrid on it.
      run(
          List.of(
              fresh.binary("mariadb").toString(),
              "-h127.0.0.1",
              "-P" + fresh.port(),
              "-u" + EmbeddedMariaDb.USER,
              "-p" + fresh.password(),
              EmbeddedMariaDb.DATABASE),
          dump,
          null);
      restored =
          ApplicationContext.run(
              EmbeddedServer.class,
              Map.of(
                  "datasources.default.url",
                  fresh.jdbcUrl(),
                  "datasources.default.username",
                  EmbeddedMariaDb.USER,
                  "datasources.default.password",
                  fresh.password(),
                  "onegrid.sms.provider",
                  "log",
                  "onegrid.sms.dispatcher.enabled",
                  false,
                  "onegrid.storage.dir",
                  work.resolve("files").toString(),
                  "micronaut.server.port",
                  -1),
              "test");
      Browser leader = new Browser(restored.getURL().toString(), json);
      signIn().staff(leader, DemoCity.LEADER_MINZHULU_1);
      Browser.Reply problem = leader.get("/api/v1/problems/" + id);
      assertThat(problem.status()).isEqualTo(200);
      assertThat(problem.<String>at("description")).isEqualTo("备份之前报的：垃圾桶满了");
    } finally {
      if (restored != null) {
        restored.getApplicationContext().close();
      }
      fresh.stop();
      org.onegrid.support.Files.deleteTree(work);
    }
  }

  private static void run(List<String> command, Path in, Path out) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (in != null) {
      builder.redirectInput(in.toFile());
    }
    if (out != null) {
      builder.redirectOutput(out.toFile());
    }
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process = builder.start();
    assertThat(process.waitFor()).as(String.join(" ", command.subList(0, 1))).isZero();
  }
}
