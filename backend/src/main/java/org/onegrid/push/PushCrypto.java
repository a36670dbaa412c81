package org.onegrid.push;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two pieces of Web Push that are cryptography, written from their RFCs with the JDK's own
 * primitives (P-256 ECDH and ECDSA, HMAC-SHA-256, AES-128-GCM): a message encrypted for one browser
 * (RFC 8291, "aes128gcm" content coding of RFC 8188, one record) and the VAPID header that says
 * which server sends it (RFC 8292). {@code PushCryptoTest} checks the encryption against the RFC's
 * published example byte for byte.
 */
final class PushCrypto {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int RECORD_SIZE = 4096;
  private static final ECParameterSpec P256 = p256();

  private PushCrypto() {}

  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  /** A new P-256 key pair, for VAPID (once per deployment) or a message's ephemeral key. */
  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The uncompressed point (0x04 || x || y, 65 bytes) browsers and push services exchange. */
  static byte[] raw(ECPublicKey key) {
    byte[] out = new byte[65];
    out[0] = 4;
    copy32(key.getW().getAffineX(), out, 1);
    copy32(key.getW().getAffineY(), out, 33);
    return out;
  }

  /** The private scalar as 32 bytes. */
  static byte[] raw(ECPrivateKey key) {
    byte[] out = new byte[32];
    copy32(key.getS(), out, 0);
    return out;
  }

  static ECPublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    if (raw.length != 65 || raw[0] != 4) {
      throw new GeneralSecurityException("not an uncompressed P-256 point");
    }
    ECPoint point =
        new ECPoint(
            new BigInteger(1, Arrays.copyOfRange(raw, 1, 33)),
            new BigInteger(1, Arrays.copyOfRange(raw, 33, 65)));
    return (ECPublicKey)
        KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256));
  }

  static ECPrivateKey privateKey(byte[] raw) throws GeneralSecurityException {
    return (ECPrivateKey)
        KeyFactory.getInstance("EC")
            .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, raw), P256));
  }

  /** Encrypts for one subscription with a fresh key and salt (RFC 8291 §3). */
  static byte[] encrypt(byte[] plaintext, byte[] browserKey, byte[] authSecret)
      throws GeneralSecurityException {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return encrypt(plaintext, browserKey, authSecret, newKeyPair(), salt);
  }

  /** Encrypts with the given sender key and salt: the RFC's example, and {@link #encrypt}. */
  static byte[] encrypt(
      byte[] plaintext, byte[] browserKey, byte[] authSecret, KeyPair sender, byte[] salt)
      throws GeneralSecurityException {
    if (plaintext.length > RECORD_SIZE - 16 - 1 - 86) {
      throw new GeneralSecurityException("a push message holds at most 3993 bytes");
    }
    byte[] senderKey = raw((ECPublicKey) sender.getPublic());
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(sender.getPrivate());
    agreement.doPhase(publicKey(browserKey), true);
    byte[] shared = agreement.generateSecret();

    byte[] prkKey = hmac(authSecret, shared);
    byte[] ikm =
        hmac(
            prkKey,
            concat(
                "WebPush: info\0".getBytes(StandardCharsets.US_ASCII),
                browserKey,
                senderKey,
                new byte[] {1}));
    byte[] prk = hmac(salt, ikm);
    byte[] cek =
        Arrays.copyOf(
            hmac(
                prk,
                concat(
                    "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {1})),
            16);
    byte[] nonce =
        Arrays.copyOf(
            hmac(
                prk,
                concat(
                    "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {1})),
            12);

    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    // One record, the last: the plaintext then the delimiter 0x02, no further padding.
    byte[] ciphertext = aes.doFinal(concat(plaintext, new byte[] {2}));

    return concat(
        salt,
        ByteBuffer.allocate(4).putInt(RECORD_SIZE).array(),
        new byte[] {(byte) senderKey.length},
        senderKey,
        ciphertext);
  }

  /**
   * The VAPID Authorization header (RFC 8292 §3): a JWT signed with ES256 for the push service's
   * origin, valid until {@code expiresEpochSecond}, and the server's public key.
   */
  static String vapid(String audience, long expiresEpochSecond, String subject, KeyPair vapid)
      throws GeneralSecurityException {
    String header = b64("{\"typ\":\"JWT\",\"alg\":\"ES256\"}");
    String claims =
        b64(
            "{\"aud\":\""
                + audience
                + "\",\"exp\":"
                + expiresEpochSecond
                + ",\"sub\":\""
                + subject.replace("\"", "")
                + "\"}");
    Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
    es256.initSign(vapid.getPrivate());
    es256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    String jwt = header + "." + claims + "." + B64.encodeToString(es256.sign());
    return "vapid t=" + jwt + ", k=" + B64.encodeToString(raw((ECPublicKey) vapid.getPublic()));
  }

  private static String b64(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static void copy32(BigInteger value, byte[] out, int at) {
    byte[] bytes = value.toByteArray();
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, out, at + 32 - length, length);
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
