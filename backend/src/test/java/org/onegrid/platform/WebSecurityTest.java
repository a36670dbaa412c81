package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Phones;

@MicronautTest
class WebSecurityTest extends ApiTest {

  @Test
  void aWriteWithoutTheCsrfHeaderIsRefusedAndChangesNothing() {
    Browser resident = browser();
    signIn().resident(resident, Phones.fresh());
    resident.withoutCsrfHeader();
    Browser.Reply reply = resident.patch("/api/v1/me", Map.of("name", "攻击者"));
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.<String>at("code")).isEqualTo("csrf");
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(browserWithCookies(resident).get("/api/v1/me").<String>at("name")).isNull();
  }

  @Test
  void aCsrfHeaderThatDoesNotMatchTheCookieIsRefused() {
    Browser resident = browser();
    signIn().resident(resident, Phones.fresh());
    resident.cookies().put("XSRF-TOKEN", "forged");
    resident.withoutCsrfHeader();
    var request =
        HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/me"))
            .header(
                "Cookie",
                "ONEGRID_SESSION=" + resident.cookies().get("ONEGRID_SESSION") + "; XSRF-TOKEN=abc")
            .header("X-XSRF-TOKEN", "xyz")
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
            .build();
    assertThat(send(request)).isEqualTo(403);
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSigned() {
    Browser staff = browser();
    Browser.Reply login = signIn().staff(staff, DemoCity.LEADER_MINZHULU_1);
    assertThat(login.header("Set-Cookie"))
        .contains("ONEGRID_SESSION=")
        .containsIgnoringCase("HttpOnly");
    String token = staff.cookies().get("ONEGRID_SESSION");
    String header =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    assertThat(header).contains("HS256");
  }

  @Test
  void anUnsignedOrAlteredSessionIsNotAccepted() {
    Browser staff = browser();
    signIn().staff(staff, DemoCity.LEADER_MINZHULU_1);
    String[] parts = staff.cookies().get("ONEGRID_SESSION").split("\\.");
    String claims =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("GRID_LEADER", "CITY_ADMIN");
    String altered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    String unsigned =
        Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
            + "."
            + parts[1]
            + ".";
    for (String forged : new String[] {altered, unsigned}) {
      Browser attacker = browser();
      attacker.cookies().put("ONEGRID_SESSION", forged);
      assertThat(attacker.get("/api/v1/me").status()).isEqualTo(401);
    }
  }

  @Test
  void signingOutClearsTheSession() {
    Browser resident = browser();
    signIn().resident(resident, Phones.fresh());
    assertThat(resident.get("/api/v1/me").status()).isEqualTo(200);
    Browser.Reply out = resident.post("/api/v1/auth/logout", Map.of());
    assertThat(out.status()).isEqualTo(204);
    assertThat(resident.cookies()).doesNotContainKey("ONEGRID_SESSION");
    assertThat(resident.get("/api/v1/me").status()).isEqualTo(401);
  }

  Browser browserWithCookies(Browser from) {
    Browser copy = browser();
    copy.cookies().putAll(from.cookies());
    return copy;
  }

  int send(HttpRequest request) {
    try {
      return HttpClient.newHttpClient()
          .send(request, HttpResponse.BodyHandlers.ofString())
          .statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
