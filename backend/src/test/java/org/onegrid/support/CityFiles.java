package org.onegrid.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.onegrid.notify.SmsOutbox;

/** Loading a city's files through the import API, and reading the invitations it texts. */
public final class CityFiles {

  private CityFiles() {}

  /** Applies a file (a CSV text or GeoJSON bytes) and waits until the run has finished. */
  public static Map<String, Object> apply(Browser admin, String kind, String name, Object file) {
    Browser.Reply started = admin.post("/api/v1/admin/imports/" + kind + "?name=" + name, file);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    Object id = started.at("id");
    Map<String, Object> run =
        Eventually.read(
            Duration.ofSeconds(30),
            () -> admin.get("/api/v1/admin/imports/" + id).body(),
            r -> !"RUNNING".equals(r.get("status")));
    if ("RUNNING".equals(run.get("status"))) {
      throw new AssertionError("import " + id + " still running");
    }
    return run;
  }

  /** The first text sent to a phone, waiting for the outbox's sender (30 s at most). */
  public static String awaitText(SmsOutbox outbox, String e164) {
    var sent =
        Eventually.read(Duration.ofSeconds(30), () -> outbox.sentTo(e164, 1), s -> !s.isEmpty());
    if (sent.isEmpty()) {
      throw new AssertionError("no text to " + e164);
    }
    return sent.get(0).body();
  }

  /** The temporary password of a staff invitation texted to a phone. */
  public static String temporaryPassword(SmsOutbox outbox, String e164) {
    return awaitText(outbox, e164).replaceAll("(?s).*临时密码：([A-Za-z0-9]+).*", "$1");
  }

  /** A browser signed in as an imported member of staff, with the password they were texted. */
  public static Browser signedInStaff(Browser fresh, SmsOutbox outbox, String phone) {
    Browser.Reply login =
        fresh.post(
            "/api/v1/auth/login",
            Map.of("phone", phone, "password", temporaryPassword(outbox, "+86" + phone)));
    assertThat(login.status()).as(login.text()).isEqualTo(200);
    return fresh;
  }
}
