package org.onegrid.notify;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Say;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS through the real Twilio SDK, to Twilio itself or to whatever {@code api-base-url}
 * names.
 */
@Singleton
@Requires(property = TwilioSmsSender.ACCOUNT_SID)
final class TwilioSmsSender implements SmsSender {

  static final String ACCOUNT_SID = "onegrid.twilio.account-sid";
  private static final Logger LOG = LoggerFactory.getLogger(TwilioSmsSender.class);

  private final TwilioRestClient client;
  private final String from;
  private final String messagingServiceSid;
  private final URI statusCallback;

  TwilioSmsSender(
      @Value("${onegrid.twilio.account-sid}") String accountSid,
      @Value("${onegrid.twilio.auth-token}") String authToken,
      @Nullable @Value("${onegrid.twilio.from-number:}") String from,
      @Nullable @Value("${onegrid.twilio.messaging-service-sid:}") String messagingServiceSid,
      @Value("${onegrid.twilio.api-base-url:`https://api.twilio.com`}") String apiBaseUrl,
      @Nullable @Value("${onegrid.public-url:}") String publicUrl,
      @Value("${onegrid.twilio.connect-timeout:5s}") Duration connectTimeout,
      @Value("${onegrid.twilio.read-timeout:10s}") Duration readTimeout) {
    if (isBlank(from) && isBlank(messagingServiceSid)) {
      throw new IllegalStateException(
          "Twilio is configured but neither onegrid.twilio.from-number nor onegrid.twilio.messaging-service-sid is");
    }
    this.client =
        new TwilioRestClient.Builder(accountSid, authToken)
            .httpClient(new SingleAttemptHttpClient(apiBaseUrl, connectTimeout, readTimeout))
            .build();
    this.from = from;
    this.messagingServiceSid = messagingServiceSid;
    this.statusCallback =
        isBlank(publicUrl)
            ? null
            : URI.create(publicUrl.replaceAll("/+$", "") + "/api/v1/webhooks/twilio/sms-status");
  }

  @Override
  public String name() {
    return "twilio";
  }

  @Override
  public Result send(String toE164, String body) {
    MessageCreator creator =
        isBlank(messagingServiceSid)
            ? Message.creator(new PhoneNumber(toE164), new PhoneNumber(from), body)
            : Message.creator(new PhoneNumber(toE164), messagingServiceSid, body);
    if (statusCallback != null) {
      creator.setStatusCallback(statusCallback);
    }
    return once(
        () -> {
          Message message = creator.create(client);
          return new Accepted(message.getSid(), String.valueOf(message.getStatus()));
        });
  }

  /**
   * Rings the phone and says the words twice, with a pause, in Mandarin (or English, for English
   * words): TwiML built with the SDK, sent inline with the call.
   */
  @Override
  public Result call(String toE164, String words) {
    if (isBlank(from)) {
      return new Refused(
          "calls need onegrid.twilio.from-number (a messaging service cannot call)", null);
    }
    boolean english =
        words
            .codePoints()
            .noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    Say.Language language = english ? Say.Language.EN_US : Say.Language.ZH_CN;
    Say say = new Say.Builder(words).language(language).build();
    String twiml =
        new VoiceResponse.Builder()
            .pause(new Pause.Builder().length(1).build())
            .say(say)
            .pause(new Pause.Builder().length(1).build())
            .say(say)
            .build()
            .toXml();
    return once(
        () -> {
          Call call =
              Call.creator(new PhoneNumber(toE164), new PhoneNumber(from), new Twiml(twiml))
                  .create(client);
          return new Accepted(call.getSid(), String.valueOf(call.getStatus()));
        });
  }

  /** One request to Twilio, its failure sorted into: try again, refused, or not known. */
  private Result once(Supplier<Accepted> request) {
    SingleAttemptHttpClient.RETRY_AFTER.remove();
    try {
      return request.get();
    } catch (ApiConnectionException e) {
      return new Unsure("connection: " + e.getMessage());
    } catch (ApiException e) {
      Integer status = e.getStatusCode();
      if (status == null) {
        // No answer at all: whether Twilio got the request depends on where it broke.
        return neverReached(e.getCause())
            ? new TryAgain("could not reach Twilio: " + e.getMessage())
            : new Unsure("no answer from Twilio: " + e.getMessage());
      }
      if (status == 429 || status == 503) {
        // Twilio's throttling and "unavailable" answers mean the request was not taken.
        return new TryAgain(
            "twilio " + status + ": " + e.getMessage(), SingleAttemptHttpClient.RETRY_AFTER.get());
      }
      if (status >= 500) {
        return new Unsure("twilio " + status + ": " + e.getMessage());
      }
      LOG.warn("Twilio refused a request: {} (code {})", e.getMessage(), e.getCode());
      return new Refused(
          "twilio " + status + " code " + e.getCode() + ": " + e.getMessage(), e.getCode());
    } finally {
      SingleAttemptHttpClient.RETRY_AFTER.remove();
    }
  }

