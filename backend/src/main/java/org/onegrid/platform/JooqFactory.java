package org.onegrid.platform;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

/**
 * The one {@link DSLContext} of the application. Transactions are bound to the calling thread, so
 * repositories use this same context inside and outside {@link Tx#run}.
 *
 * <p>The dialect follows the server connected to, since MySQL 8 and MariaDB differ in the upsert
 * syntax jOOQ writes. Generated ids are read with {@link Tx#insertReturningId}, not INSERT …
 * RETURNING, which MySQL Connector/J refuses to run against MariaDB.
 */
@Factory
class JooqFactory {

  @Singleton
  DSLContext dslContext(
      DataSource dataSource, @Value("${onegrid.database.log-sql:false}") boolean logSql) {
    ThreadLocalTransactionProvider transactions =
        new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource));
    DefaultConfiguration configuration = new DefaultConfiguration();
    configuration.set(detectDialect(dataSource));
    configuration.set(transactions);
    configuration.set(
        new Settings()
            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
            .withRenderSchema(false)
            // GROUP_CONCAT is used for short lists (a problem's photo ids): without this jOOQ
            // sends "SET @@group_concat_max_len" before each such query, a round trip per page.
            .withRenderGroupConcatMaxLenSessionVariable(false)
            .withExecuteLogging(logSql));
    return DSL.using(configuration);
  }

  private static SQLDialect detectDialect(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      String version = connection.getMetaData().getDatabaseProductVersion();
      return version.toLowerCase(Locale.ROOT).contains("mariadb")
          ? SQLDialect.MARIADB
          : SQLDialect.MYSQL;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
    }
  }
}
