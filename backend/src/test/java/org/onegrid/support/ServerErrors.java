package org.onegrid.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test during which the app answered a request with a 500 (an exception no handler knew),
 * even when the test itself only looked at the body: bad input gets a 4xx, never a 500. Registered
 * for every test through the extension service file; the appender is wired in logback-test.xml.
 */
public final class ServerErrors implements BeforeEachCallback, AfterEachCallback {

  private static final String HANDLER = "org.onegrid.platform.ErrorHandlers$UnexpectedHandler";
  private static final List<String> SEEN = new ArrayList<>();
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(ServerErrors.class);

  /** Logback appender: remembers each request the app answered with a 500. */
  public static final class Recorder extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      if (event.getLevel() == Level.ERROR && HANDLER.equals(event.getLoggerName())) {
        IThrowableProxy cause = event.getThrowableProxy();
        String what =
            event.getFormattedMessage()
                + (cause == null ? "" : ": " + cause.getClassName() + " " + cause.getMessage());
        synchronized (SEEN) {
          SEEN.add(what);
        }
      }
    }
  }

  private static int seen() {
    synchronized (SEEN) {
      return SEEN.size();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NS).put("from", seen());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Integer from = context.getStore(NS).get("from", Integer.class);
    if (from == null) {
      return;
    }
    List<String> during;
    synchronized (SEEN) {
      during = List.copyOf(SEEN.subList(Math.min(from, SEEN.size()), SEEN.size()));
    }
    if (!during.isEmpty()) {
      throw new AssertionError("The app answered 500 during this test: " + during);
    }
  }
}
