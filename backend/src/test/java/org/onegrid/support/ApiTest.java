package org.onegrid.support;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.onegrid.notify.SmsOutbox;

/**
 * What every HTTP test of the running app needs: a fresh browser and the ways people sign in.
 * Subclasses carry {@code @MicronautTest}.
 */
public abstract class ApiTest {

  @Inject protected EmbeddedServer server;
  @Inject protected JsonMapper json;
  @Inject protected SmsOutbox outbox;

  /** A new browser, with no cookies, from an address of its own. */
  protected Browser browser() {
    return new Browser(server.getURL().toString(), json);
  }

  protected SignIn signIn() {
    return new SignIn(outbox);
  }

  /** A browser signed in as the demo staff member with this phone. */
  protected Browser staff(String phone) {
    Browser b = browser();
    signIn().staff(b, phone);
    return b;
  }

  /**
   * A browser signed in by SMS code as the resident with this phone (new residents are created).
   */
  protected Browser resident(String phone) {
    Browser b = browser();
    signIn().resident(b, phone);
    return b;
  }
}
