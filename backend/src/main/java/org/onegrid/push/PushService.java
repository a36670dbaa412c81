package org.onegrid.push;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import javax.crypto.KeyAgreement;
import org.onegrid.platform.ApiException;

/**
 * A person's browsers that take push messages: the key a browser subscribes with, saving and
 * forgetting a subscription. Only endpoints of known push services are accepted (https, and a host
 * of {@code onegrid.push.endpoint-hosts}): the server posts to them, so an endpoint must never be a
 * way to make it call into its own network.
 */
@Singleton
class PushService {

  private final PushSubscriptionRepository subscriptions;
  private final VapidKeys vapid;
  private final Clock clock;
  private final List<String> hosts;
  private final boolean allowHttp;

  PushService(
      PushSubscriptionRepository subscriptions,
      VapidKeys vapid,
      Clock clock,
      @Value(
              "${onegrid.push.endpoint-hosts:fcm.googleapis.com,*.push.services.mozilla.com,*.push.apple.com,*.notify.windows.com}")
          List<String> hosts,
      @Value("${onegrid.push.allow-http:false}") boolean allowHttp) {
    this.subscriptions = subscriptions;
    this.vapid = vapid;
    this.clock = clock;
    this.hosts = hosts;
    this.allowHttp = allowHttp;
  }

  String publicKey() {
    return vapid.publicKey();
  }

  int browsers(long accountId) {
    return subscriptions.count(accountId);
  }

  void subscribe(long accountId, String endpoint, String p256dh, String auth) {
    checkEndpoint(endpoint);
    checkKeys(p256dh, auth);
    subscriptions.save(accountId, endpoint, p256dh, auth, clock.instant());
  }

  void unsubscribe(long accountId, String endpoint) {
    subscriptions.remove(accountId, endpoint);
  }

  private void checkEndpoint(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw ApiException.invalidField("endpoint", "validation.push-endpoint");
    }
    boolean scheme =
        "https".equals(uri.getScheme()) || (allowHttp && "http".equals(uri.getScheme()));
    String host = uri.getHost();
    if (!scheme || host == null || uri.getUserInfo() != null || !knownHost(host)) {
      throw ApiException.invalidField("endpoint", "validation.push-endpoint");
    }
  }

  private boolean knownHost(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    for (String known : hosts) {
      String k = known.trim().toLowerCase(Locale.ROOT);
      if (k.startsWith("*.") ? lower.endsWith(k.substring(1)) : lower.equals(k)) {
        return true;
      }
    }
    return false;
  }

  /** The browser's key must be a P-256 point one can agree a secret with; the auth 16 bytes. */
  private static void checkKeys(String p256dh, String auth) {
    try {
      byte[] authBytes = PushCrypto.UNB64.decode(auth);
      KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
      agreement.init(PushCrypto.newKeyPair().getPrivate());
      agreement.doPhase(PushCrypto.publicKey(PushCrypto.UNB64.decode(p256dh)), true);
      if (authBytes.length != 16) {
        throw new GeneralSecurityException("auth secret is not 16 bytes");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw ApiException.invalidField("p256dh", "validation.push-keys");
    }
  }
}
