package org.onegrid.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A system following OneGrid's events, as its documentation asks one to be written: it checks the
 * signature over the raw body with its secret (and refuses an unsigned or stale post with 401),
 * processes each event id once (a delivery may come again after a timeout) and answers 2xx. It can
 * be told to fail or stall its next answers.
 */
public final class TestSubscriber {

  private final HttpServer server;
  private final JsonMapper json;
  private volatile String secret = "";
  private final List<Map<String, Object>> processed = new ArrayList<>();
  private final AtomicInteger posts = new AtomicInteger();
  private final AtomicInteger badSignatures = new AtomicInteger();
  private final AtomicInteger failNext = new AtomicInteger();
  private volatile int failStatus = 500;
  private volatile Duration stallNext = Duration.ZERO;

  private TestSubscriber(HttpServer server, JsonMapper json) {
    this.server = server;
    this.json = json;
  }

  public static TestSubscriber start(JsonMapper json) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      TestSubscriber subscriber = new TestSubscriber(server, json);
      server.createContext("/hooks", subscriber::handle);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return subscriber;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String url() {
    return "http://localhost:" + server.getAddress().getPort() + "/hooks";
  }

  public void stop() {
    server.stop(0);
  }

  /** The secret OneGrid showed when the subscriber was registered. */
  public void useSecret(String secret) {
    this.secret = secret;
  }

  public void failNext(int count, int status) {
    failStatus = status;
    failNext.set(count);
  }

  /** Answers the next post only after this long (longer than OneGrid waits: a timeout). */
  public void stallNext(Duration delay) {
    stallNext = delay;
  }

  public int posts() {
    return posts.get();
  }

  public int badSignatures() {
    return badSignatures.get();
  }

  /** The events processed, each id once, in the order they were processed. */
  public synchronized List<Map<String, Object>> processed() {
    return List.copyOf(processed);
  }

  /** Waits until an event matching the test was processed; fails after the timeout. */
  public Map<String, Object> await(Predicate<Map<String, Object>> test, Duration timeout) {
    Optional<Map<String, Object>> found =
        Eventually.read(
            timeout, () -> processed().stream().filter(test).findFirst(), Optional::isPresent);
    if (found.isPresent()) {
      return found.get();
    }
    throw new AssertionError(
        "No such event reached the subscriber within " + timeout + ": " + processed());
  }

  private void handle(HttpExchange exchange) throws IOException {
    posts.incrementAndGet();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Duration stall = stallNext;
    if (!stall.isZero()) {
      stallNext = Duration.ZERO;
      sleep(stall);
    }
    if (!signed(exchange.getRequestHeaders().getFirst("X-OneGrid-Signature"), body)) {
      badSignatures.incrementAndGet();
      answer(exchange, 401, "bad signature");
      return;
    }
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      answer(exchange, failStatus, "try later");
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> event = json.readValue(body, LinkedHashMap.class);
    synchronized (this) {
      boolean seen = processed.stream().anyMatch(e -> e.get("id").equals(event.get("id")));
      if (!seen) {
        processed.add(event);
      }
    }
    answer(exchange, 204, "");
  }

  private boolean signed(String header, String body) {
    if (header == null) {
      return false;
    }
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : header.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length == 2) {
        parts.put(kv[0].trim(), kv[1].trim());
      }
    }
    String t = parts.get("t");
    String v1 = parts.get("v1");
    if (t == null || v1 == null) {
      return false;
    }
    if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) > 300) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(
          HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII),
          v1.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void answer(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
