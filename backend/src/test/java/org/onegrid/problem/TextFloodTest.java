package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;

/** One resident cannot flood their grid leader's phone with reports and hotline messages. */
@MicronautTest
@Property(name = "onegrid.limits.reports-per-hour", value = "3")
@Property(name = "onegrid.limits.hotline-messages-per-hour", value = "2")
class TextFloodTest extends ApiTest {

  Browser.Reply report(Browser who, String key) {
    return who.send(
        "POST",
        "/api/v1/problems",
        Map.of("categoryCode", "sanitation", "description", "又一个问题"),
        Map.of("Idempotency-Key", key));
  }

  Browser.Reply leave(Browser who) {
    return who.send(
        "POST",
        "/api/v1/hotline/messages",
        Map.of("text", "请回电话"),
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
  }

  @Test
  void reportsAndHotlineMessagesPastTheHourlyLimitAreRefusedWithAPlainReason() {
    Browser resident = residentOfMinzhulu1("连发", "2401").browser();
    String first = UUID.randomUUID().toString();
    assertThat(report(resident, first).status()).isEqualTo(201);
    assertThat(report(resident, UUID.randomUUID().toString()).status()).isEqualTo(201);
    assertThat(report(resident, UUID.randomUUID().toString()).status()).isEqualTo(201);
    Browser.Reply refused = report(resident, UUID.randomUUID().toString());
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.<String>at("detail")).contains("值班电话");
    assertThat(refused.header("Retry-After")).isNotNull();
    // The refused report was not kept, and the leader was not told of it.
    assertThat(resident.get("/api/v1/me/problems").list()).hasSize(3);
    // A retry of a report already made is not a new one: it still answers with that report.
    assertThat(report(resident, first).status()).isEqualTo(201);
    // Another resident is not affected.
    assertThat(
            report(residentOfMinzhulu1("邻居", "2402").browser(), UUID.randomUUID().toString())
                .status())
        .isEqualTo(201);

    assertThat(leave(resident).status()).isEqualTo(201);
    assertThat(leave(resident).status()).isEqualTo(201);
    assertThat(leave(resident).status()).isEqualTo(429);
  }
}
