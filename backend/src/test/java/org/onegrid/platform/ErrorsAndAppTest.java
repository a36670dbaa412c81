package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  void healthSwaggerAndMetricsAreServedAndTellStrangersNothingMore() {
    Browser anyone = browser();
    Browser.Reply health = anyone.get("/health");
    assertThat(health.<String>at("status")).isEqualTo("UP");
    assertThat(health.text()).doesNotContain("jdbc").doesNotContain("diskSpace");
    assertThat(health.<Object>at("details")).isNull();
    assertThat(anyone.get("/swagger-ui/index.html").status()).isEqualTo(200);
    assertThat(anyone.get("/swagger/onegrid-0.1.yml").text()).contains("/api/v1/auth/otp");
    assertThat(scrape(null).statusCode()).isEqualTo(404);
    assertThat(scrape("Bearer not-the-token").statusCode()).isEqualTo(404);
    var scraped = scrape("Bearer test-scrape-token");
    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.body()).contains("jvm_memory");
  }

  @Test
  void everyAnswerCarriesTheBrowsersSecurityHeaders() {
    Browser anyone = browser();
    for (String path : List.of("/", "/problems/1", "/api/v1/me", "/api/v1/problem-categories")) {
      Browser.Reply reply = anyone.get(path);
      assertThat(reply.header("Content-Security-Policy"))
          .as(path)
          .contains("script-src 'self';")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-eval");
      assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(reply.header("Referrer-Policy")).isEqualTo("same-origin");
      assertThat(reply.header("Permissions-Policy")).contains("geolocation=(self)");
    }
    // The page itself is always asked for anew; the content-hashed files it names are kept a year.
    Browser.Reply page = anyone.get("/");
    assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
    Matcher asset = Pattern.compile("/assets/[^\"]+\\.js").matcher(page.text());
    assertThat(asset.find()).as(page.text()).isTrue();
    Browser.Reply script = anyone.get(asset.group());
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
  }
}
