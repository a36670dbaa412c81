package org.onegrid.platform;

import io.micronaut.core.annotation.Nullable;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Failures that are the database's state, not a bug: it cannot be reached (down, restarting, the
 * pool waited its connection-timeout in vain) or it kept rolling the work back under contention
 * after every retry. Either way nothing of the request was saved, and asking again later may work.
 */
public record DatabaseTrouble(String code, Duration retryAfter) {

  static final DatabaseTrouble UNREACHABLE =
      new DatabaseTrouble("database-unavailable", Duration.ofSeconds(10));

  static final DatabaseTrouble BUSY = new DatabaseTrouble("database-busy", Duration.ofSeconds(1));

  /** What went wrong with the database in this failure's causes, or null if it is not that. */
  public static @Nullable DatabaseTrouble of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t.getClass().getName().endsWith("CommunicationsException")
          || (t instanceof SQLException sql && "08".equals(state(sql)))) {
        return UNREACHABLE;
      }
      if (t instanceof SQLTransactionRollbackException
          || (t instanceof SQLException sql
              && (sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205))) {
        return BUSY;
      }
    }
    return null;
  }

  private static String state(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.length() < 2 ? "" : state.substring(0, 2);
  }
}
