package org.onegrid.platform;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * Points the default datasource at a configured MySQL/MariaDB server, or, when no URL is
 * configured, at an embedded MariaDB started here. Either way every connection works in UTC; on a
 * node of a Galera cluster its reads also wait for what the cluster has committed ({@link
 * GaleraNode}).
 */
@Singleton
public final class DatabaseConfigurer implements BeanCreatedEventListener<DatasourceConfiguration> {

  public static final String URL_PROPERTY = "datasources.default.url";
  private final Environment environment;

  DatabaseConfigurer(Environment environment) {
    this.environment = environment;
  }

  /** The datasource URL that means "start an embedded MariaDB"; it is the default. */
  public static final String EMBEDDED = "jdbc:onegrid:embedded-mariadb";

  /** True when this process runs its own embedded MariaDB rather than a configured server. */
  public static boolean isEmbedded(String url) {
    return url == null || url.isBlank() || EMBEDDED.equals(url.trim());
  }

  @Override
  public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
    DatasourceConfiguration config = event.getBean();
    boolean embedded = isEmbedded(environment.getProperty(URL_PROPERTY, String.class).orElse(null));
    if (embedded) {
      Path dataDir =
          Path.of(
              environment
                  .getProperty("onegrid.database.embedded.data-dir", String.class)
                  .orElse(System.getProperty("user.home") + "/.onegrid/mariadb"));
      int port = environment.getProperty("onegrid.database.embedded.port", Integer.class).orElse(0);
      String bufferPool =
          environment
              .getProperty("onegrid.database.embedded.buffer-pool-size", String.class)
              .orElse(EmbeddedMariaDb.DEFAULT_BUFFER_POOL);
      EmbeddedMariaDb db = EmbeddedMariaDb.start(dataDir, port, bufferPool);
      config.setUrl(db.jdbcUrl());
      config.setUsername(EmbeddedMariaDb.USER);
      config.setPassword(db.password());
      // The embedded server listens on loopback only: TLS there costs CPU and protects nothing.
      config.addDataSourceProperty("sslMode", "DISABLED");
    }
    config.setDriverClassName("com.mysql.cj.jdbc.Driver");
    config.setConnectionInitSql(
        !embedded && GaleraNode.isOne(config.getUrl(), config.getUsername(), config.getPassword())
            ? "SET time_zone = '+00:00', wsrep_sync_wait = " + GaleraNode.SYNC_READS
            : "SET time_zone = '+00:00'");
    config.addDataSourceProperty("connectionTimeZone", "UTC");
    config.addDataSourceProperty("characterEncoding", "UTF-8");
    // A server that does not answer the connection attempt is given up on in seconds.
    config.addDataSourceProperty("connectTimeout", "5000");
    config.addDataSourceProperty("rewriteBatchedStatements", "true");
    config.addDataSourceProperty("cachePrepStmts", "true");
    // Connector/J parses every statement on the client; it keeps the parse only of statements up to
    // prepStmtCacheSqlLimit characters (256 by default, shorter than most of jOOQ's), so a report
    // spent 40 % of its CPU parsing the same SQL again (measured with JFR under the benchmark).
    config.addDataSourceProperty("prepStmtCacheSize", "500");
    config.addDataSourceProperty("prepStmtCacheSqlLimit", "8192");
    config.addDataSourceProperty("useServerPrepStmts", "false");
    // Without this Connector/J asks the server "SELECT @@session.transaction_read_only" before
    // every INSERT, UPDATE and DELETE, to refuse writes on a read-only connection: a third of a
    // report's round trips (6 of 18, seen in the server's general log). The driver keeps
    // autocommit, isolation and read-only itself instead; OneGrid changes them only through JDBC,
    // never by SQL.
    config.addDataSourceProperty("useLocalSessionState", "true");
    return config;
  }
}
