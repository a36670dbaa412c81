package org.onegrid.platform;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded MariaDB running: if its process dies while OneGrid runs, it is started again
 * within seconds. In between, requests answer 503 at once (nothing saved, try again) and /health is
 * DOWN; the connection pool reconnects by itself afterwards.
 */
@Singleton
final class EmbeddedMariaDbWatch {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDbWatch.class);

  @Scheduled(fixedDelay = "${onegrid.database.embedded.watch-interval:5s}", initialDelay = "10s")
  void check() {
    EmbeddedMariaDb.current()
        .ifPresent(
            server -> {
              try {
                server.restartIfDead();
              } catch (RuntimeException e) {
                LOG.error("The embedded MariaDB could not be started again; will try again", e);
              }
            });
  }
}
