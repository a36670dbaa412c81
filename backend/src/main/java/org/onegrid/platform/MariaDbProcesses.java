package org.onegrid.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MariaDB server of a data directory as an operating-system process: found through its
 * pid file and command line, and stopped when an earlier OneGrid left it behind.
 */
final class MariaDbProcesses {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);

  private MariaDbProcesses() {}

  /**
   * A OneGrid killed with kill -9 leaves its MariaDB running, holding the data directory's locks,
   * and the next start would fail. Such a server is recognised by the pid file in the data
   * directory and a command line naming that directory, and stopped (SIGTERM: InnoDB shuts down
   * cleanly) before a new one starts. Anything else is left alone.
   */
  static void stopLeftBehind(Path dataDir) {
    Optional<ProcessHandle> server = serverProcess(dataDir);
    if (server.isEmpty()) {
      return;
    }
    // Left behind means its OneGrid is gone (killed: the server then belongs to init). A server
    // whose parent is another running Java is another OneGrid's, in use: stopping it would pull
    // the database from under that one, so this start is refused instead.
    Optional<ProcessHandle> owner =
        server
            .get()
            .parent()
            .filter(p -> p.pid() != ProcessHandle.current().pid())
            .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false));
    if (owner.isPresent()) {
      throw new IllegalStateException(
          "Another OneGrid (pid "
              + owner.get().pid()
              + ") is running on the embedded database in "
              + dataDir
              + ": stop it first, or give this one its own onegrid.database.embedded.data-dir");
    }
    LOG.warn(
        "A MariaDB left running on {} by an earlier OneGrid (pid {}) is being stopped first",
        dataDir,
        server.get().pid());
    server.get().destroy();
    try {
      server.get().onExit().get(2, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "The MariaDB left running on "
              + dataDir
              + " (pid "
              + server.get().pid()
              + ") did not stop in 2 minutes",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isServerOf(ProcessHandle process, Path dataDir) {
    String command = process.info().commandLine().orElse("");
    return (command.contains("mariadbd") || command.contains("mysqld"))
        && command.contains(dataDir.toString());
  }

  /**
   * The running server of a data directory: the process its pid file names, if that process is a
   * mariadbd started on this directory.
   */
  static Optional<ProcessHandle> serverProcess(Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dataDir)) {
      for (Path pidFile : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
        Optional<ProcessHandle> found =
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                .filter(p -> isServerOf(p, dataDir));
        if (found.isPresent()) {
          return found;
        }
      }
    } catch (IOException | NumberFormatException e) {
      LOG.debug("No pid of the embedded MariaDB in {}", dataDir, e);
    }
    return Optional.empty();
  }
}