  /** Whether Twilio placed a call to this phone since then (its Calls list, newest first). */
  @Override
  public Lookup findCall(String toE164, Instant since) {
    try {
      for (Call call :
          Call.reader()
              .setTo(new PhoneNumber(toE164))
              .setPageSize(20L)
              .firstPage(client)
              .getRecords()) {
        if (call.getDateCreated() == null || !call.getDateCreated().toInstant().isBefore(since)) {
          return new Accepted(call.getSid(), String.valueOf(call.getStatus()));
        }
      }
      return new NotFound();
    } catch (TwilioException e) {
      return new CannotAsk("could not ask Twilio: " + e.getMessage());
    }
  }

  /**
   * Looks through the recipient's latest messages at Twilio (its Messages list, newest first) for
   * one with these words created since {@code since}.
   */
  @Override
  public Lookup find(String toE164, String body, Instant since) {
    try {
      for (Message message :
          Message.reader()
              .setTo(new PhoneNumber(toE164))
              .setPageSize(50L)
              .firstPage(client)
              .getRecords()) {
        boolean recent =
            message.getDateCreated() == null
                || !message.getDateCreated().toInstant().isBefore(since);
        if (recent && body.equals(message.getBody())) {
          return new Accepted(message.getSid(), String.valueOf(message.getStatus()));
        }
      }
      return new NotFound();
    } catch (TwilioException e) {
      return new CannotAsk("could not ask Twilio: " + e.getMessage());
    }
  }

  /** Failures that happen before a request is written: Twilio cannot have taken the message. */
  private static boolean neverReached(Throwable cause) {
    return cause instanceof ConnectException
        || cause instanceof ConnectTimeoutException
        || cause instanceof UnknownHostException
        || cause instanceof NoRouteToHostException;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * Neither the SDK nor the HTTP client under it may repeat a request by itself: the SDK's default
   * client repeats a POST that got a 5xx answer, and Apache HttpClient repeats one answered 429 or
   * 503 after a second, either of which can create the same message twice without the outbox
   * knowing. This one makes a single attempt with short timeouts, to the configured base URL; the
   * outbox decides what happens next.
   */
  static final class SingleAttemptHttpClient extends NetworkHttpClient {
    private final String baseUrl;

    SingleAttemptHttpClient(String baseUrl, Duration connectTimeout, Duration readTimeout) {
      super(
          HttpClientBuilder.create()
              .disableAutomaticRetries()
              .setConnectionManager(
                  PoolingHttpClientConnectionManagerBuilder.create()
                      .setMaxConnTotal(20)
                      .setMaxConnPerRoute(20)
                      .setDefaultConnectionConfig(
                          ConnectionConfig.custom()
                              .setConnectTimeout(Timeout.of(connectTimeout))
                              .setSocketTimeout(Timeout.of(readTimeout))
                              .build())
                      .build())
              .setDefaultRequestConfig(
                  RequestConfig.custom().setResponseTimeout(Timeout.of(readTimeout)).build()));
      this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** The Retry-After of the last answer on this thread, for the sender to pass on. */
    static final ThreadLocal<Duration> RETRY_AFTER = new ThreadLocal<>();

    @Override
    public Response reliableRequest(Request request) {
      Response response = makeRequest(rebase(request));
      RETRY_AFTER.set(retryAfter(response));
      return response;
    }

    @Override
    public Response reliableRequest(
        Request request, int[] retryCodes, int retries, long delayMillis) {
      return reliableRequest(request);
    }

    /** Retry-After in seconds (Twilio sends seconds; a date form is ignored). */
    private static Duration retryAfter(Response response) {
      if (response.getHeaders() == null) {
        return null;
      }
      for (Header header : response.getHeaders()) {
        if ("Retry-After".equalsIgnoreCase(header.getName())) {
          try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.getValue().trim())));
          } catch (NumberFormatException e) {
            return null;
          }
        }
      }
      return null;
    }

    private Request rebase(Request original) {
      URI uri = URI.create(original.getUrl());
      Request copy = new Request(original.getMethod(), baseUrl + uri.getRawPath());
      if (original.getAuthStrategy() != null) {
        copy.setAuth(original.getAuthStrategy());
      } else {
        copy.setAuth(original.getUsername(), original.getPassword());
      }
      copy.setContentType(original.getContentType());
      if (original.getBody() != null) {
        copy.setBody(original.getBody());
      }
      copyInto(original.getQueryParams(), copy::addQueryParam);
      copyInto(original.getPostParams(), copy::addPostParam);
      copyInto(original.getHeaderParams(), copy::addHeaderParam);
      return copy;
    }

    private static void copyInto(Map<String, List<String>> params, BiConsumer<String, String> add) {
      params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
  }
}
