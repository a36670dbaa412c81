package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/** Password guessing: one answer for unknown phones and wrong passwords, and a limit per phone. */
@MicronautTest
@Property(name = "onegrid.login.per-phone", value = "10")
class LoginLimitTest extends ApiTest {

  @Test
  void wrongPasswordsAreOneAnswerAndLimitedPerPhone() {
    Browser guesser = browser();
    Browser.Reply unknown =
        guesser.post("/api/v1/auth/login", Map.of("phone", "13811112222", "password", "x"));
    Browser.Reply wrong =
        guesser.post(
            "/api/v1/auth/login", Map.of("phone", DemoCity.LEADER_GONGREN_2, "password", "wrong"));
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.<String>at("detail")).isEqualTo(unknown.<String>at("detail"));
    int limited = 0;
    // More than two windows' worth of tries, so the limit shows even if a window ends mid-test.
    for (int i = 0; i < 21; i++) {
      if (browser()
              .post(
                  "/api/v1/auth/login",
                  Map.of("phone", DemoCity.LEADER_GONGREN_2, "password", "wrong"))
              .status()
          == 429) {
        limited++;
      }
    }
    assertThat(limited).isGreaterThan(0);
    assertThat(
            browser()
                .post(
                    "/api/v1/auth/login",
                    Map.of("phone", DemoCity.LEADER_GONGREN_2, "password", DemoCity.STAFF_PASSWORD))
                .status())
        .isEqualTo(429);
  }
}
