package org.onegrid.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local push service and the browsers behind it, as Chrome's and Firefox's would behave: each
 * subscription has its own endpoint and keys (made the way a browser makes them); a message is
 * taken (201) only with a VAPID header signed by the key the subscription was made for and for this
 * origin, and is then decrypted with the browser's private key, so a test reads what the resident's
 * phone would show. An endpoint can be told to be gone (410) or to throttle (429).
 */
final class FakePushService {

  /** A browser's subscription: what it posts to the server, and its private half. */
  record Browser(String endpoint, KeyPair keys, byte[] auth) {
    String p256dh() {
      return PushCrypto.B64.encodeToString(PushCrypto.raw((ECPublicKey) keys.getPublic()));
    }

    String authSecret() {
      return PushCrypto.B64.encodeToString(auth);
    }
  }

  private final HttpServer server;
  private final Map<String, Browser> browsers = new ConcurrentHashMap<>();
  private final Map<String, Integer> answers = new ConcurrentHashMap<>();
  private final Map<String, List<String>> received = new ConcurrentHashMap<>();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private volatile String serverKey;

  private FakePushService(HttpServer server) {
    this.server = server;
  }

  static FakePushService start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FakePushService fake = new FakePushService(server);
      server.createContext("/push/", fake::handle);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  void stop() {
    server.stop(0);
  }

  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A browser subscribes with the application server's public key, as PushManager.subscribe. */
  Browser subscribe(String applicationServerKey) {
    serverKey = applicationServerKey;
    byte[] auth = new byte[16];
    new SecureRandom().nextBytes(auth);
    String id = UUID.randomUUID().toString();
    Browser browser = new Browser(origin() + "/push/" + id, PushCrypto.newKeyPair(), auth);
    browsers.put(id, browser);
    return browser;
  }

  /** From now on this endpoint answers {@code status} (410: the resident unsubscribed). */
  void answer(Browser browser, int status) {
    answers.put(id(browser.endpoint()), status);
  }

  /** What the browser showed, in order (decrypted payloads). */
  List<String> shown(Browser browser) {
    return received.getOrDefault(id(browser.endpoint()), List.of());
  }

  List<String> refusals() {
    return refusals;
  }

  private static String id(String endpoint) {
    return endpoint.substring(endpoint.lastIndexOf('/') + 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String id = id(exchange.getRequestURI().getPath());
    byte[] body = exchange.getRequestBody().readAllBytes();
    int status;
    Browser browser = browsers.get(id);
    Integer told = answers.get(id);
    if (browser == null) {
      status = 404;
    } else if (told != null) {
      status = told;
    } else {
      String why = check(exchange, browser);
      if (why != null) {
        refusals.add(why);
        status = why.startsWith("vapid") ? 403 : 400;
      } else {
        try {
          received
              .computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
              .add(
                  new String(
                      decrypt(body, browser.keys(), browser.auth()), StandardCharsets.UTF_8));
          status = 201;
        } catch (GeneralSecurityException e) {
          refusals.add("cannot decrypt: " + e);
          status = 400;
        }
      }
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /** Why a push service would refuse this request, or null. */
  private String check(HttpExchange exchange, Browser browser) {
    var headers = exchange.getRequestHeaders();
    if (!"aes128gcm".equals(headers.getFirst("Content-Encoding"))) {
      return "content coding " + headers.getFirst("Content-Encoding");
    }
    if (headers.getFirst("TTL") == null) {
      return "no TTL";
    }
    String authorization = headers.getFirst("Authorization");
    if (authorization == null || !authorization.startsWith("vapid t=")) {
      return "vapid: none";
    }
    String jwt = authorization.substring(8, authorization.indexOf(", k="));
    String key = authorization.substring(authorization.indexOf(", k=") + 4);
    if (!key.equals(serverKey)) {
      return "vapid: not the key the subscription was made for";
    }
    String[] parts = jwt.split("\\.");
    try {
      Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
      es256.initVerify(PushCrypto.publicKey(PushCrypto.UNB64.decode(key)));
      es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!es256.verify(PushCrypto.UNB64.decode(parts[2]))) {
        return "vapid: bad signature";
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      return "vapid: " + e;
    }
    String claims = new String(PushCrypto.UNB64.decode(parts[1]), StandardCharsets.UTF_8);
    if (!claims.contains("\"aud\":\"" + origin() + "\"")) {
      return "vapid: audience " + claims;
    }
    return null;
  }

  /** The browser's side of RFC 8291: reads a message sent to it. */
  static byte[] decrypt(byte[] body, KeyPair browser, byte[] auth) throws GeneralSecurityException {
    byte[] salt = Arrays.copyOfRange(body, 0, 16);
    int keyLength = body[20] & 0xff;
    byte[] senderKey = Arrays.copyOfRange(body, 21, 21 + keyLength);
    byte[] ciphertext = Arrays.copyOfRange(body, 21 + keyLength, body.length);
    if (ByteBuffer.wrap(body, 16, 4).getInt() < ciphertext.length) {
      throw new GeneralSecurityException("more than one record");
    }
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(browser.getPrivate());
    agreement.doPhase(PushCrypto.publicKey(senderKey), true);
    byte[] shared = agreement.generateSecret();
    byte[] browserKey = PushCrypto.raw((ECPublicKey) browser.getPublic());
    byte[] ikm =
        hmac(hmac(auth, shared), join("WebPush: info\0", browserKey, senderKey, new byte[] {1}));
    byte[] prk = hmac(salt, ikm);
    byte[] cek =
        Arrays.copyOf(hmac(prk, join("Content-Encoding: aes128gcm\0", new byte[] {1})), 16);
    byte[] nonce = Arrays.copyOf(hmac(prk, join("Content-Encoding: nonce\0", new byte[] {1})), 12);
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    byte[] padded = aes.doFinal(ciphertext);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) {
      end--;
    }
    if (end < 0 || padded[end] != 2) {
      throw new GeneralSecurityException("no last-record delimiter");
    }
    return Arrays.copyOf(padded, end);
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] join(String label, byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
