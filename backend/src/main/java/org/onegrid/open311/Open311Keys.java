package org.onegrid.open311;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongPredicate;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Role;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Digests;
import org.onegrid.platform.RateLimiter;
import org.onegrid.platform.Tx;

/**
 * The apps that may post to Open311: city admins issue a key to a named app (an account of role APP
 * files its requests) and revoke it; a key is kept only as its SHA-256. Posts are limited per app.
 */
@Singleton
public class Open311Keys {

  private final Open311ClientRepository clients;
  private final Open311RequestRepository requests;
  private final AccountService accounts;
  private final RateLimiter limiter;
  private final Tx tx;
  private final Clock clock;
  private final int postsPerMinute;

  Open311Keys(
      Open311ClientRepository clients,
      Open311RequestRepository requests,
      AccountService accounts,
      RateLimiter limiter,
      Tx tx,
      Clock clock,
      @Value("${onegrid.open311.posts-per-minute:30}") int postsPerMinute) {
    this.clients = clients;
    this.requests = requests;
    this.accounts = accounts;
    this.limiter = limiter;
    this.tx = tx;
    this.clock = clock;
    this.postsPerMinute = postsPerMinute;
  }

  /** The app of an active key; 403 without one. */
  Open311Client clientOf(@Nullable String apiKey) {
    if (apiKey == null) {
      throw new Open311Exception(403, "api_key was not provided");
    }
    return clients
        .findActiveByKeyHash(hash(apiKey))
        .orElseThrow(() -> new Open311Exception(403, "Invalid api_key received"));
  }

  /** The app of an active key that may post now; 403 without a key, 429 past its rate. */
  Open311Client posting(@Nullable String apiKey) {
    Open311Client client = clientOf(apiKey);
    try {
      limiter.hit("open311:" + client.id(), postsPerMinute, Duration.ofMinutes(1), "rate-limited");
    } catch (ApiException tooFast) {
      throw new Open311Exception(429, "Too many requests from this api_key; try again in a minute");
    }
    return client;
  }

  /** The app account of the query's key, if it has an active one. */
  @Nullable
  Long appAccountOf(Map<String, List<String>> query) {
    String apiKey = Open311Params.one(query, "api_key");
    return apiKey == null
        ? null
        : clients.findActiveByKeyHash(hash(apiKey)).map(Open311Client::accountId).orElse(null);
  }

  /** Whether a problem was filed with the api_key of the query (none: nothing was). */
  LongPredicate filedBy(Map<String, List<String>> query) {
    String apiKey = Open311Params.one(query, "api_key");
    if (apiKey == null) {
      return id -> false;
    }
    Long clientId = clients.findActiveByKeyHash(hash(apiKey)).map(Open311Client::id).orElse(null);
    if (clientId == null) {
      return id -> false;
    }
    return id -> requests.findClientIdByProblem(id).filter(clientId::equals).isPresent();
  }

  static String hash(String apiKey) {
    return Digests.sha256Hex(apiKey);
  }

  /** Issues a key to a named app (city admins only); the key is returned this once. */
  public IssuedKey issue(Account admin, String name) {
    requireCityAdmin(admin);
    String key =
        "og311_"
            + UUID.randomUUID().toString().replace("-", "")
            + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    return tx.run(
        () -> {
          Instant now = clock.instant();
          long account =
              accounts.createAppAccount(
                  "app:" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                  name.trim());
          long id =
              clients.insert(
                  name.trim(), hash(key), key.substring(0, 10) + "…", account, admin.id(), now);
          return new IssuedKey(clients.findById(id).orElseThrow(), key);
        });
  }

  public List<Open311Client> clients(Account admin) {
    requireCityAdmin(admin);
    return clients.findAll();
  }

  public Open311Client revoke(Account admin, long id) {
    requireCityAdmin(admin);
    Open311Client client = clients.findById(id).orElseThrow(ApiException::notFound);
    clients.revoke(id, clock.instant());
    return clients.findById(client.id()).orElseThrow();
  }

  private static void requireCityAdmin(Account account) {
    if (account.role() != Role.CITY_ADMIN) {
      throw ApiException.forbidden();
    }
  }

  /** A key as issued: shown to the admin once. */
  @Serdeable
  public record IssuedKey(Open311Client client, String apiKey) {}
}
