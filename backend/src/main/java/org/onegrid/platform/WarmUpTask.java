package org.onegrid.platform;

/**
 * A feature's busiest reads, done once the way its requests do them (on real rows, with the answer
 * written as JSON), for {@link WarmUp} to repeat before the instance says it is ready. Must not
 * write anything a person could see.
 */
public interface WarmUpTask {

  /**
   * Does the reads once; {@code round} counts from 0, so a task can pick its sample on the first
   * round and vary its rows and filters after. A failure is logged and the rounds go on.
   */
  void run(int round) throws Exception;
}
