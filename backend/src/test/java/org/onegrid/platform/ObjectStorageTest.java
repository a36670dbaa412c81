package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.assertj.core.api.Assertions;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.Eventually;
import org.onegrid.support.Images;
import org.onegrid.support.SecondInstance;

/**
 * With an S3-compatible bucket configured, a photo uploaded through one instance is in the bucket
 * and served by another instance: a real S3 server (S3Proxy) in this JVM, the app's own signed
 * requests, nothing mocked.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectStorageTest extends ApiTest implements TestPropertyProvider {

  static final String BUCKET = "onegrid-photos";
  static final BlobStoreContext STORE =
      ContextBuilder.newBuilder("transient")
          .overrides(new Properties())
          .build(BlobStoreContext.class);
  static final S3Proxy S3 = start();

  static S3Proxy start() {
    try (ServerSocket free = new ServerSocket(0)) {
      int port = free.getLocalPort();
      free.close();
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(STORE.getBlobStore())
              .endpoint(URI.create("http://127.0.0.1:" + port))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test-access", "test-secret")
              .build();
      proxy.start();
      Eventually.read(Duration.ofSeconds(10), proxy::getState, "STARTED"::equals);
      STORE.getBlobStore().createContainerInLocation(null, BUCKET);
      return proxy;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> settings() {
    return Map.of(
        "onegrid.storage.s3.endpoint",
        "http://127.0.0.1:" + S3.getPort(),
        "onegrid.storage.s3.bucket",
        BUCKET,
        "onegrid.storage.s3.access-key",
        "test-access",
        "onegrid.storage.s3.secret-key",
        "test-secret");
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> out = new HashMap<>();
    settings().forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  @AfterAll
  void stop() throws Exception {
    S3.stop();
    STORE.close();
  }

  static HttpResponse<byte[]> fetch(Browser who, String base, String path) throws Exception {
    String cookies =
        String.join(
            "; ",
            who.cookies().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookies).build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aPhotoUploadedThroughOneInstanceIsInTheBucketAndServedByAnother() throws Exception {
    Resident resident = residentOfMinzhulu1("传照片", "3301");
    Browser.Reply uploaded =
        resident
            .browser()
            .send("POST", "/api/v1/photos", Images.png(), Map.of("Content-Type", "image/png"));
    assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
    String url = uploaded.at("url");

    BlobStore bucket = STORE.getBlobStore();
    assertThat(bucket.list(BUCKET)).hasSize(2); // the photo and its thumbnail
    HttpResponse<byte[]> here = fetch(resident.browser(), server.getURL().toString(), url);
    assertThat(here.statusCode()).isEqualTo(200);

    try (SecondInstance other = SecondInstance.start(json, settings())) {
      Browser there = other.as(resident.browser());
      HttpResponse<byte[]> served = fetch(there, there.base(), url);
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.body()).isEqualTo(here.body());
    }
  }

  @Test
  void aWrongSecretIsRefusedByTheStoreAndTheUploadFailsWithoutAFile() {
    S3FileStore wrong =
        new S3FileStore(
            "http://127.0.0.1:" + S3.getPort(),
            BUCKET,
            "us-east-1",
            "test-access",
            "not-the-secret",
            Clock.systemUTC());
    Assertions.assertThatThrownBy(() -> wrong.write("abcdef0123.jpg", new byte[] {1, 2, 3}))
        .hasMessageContaining("refused");
    assertThat(STORE.getBlobStore().blobExists(BUCKET, "abcdef0123.jpg")).isFalse();
  }
}
