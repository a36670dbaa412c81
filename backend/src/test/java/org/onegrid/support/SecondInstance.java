package org.onegrid.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/**
 * Another backend instance on the test run's database, as a second machine behind the proxy would
 * be (its own SMS dispatcher off). People signed in on the first instance use it with the same
 * session.
 */
public final class SecondInstance implements AutoCloseable {

  private final EmbeddedServer server;
  private final JsonMapper json;

  private SecondInstance(EmbeddedServer server, JsonMapper json) {
    this.server = server;
    this.json = json;
  }

  public static SecondInstance start(JsonMapper json) {
    return start(json, Map.of());
  }

  /** Another instance with these settings besides the test run's. */
  public static SecondInstance start(JsonMapper json, Map<String, Object> settings) {
    Map<String, Object> all = new HashMap<>(settings);
    all.put("micronaut.server.port", -1);
    all.put("onegrid.sms.dispatcher.enabled", false);
    return new SecondInstance(ApplicationContext.run(EmbeddedServer.class, all, "test"), json);
  }

  /** The same person, with the same session, talking to this instance. */
  public Browser as(Browser signedIn) {
    Browser there = new Browser(server.getURL().toString(), json);
    there.cookies().putAll(signedIn.cookies());
    return there;
  }

  @Override
  public void close() {
    server.getApplicationContext().close();
  }
}
