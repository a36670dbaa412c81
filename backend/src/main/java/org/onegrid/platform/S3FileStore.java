package org.onegrid.platform;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Uploaded files in a bucket of any S3-compatible object store (MinIO, Ceph, a cloud's object
 * storage), so that every instance reads what any instance wrote. Plain PUT and GET of whole
 * objects, path-style URLs, signed with AWS Signature Version 4; no SDK.
 */
@Singleton
@Requires(property = "onegrid.storage.s3.bucket")
class S3FileStore implements FileStore {

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final URI endpoint;
  private final String bucket;
  private final String region;
  private final String accessKey;
  private final String secretKey;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  S3FileStore(
      @Value("${onegrid.storage.s3.endpoint}") String endpoint,
      @Value("${onegrid.storage.s3.bucket}") String bucket,
      @Value("${onegrid.storage.s3.region:us-east-1}") String region,
      @Value("${onegrid.storage.s3.access-key}") String accessKey,
      @Value("${onegrid.storage.s3.secret-key}") String secretKey,
      Clock clock) {
    this.endpoint = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
    this.bucket = bucket;
    this.region = region;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.clock = clock;
  }

  @Override
  public void write(String key, byte[] bytes) {
    HttpResponse<byte[]> reply = send("PUT", key, bytes);
    if (reply.statusCode() / 100 != 2) {
      throw new UncheckedIOException(
          new IOException("Object store refused " + key + ": " + describe(reply)));
    }
  }

  @Override
  public Optional<byte[]> read(String key) {
    HttpResponse<byte[]> reply = send("GET", key, new byte[0]);
    if (reply.statusCode() == 404) {
      return Optional.empty();
    }
    if (reply.statusCode() / 100 != 2) {
      throw new UncheckedIOException(
          new IOException("Object store could not give " + key + ": " + describe(reply)));
    }
    return Optional.of(reply.body());
  }

  private HttpResponse<byte[]> send(String method, String key, byte[] body) {
    FileStore.requireKey(key);
    String path = endpoint.getRawPath() + bucket + "/" + key;
    URI uri = endpoint.resolve(path);
    String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    var now = clock.instant();
    String amzDate = AMZ_DATE.format(now);
    String day = DAY.format(now);
    String payloadHash = HEX.formatHex(sha256(body));
    String signedHeaders = "host;x-amz-content-sha256;x-amz-date";
    String canonical =
        method
            + "\n"
            + path
            + "\n\n"
            + "host:"
            + host
            + "\nx-amz-content-sha256:"
            + payloadHash
            + "\nx-amz-date:"
            + amzDate
            + "\n\n"
            + signedHeaders
            + "\n"
            + payloadHash;
    String scope = day + "/" + region + "/s3/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] signingKey =
        hmac(
            hmac(
                hmac(hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day), region),
                "s3"),
            "aws4_request");
    String authorization =
        "AWS4-HMAC-SHA256 Credential="
            + accessKey
            + "/"
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + HEX.formatHex(hmac(signingKey, toSign));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("x-amz-date", amzDate)
            .header("x-amz-content-sha256", payloadHash)
            .header("Authorization", authorization)
            .method(
                method,
                body.length == 0 && method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String describe(HttpResponse<byte[]> reply) {
    String text = new String(reply.body(), StandardCharsets.UTF_8);
    return reply.statusCode() + " " + (text.length() > 300 ? text.substring(0, 300) : text);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
