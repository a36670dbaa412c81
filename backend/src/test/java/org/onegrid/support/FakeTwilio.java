package org.onegrid.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Twilio's Messages API, enough for the real Twilio SDK to send through it: it
 * checks the account's credentials, records each message, and can be told to fail or refuse the
 * next requests.
 */
public final class FakeTwilio {

  public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
  public static final String AUTH_TOKEN = "fake-twilio-auth-token";

  private final HttpServer server;
  private final List<Message> accepted = new CopyOnWriteArrayList<>();
  private final List<String> attempts = new CopyOnWriteArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private volatile int failureStatus = 500;
  private volatile Integer refusal;
  private final Map<String, Integer> failingRecipients = new ConcurrentHashMap<>();

  private FakeTwilio(HttpServer server) {
    this.server = server;
  }

  public static FakeTwilio start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FakeTwilio fake = new FakeTwilio(server);
      server.createContext("/2010-04-01/Accounts/", fake::handle);
      // Like Twilio, answers many requests at once: one stalled request does not hold the others.
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return fake;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void stop() {
    server.stop(0);
  }

  public void reset() {
    failures.set(0);
    refusal = null;
    stalls.clear();
    listFailures.set(0);
    latency = Duration.ZERO;
  }

  private final Map<String, Duration> stalls = new ConcurrentHashMap<>();
  private final AtomicInteger listFailures = new AtomicInteger();
  private final Map<String, Integer> retryAfter = new ConcurrentHashMap<>();

  /**
   * The next message to this recipient is taken (it will be delivered) but the answer comes only
   * after {@code delay}: longer than the client waits, the sender cannot know it went.
   */
  public void stallNextTo(String to, Duration delay) {
    stalls.put(to, delay);
  }

  private volatile Duration latency = Duration.ZERO;

  /** Every message takes this long to be answered (it is taken at once): a slow Twilio. */
  public void answerAfter(Duration latency) {
    this.latency = latency;
  }

  /** The next request to this recipient is throttled (429) with this Retry-After. */
  public void throttleNextTo(String to, int retryAfterSeconds) {
    retryAfter.put(to, retryAfterSeconds);
    failingRecipients.put(to, 429);
  }

  /** The next {@code count} reads of the Messages list fail with 503: Twilio cannot be asked. */
  public void failNextLists(int count) {
    listFailures.set(count);
  }

  /** How many times the Messages list was read for this recipient. */
  public int listsFor(String to) {
    return (int) lists.stream().filter(to::equals).count();
  }

  private final List<String> lists = new CopyOnWriteArrayList<>();

  /** The next {@code count} requests get {@code status} (a 5xx: Twilio in trouble). */
  public void failNext(int count, int status) {
    failureStatus = status;
    failures.set(count);
  }

  /** The next request to this recipient gets {@code status}, whatever else is being sent. */
  public void failNextTo(String to, int status) {
    failingRecipients.put(to, status);
  }

  /** The next request is refused with this Twilio error code (21610: the recipient opted out). */
  public void refuseNext(int twilioCode) {
    refusal = twilioCode;
  }

  public List<Message> messagesTo(String to) {
    return accepted.stream().filter(m -> m.to().equals(to)).toList();
  }

  public int requestsTo(String to) {
    return (int) attempts.stream().filter(to::equals).count();
  }

