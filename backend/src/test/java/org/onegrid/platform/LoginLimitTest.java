package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;

/**
 * Password guessing: one answer for unknown phones and wrong passwords, and growing waits per
 * account and address, so a guesser slows only themselves and cannot lock the real person out.
 */
@MicronautTest
class LoginLimitTest extends ApiTest {

  @Inject TestClock clock;

  Browser.Reply login(Browser b, String password) {
    return b.post(
        "/api/v1/auth/login", Map.of("phone", DemoCity.LEADER_GONGREN_2, "password", password));
  }

  @Test
  void aGuesserWaitsLongerAndLongerWhileTheRealPersonSignsInFromElsewhere() {
    Browser guesser = browser();
    Browser.Reply unknown =
        guesser.post("/api/v1/auth/login", Map.of("phone", "13811112222", "password", "x"));
    Browser.Reply wrong = login(guesser, "wrong");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.<String>at("detail")).isEqualTo(unknown.<String>at("detail"));
    for (int i = 2; i <= 5; i++) {
      assertThat(login(guesser, "wrong-" + i).status()).as("try " + i).isEqualTo(401);
    }
    Browser.Reply slowed = login(guesser, "wrong-6");
    assertThat(slowed.status()).isEqualTo(429);
    assertThat(slowed.<String>at("code")).isEqualTo("login-slow-down");
    assertThat(slowed.<Number>at("retryAfterSeconds").intValue()).isBetween(1, 5);
    // Even the right password waits at this address: a guesser learns nothing by trying it.
    assertThat(login(guesser, DemoCity.STAFF_PASSWORD).status()).isEqualTo(429);

    // The real person, elsewhere, is not held back at all.
    Browser owner = browser();
    assertThat(login(owner, DemoCity.STAFF_PASSWORD).status()).isEqualTo(200);

    try {
      clock.advance(Duration.ofSeconds(6));
      assertThat(login(guesser, "wrong-7").status()).isEqualTo(401);
      Browser.Reply longer = login(guesser, "wrong-8");
      assertThat(longer.status()).isEqualTo(429);
      assertThat(longer.<Number>at("retryAfterSeconds").intValue()).isBetween(6, 10);
      clock.advance(Duration.ofSeconds(11));
      // The right password clears the count.
      assertThat(login(guesser, DemoCity.STAFF_PASSWORD).status()).isEqualTo(200);
      assertThat(login(guesser, "wrong-9").status()).isEqualTo(401);
    } finally {
      clock.reset();
    }
  }
}
