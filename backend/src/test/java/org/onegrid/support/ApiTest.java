package org.onegrid.support;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.onegrid.notify.SmsOutbox;

/**
 * What every HTTP test of the running app needs: a fresh browser and the ways people sign in.
 * Subclasses carry {@code @MicronautTest}.
 */
public abstract class ApiTest {

  @Inject protected EmbeddedServer server;
  @Inject protected JsonMapper json;
  @Inject protected SmsOutbox outbox;

  /** A new browser, with no cookies, from an address of its own. */
  protected Browser browser() {
    return new Browser(server.getURL().toString(), json);
  }

  /**
   * The metrics endpoint as a scraper sees it, with this {@code Authorization} header (none when
   * null); tests run with the token {@code test-scrape-token}.
   */
  protected HttpResponse<String> scrape(String authorization) {
    try {
      var request = HttpRequest.newBuilder(URI.create(server.getURL() + "/prometheus"));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The metrics as the configured scraper reads them. */
  protected String metrics() {
    return scrape("Bearer test-scrape-token").body();
  }

  /** A water problem the resident reports (as the app does, with a key of its own); its id. */
  protected long reportWater(Resident who, String text) {
    Browser.Reply created =
        who.browser()
            .send(
                "POST",
                "/api/v1/problems",
                Map.of("categoryCode", "water_supply", "description", text),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    if (created.status() != 201) {
      throw new IllegalStateException(created.text());
    }
    return created.<Number>at("id").longValue();
  }

  protected SignIn signIn() {
    return new SignIn(outbox);
  }

  /** A browser signed in as the demo staff member with this phone. */
  protected Browser staff(String phone) {
    Browser b = browser();
    signIn().staff(b, phone);
    return b;
  }

  /**
   * A browser signed in by SMS code as the resident with this phone (new residents are created).
   */
  protected Browser resident(String phone) {
    Browser b = browser();
    signIn().resident(b, phone);
    return b;
  }

  /**
   * A community of this test's own, loaded through the import by the city admin, with its grid's
   * leader and its admin signed in: for tests whose figures must count only what they did.
   */
  protected OwnCommunity ownCommunity() {
    return OwnCommunity.create(staff(DemoCity.CITY_ADMIN), this::browser, outbox);
  }

  /**
   * A browser signed in as a new resident living in 民主路社区 第1网格 (1号楼, the given unit index, the
   * given room), with a phone of its own, so tests never wait for another test's sign-in code to
   * expire.
   */
  protected Resident residentOfMinzhulu1(String name, String room) {
    return residentOf("民主路", name, room);
  }

  /**
   * A browser signed in as a new resident of the first community matching {@code community}, in its
   * first grid's 1号楼 1单元.
   */
  protected Resident residentOf(String community, String name, String room) {
    String phone = Phones.fresh();
    Browser b = resident(phone);
    Object communityId =
        b.get("/api/v1/communities?q=" + URLEncoder.encode(community, StandardCharsets.UTF_8))
            .list()
            .get(0)
            .get("id");
    @SuppressWarnings("unchecked")
    Object unitId =
        ((List<Map<String, Object>>)
                b.get("/api/v1/communities/" + communityId + "/buildings")
                    .list()
                    .get(0)
                    .get("units"))
            .get(0)
            .get("id");
    Browser.Reply home =
        b.put("/api/v1/me/home", Map.of("unitId", unitId, "room", room, "name", name));
    if (home.status() != 200) {
      throw new IllegalStateException(home.text());
    }
    return new Resident(b, phone);
  }

  /**
   * A new resident who says they live in the same room as {@code member}: they wait for the
   * household to accept them.
   */
  protected Resident residentJoining(Resident member, String name) {
    Map<String, Object> home = member.browser().get("/api/v1/me").at("home");
    String phone = Phones.fresh();
    Browser b = resident(phone);
    Browser.Reply moved =
        b.put(
            "/api/v1/me/home",
            Map.of("unitId", home.get("unitId"), "room", home.get("room"), "name", name));
    if (moved.status() != 200) {
      throw new IllegalStateException(moved.text());
    }
    return new Resident(b, phone);
  }

  /** A signed-in resident and their phone (national form). */
  public record Resident(Browser browser, String phone) {}
}
