package org.onegrid.platform;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanDestroyedEvent;
import io.micronaut.context.event.BeanDestroyedEventListener;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * Tells the embedded MariaDB that this application context is done with it: its datasource is
 * closed, which happens after every bean that uses the database (the SMS dispatcher, the jobs, the
 * HTTP server's requests) has stopped.
 */
@Singleton
final class EmbeddedMariaDbRelease implements BeanDestroyedEventListener<DataSource> {

  private final boolean embedded;

  EmbeddedMariaDbRelease(Environment environment) {
    this.embedded =
        DatabaseConfigurer.isEmbedded(
            environment.getProperty(DatabaseConfigurer.URL_PROPERTY, String.class).orElse(null));
  }

  @Override
  public void onDestroyed(BeanDestroyedEvent<DataSource> event) {
    if (embedded) {
      EmbeddedMariaDb.released();
    }
  }
}
