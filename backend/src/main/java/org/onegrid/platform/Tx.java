package org.onegrid.platform;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertReturningStep;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to run a transaction. Services decide where a transaction starts and ends;
 * repositories called inside the supplied work join it. A deadlock or lock-wait timeout rolls back
 * and runs the work again a few times, so the work must not have effects outside the database
 * (those go through an outbox table).
 */
@Singleton
public class Tx {

  private static final Logger LOG = LoggerFactory.getLogger(Tx.class);

  /**
   * Tries before a deadlock (or a Galera certification failure, reported as one) is given up on and
   * the request answered 503 "try again": enough that a rush of bookers on one slot gets through.
   */
  private static final int ATTEMPTS = 8;

  private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();
  private static final Logger KEYS = LoggerFactory.getLogger("org.onegrid.platform.GeneratedKeys");

  private final DSLContext dsl;
  private final Configuration keysFromReply;

  Tx(DSLContext dsl) {
    this.dsl = dsl;
    this.keysFromReply = dsl.configuration().derive(SQLDialect.MYSQL);
  }

  /**
   * Runs the work in a transaction: a new one, or the caller's when there is one (the work then
   * commits or rolls back with it). Where the work must commit by itself before what follows (a
   * claim before a text is handed to Twilio, a job's step before the next), use {@link #runAlone}.
   */
  public <T> T run(Supplier<T> work) {
    if (ACTIVE.get() != null) {
      // Already inside a transaction: join it. Only the outermost call may retry, since a deadlock
      // rolls back all.
      return work.get();
    }
    for (int attempt = 1; ; attempt++) {
      try {
        ACTIVE.set(Boolean.TRUE);
        return dsl.transactionResult(work::get);
      } catch (DataAccessException e) {
        if (attempt >= ATTEMPTS || !isRetryable(e)) {
          throw e;
        }
        LOG.info(
            "Transaction rolled back by the database ({}); attempt {} of {}",
            e.getMessage(),
            attempt,
            ATTEMPTS);
        try {
          // Doubling with jitter, so that the transactions that collided do not collide again.
          long ceiling = Math.min(400L, 5L << attempt);
          Thread.sleep(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      } finally {
        ACTIVE.remove();
      }
    }
  }

  /**
   * Runs the work in a transaction of its own that has committed when this returns; called inside
   * another transaction it refuses (IllegalStateException) rather than silently joining it, since
   * joining would keep what must already be done (a row claimed, a reminder marked sent)
   * uncommitted until an outer transaction ends, and undo it if that one rolls back.
   */
  public <T> T runAlone(Supplier<T> work) {
    if (ACTIVE.get() != null) {
      throw new IllegalStateException(
          "This work commits by itself: it may not run inside another transaction");
    }
    return run(work);
  }

  /**
   * As {@link #insertReturningId} for an {@code INSERT IGNORE}: empty when the row was already
   * there.
   */
  public Optional<Long> insertReturningIdIfNew(
      InsertReturningStep<? extends Record> insert, Field<? extends Number> id) {
    var returning = insert.returningResult(id);
    returning.attach(keysFromReply);
    Optional<Long> key = returning.fetchOptional().map(r -> r.value1().longValue());
    // With the SQL log on, as the SQL log once showed it by SELECT LAST_INSERT_ID() (the
    // benchmark's replay gives its own rows' keys where the app used these).
    key.ifPresent(k -> KEYS.debug("Generated key : {}", k));
    return key;
  }

  /**
   * A transaction at READ COMMITTED, for a job that reads many rows to write summaries of them: its
   * reads take no locks (INSERT … SELECT included), so it neither waits for nor holds up the
   * requests writing those rows; what they commit later is the job's next run's business. Must not
   * be called inside another transaction.
   */
  public <T> T runReadCommitted(Supplier<T> work) {
    if (ACTIVE.get() != null) {
      throw new IllegalStateException("READ COMMITTED must start its own transaction");
    }
    return run(
        () -> {
          // The first statement of the transaction: sets its level before it has read anything.
          dsl.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
          return work.get();
        });
  }

  public void run(Runnable work) {
    run(
        () -> {
          work.run();
          return null;
        });
  }

  private static boolean isRetryable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransactionRollbackException) {
        return true;
      }
      if (t instanceof SQLException sql
          && (sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs an INSERT into a table with an auto-increment key and returns the new key from the
   * insert's own reply (JDBC's generated keys), where {@code SELECT LAST_INSERT_ID()} after it was
   * a second round trip. Run as MySQL: jOOQ would write MariaDB's {@code INSERT … RETURNING}, which
   * MySQL Connector/J refuses to read as a result (the INSERT itself is the same in both).
   */
  public long insertReturningId(
      InsertReturningStep<? extends Record> insert, Field<? extends Number> id) {
    return insertReturningIdIfNew(insert, id).orElseThrow();
  }
}
