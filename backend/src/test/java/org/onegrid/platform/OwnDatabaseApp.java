package org.onegrid.platform;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.onegrid.support.Files;

/**
 * OneGrid on a MariaDB server of its own, not the test run's shared one, for tests that kill, stop
 * or restart the database under a running app.
 */
final class OwnDatabaseApp implements AutoCloseable {

  private final Path dir;
  private final EmbeddedServer app;
  private EmbeddedMariaDb db;

  private OwnDatabaseApp(Path dir, EmbeddedMariaDb db, EmbeddedServer app) {
    this.dir = dir;
    this.db = db;
    this.app = app;
  }

  /** The app with texts logged, no demo data, on a random port, and these settings on top. */
  static OwnDatabaseApp start(String name, Map<String, Object> settings) {
    Path dir =
        Path.of(
            System.getProperty("user.home"), ".cache", "onegrid-" + name + "-" + UUID.randomUUID());
    EmbeddedMariaDb db = EmbeddedMariaDb.open(dir, 0);
    Map<String, Object> all = new HashMap<>();
    all.put("datasources.default.url", db.jdbcUrl());
    all.put("datasources.default.username", EmbeddedMariaDb.USER);
    all.put("datasources.default.password", db.password());
    all.put("onegrid.sms.provider", "log");
    all.put("onegrid.demo.enabled", false);
    all.put("micronaut.server.port", -1);
    all.putAll(settings);
    return new OwnDatabaseApp(dir, db, ApplicationContext.run(EmbeddedServer.class, all, "test"));
  }

  String base() {
    return app.getURL().toString();
  }

  ApplicationContext context() {
    return app.getApplicationContext();
  }

  /** The database server's process. */
  ProcessHandle database() {
    return db.process().orElseThrow();
  }

  /** Kills the database server as a crash would, and waits until it is gone. */
  void killDatabase() throws Exception {
    ProcessHandle server = database();
    server.destroyForcibly();
    server.onExit().get();
  }

  /** Starts the database server again on its data and port. */
  void startDatabaseAgain() {
    int port = Integer.parseInt(db.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1"));
    db = EmbeddedMariaDb.open(dir, port);
  }

  @Override
  public void close() throws IOException {
    try {
      app.getApplicationContext().close();
      db.stop();
    } finally {
      Files.deleteTree(dir);
    }
  }
}
