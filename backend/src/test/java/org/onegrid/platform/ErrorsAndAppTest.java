package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.Phones;

@MicronautTest
class ErrorsAndAppTest extends ApiTest {

  @Test
  void deepLinksOfTheAppAnswerWithItsPage() {
    for (String path : new String[] {"/", "/login", "/setup", "/staff/nodes/12"}) {
      Browser.Reply page = browser().get(path);
      assertThat(page.status()).as(path).isEqualTo(200);
      assertThat(page.header("Content-Type")).as(path).startsWith("text/html");
      assertThat(page.text()).contains("<div id=\"app\">");
    }
  }

  @Test
  void unknownApiPathsAreProblemsNotThePage() {
    Browser resident = browser();
    signIn().resident(resident, Phones.fresh());
    Browser.Reply reply = resident.get("/api/v1/no-such-thing");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void brokenJsonIsA400ProblemNotA500() {
    Browser.Reply reply = browser().post("/api/v1/auth/otp", "{\"phone\": ");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.<String>at("detail")).isNotBlank();
  }

  @Test
  void missingFieldsAreNamed() {
    Browser.Reply reply =
        browser().language("en").post("/api/v1/auth/otp/verify", Map.of("phone", "13800138000"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.<String>at("errors.0.field")).isEqualTo("code");
    assertThat(reply.<String>at("errors.0.message")).isEqualTo("must not be empty");
  }

  @Test
  void healthSwaggerAndMetricsAreServed() {
    Browser anyone = browser();
    assertThat(anyone.get("/health").<String>at("status")).isEqualTo("UP");
    assertThat(anyone.get("/swagger-ui/index.html").status()).isEqualTo(200);
    assertThat(anyone.get("/swagger/onegrid-0.1.yml").text()).contains("/api/v1/auth/otp");
    try {
      var scrape =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(server.getURL() + "/prometheus"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.body()).contains("jvm_memory");
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