  public Message awaitMessageTo(String to, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<Message> found = messagesTo(to);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("No SMS to " + to + " reached the fake Twilio within " + timeout);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    boolean list = "GET".equals(exchange.getRequestMethod());
    boolean calls = path.endsWith("/Calls.json");
    if (!(list || "POST".equals(exchange.getRequestMethod()))
        || !(path.endsWith("/Messages.json") || calls)) {
      respond(exchange, 404, error(20404, "The requested resource was not found", 404));
      return;
    }
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
        || !path.contains("/Accounts/" + ACCOUNT_SID + "/")) {
      respond(exchange, 401, error(20003, "Authenticate", 401));
      return;
    }
    if (calls) {
      calls(exchange, list);
      return;
    }
    if (list) {
      list(exchange);
      return;
    }
    Map<String, String> form =
        parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String to = form.getOrDefault("To", "");
    attempts.add(to);
    Integer failingTo = failingRecipients.remove(to);
    if (failingTo != null) {
      Integer wait = retryAfter.remove(to);
      if (wait != null) {
        exchange.getResponseHeaders().add("Retry-After", String.valueOf(wait));
      }
      respond(exchange, failingTo, error(20429, "Too Many Requests", failingTo));
      return;
    }
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      respond(exchange, failureStatus, error(20500, "Internal Server Error", failureStatus));
      return;
    }
    Integer refused = refusal;
    if (refused != null) {
      refusal = null;
      respond(exchange, 400, error(refused, "Attempt to send to unsubscribed recipient", 400));
      return;
    }
    Message message =
        new Message(
            "SM" + UUID.randomUUID().toString().replace("-", ""),
            to,
            form.getOrDefault("From", form.get("MessagingServiceSid")),
            form.getOrDefault("Body", ""),
            ZonedDateTime.now(ZoneOffset.UTC));
    accepted.add(message);
    Duration stall = stalls.getOrDefault(to, latency);
    stalls.remove(to);
    if (!stall.isZero()) {
      try {
        Thread.sleep(stall.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    respond(exchange, 201, json(message));
  }

  private final List<Call> placedCalls = new CopyOnWriteArrayList<>();

  /** Calls placed to this phone, oldest first. */
  public List<Call> callsTo(String to) {
    return placedCalls.stream().filter(c -> c.to().equals(to)).toList();
  }

  /** One call Twilio placed: to whom, and the TwiML it was to play. */
  public record Call(String sid, String to, String from, String twiml, ZonedDateTime created) {}

  /** POST places a call with inline TwiML; GET lists calls to a phone, newest first. */
  private void calls(HttpExchange exchange, boolean list) throws IOException {
    if (list) {
      Map<String, String> query = parseForm(String.valueOf(exchange.getRequestURI().getRawQuery()));
      List<Call> found = new ArrayList<>(callsTo(query.getOrDefault("To", "")));
      Collections.reverse(found);
      String uri = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls.json";
      respond(
          exchange,
          200,
          "{\"calls\":["
              + String.join(",", found.stream().map(FakeTwilio::json).toList())
              + "],\"first_page_uri\":\""
              + uri
              + "\",\"next_page_uri\":null,\"page\":0,\"page_size\":50,\"previous_page_uri\":null,\"start\":0,\"uri\":\""
              + uri
              + "\"}");
      return;
    }
    Map<String, String> form =
        parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Call call =
        new Call(
            "CA" + UUID.randomUUID().toString().replace("-", ""),
            form.getOrDefault("To", ""),
            form.getOrDefault("From", ""),
            form.getOrDefault("Twiml", ""),
            ZonedDateTime.now(ZoneOffset.UTC));
    placedCalls.add(call);
    respond(exchange, 201, json(call));
  }

  private static String json(Call call) {
    String created =
        DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US).format(call.created());
    return "{\"sid\":\""
        + call.sid()
        + "\",\"account_sid\":\""
        + ACCOUNT_SID
        + "\",\"to\":\""
        + json(call.to())
        + "\",\"from\":\""
        + json(call.from())
        + "\",\"status\":\"queued\",\"direction\":\"outbound-api\",\"api_version\":\"2010-04-01\","
        + "\"date_created\":\""
        + created
        + "\",\"date_updated\":\""
        + created
        + "\",\"uri\":\"/2010-04-01/Accounts/"
        + ACCOUNT_SID
        + "/Calls/"
        + call.sid()
        + ".json\"}";
  }

  /** The Messages list, newest first, filtered by To as Twilio's is. */
  private void list(HttpExchange exchange) throws IOException {
    Map<String, String> query = parseForm(String.valueOf(exchange.getRequestURI().getRawQuery()));
    String to = query.getOrDefault("To", "");
    lists.add(to);
    if (listFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      respond(exchange, 503, error(20503, "Service Unavailable", 503));
      return;
    }
    List<Message> found = new ArrayList<>(messagesTo(to));
    Collections.reverse(found);
    int pageSize = Integer.parseInt(query.getOrDefault("PageSize", "50"));
    String uri =
        "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json?To=" + to + "&PageSize=" + pageSize;
    respond(
        exchange,
        200,
        "{\"messages\":["
            + String.join(",", found.stream().limit(pageSize).map(FakeTwilio::json).toList())
            + "],\"end\":"
            + Math.max(0, Math.min(found.size(), pageSize) - 1)
            + ",\"first_page_uri\":\""
            + uri
            + "&Page=0\",\"next_page_uri\":null,\"page\":0,\"page_size\":"
            + pageSize
            + ",\"previous_page_uri\":null,\"start\":0,\"uri\":\""
            + uri
            + "\"}");
  }

  private static String json(Message message) {
    String now =
        DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US).format(message.created());
    String to = message.to();
    return "{"
        + "\"sid\":\""
        + message.sid()
        + "\",\"account_sid\":\""
        + ACCOUNT_SID
        + "\","
        + "\"to\":\""
        + json(to)
        + "\",\"from\":\""
        + json(message.from())
        + "\",\"body\":\""
        + json(message.body())
        + "\",\"status\":\"queued\",\"num_segments\":\"1\",\"num_media\":\"0\",\"direction\":\"outbound-api\","
        + "\"api_version\":\"2010-04-01\",\"date_created\":\""
        + now
        + "\",\"date_updated\":\""
        + now
        + "\","
        + "\"date_sent\":null,\"price\":null,\"price_unit\":\"USD\",\"error_code\":null,\"error_message\":null,"
        + "\"uri\":\"/2010-04-01/Accounts/"
        + ACCOUNT_SID
        + "/Messages/"
        + message.sid()
        + ".json\"}";
  }

  private static String error(int code, String message, int status) {
    return "{\"code\":"
        + code
        + ",\"message\":\""
        + message
        + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
        + code
        + "\",\"status\":"
        + status
        + "}";
  }

  private static String json(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** One message Twilio accepted. */
  public record Message(String sid, String to, String from, String body, ZonedDateTime created) {}
}
