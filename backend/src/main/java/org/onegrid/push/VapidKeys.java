package org.onegrid.push;

import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.onegrid.platform.SecretStore;

/**
 * The deployment's VAPID key pair (RFC 8292): made once by the first instance that needs it and
 * kept with the other shared secrets, so every instance signs as the same server and browsers'
 * subscriptions (made for its public key) stay valid across restarts. Browsers are given the public
 * key; the private key never leaves the database and this class.
 */
@Singleton
class VapidKeys {

  static final String SECRET_NAME = "web-push-vapid";

  private final SecretStore secrets;
  private final String subject;
  private volatile KeyPair keys;

  VapidKeys(
      SecretStore secrets,
      @Value("${onegrid.push.subject:mailto:admin@onegrid.invalid}") String subject) {
    this.secrets = secrets;
    this.subject = subject;
  }

  /** Who runs this server, for push services to contact (a mailto: or https: URL). */
  String subject() {
    return subject;
  }

  /** Made or read at start, so the first reader of the key never writes it. */
  @EventListener
  void atStart(ServerStartupEvent started) {
    keys();
  }

  KeyPair keys() {
    KeyPair current = keys;
    if (current == null) {
      current = load();
      keys = current;
    }
    return current;
  }

  /** The public key as browsers take it (applicationServerKey): the raw point, base64url. */
  String publicKey() {
    return PushCrypto.B64.encodeToString(PushCrypto.raw((ECPublicKey) keys().getPublic()));
  }

  private KeyPair load() {
    String stored =
        secrets.getOrCreate(
            SECRET_NAME,
            () -> {
              KeyPair made = PushCrypto.newKeyPair();
              return PushCrypto.B64.encodeToString(PushCrypto.raw((ECPrivateKey) made.getPrivate()))
                  + "."
                  + PushCrypto.B64.encodeToString(PushCrypto.raw((ECPublicKey) made.getPublic()));
            });
    String[] parts = stored.split("\\.");
    try {
      return new KeyPair(
          PushCrypto.publicKey(PushCrypto.UNB64.decode(parts[1])),
          PushCrypto.privateKey(PushCrypto.UNB64.decode(parts[0])));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("the stored VAPID key pair cannot be read", e);
    }
  }
}
