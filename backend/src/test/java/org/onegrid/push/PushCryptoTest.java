package org.onegrid.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.push.PushCrypto.B64;
import static org.onegrid.push.PushCrypto.UNB64;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;

/** Web Push cryptography against RFC 8291's published example and a browser's side of it. */
class PushCryptoTest {

  // RFC 8291 §5 and Appendix A.
  static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
  static final String AS_PUBLIC =
      "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
  static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
  static final String UA_PUBLIC =
      "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
  static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
  static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
  static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
  static final String BODY =
      "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS"
          + "6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxs"
          + "j_Qulcy4a-fN";

  @Test
  void encryptsTheRfcsExampleToTheRfcsBytes() throws Exception {
    KeyPair sender =
        new KeyPair(
            PushCrypto.publicKey(UNB64.decode(AS_PUBLIC)),
            PushCrypto.privateKey(UNB64.decode(AS_PRIVATE)));
    byte[] body =
        PushCrypto.encrypt(
            PLAINTEXT.getBytes(StandardCharsets.US_ASCII),
            UNB64.decode(UA_PUBLIC),
            UNB64.decode(AUTH),
            sender,
            UNB64.decode(SALT));
    assertThat(B64.encodeToString(body)).isEqualTo(BODY);
  }

  @Test
  void aBrowserReadsWhatItIsSent() throws Exception {
    KeyPair browser = PushCrypto.newKeyPair();
    byte[] auth = new byte[16];
    auth[3] = 7;
    byte[] body =
        PushCrypto.encrypt(
            "{\"title\":\"停水通知\"}".getBytes(StandardCharsets.UTF_8),
            PushCrypto.raw((ECPublicKey) browser.getPublic()),
            auth);
    assertThat(new String(FakePushService.decrypt(body, browser, auth), StandardCharsets.UTF_8))
        .isEqualTo("{\"title\":\"停水通知\"}");
  }

  @Test
  void theVapidHeaderIsSignedByTheServersKeyForThePushServicesOrigin() throws Exception {
    KeyPair vapid = PushCrypto.newKeyPair();
    String header =
        PushCrypto.vapid(
            "https://push.example.net", 1_800_000_000L, "mailto:ops@example.org", vapid);
    assertThat(header).startsWith("vapid t=").contains(", k=");
    String jwt = header.substring("vapid t=".length(), header.indexOf(", k="));
    String[] parts = jwt.split("\\.");
    assertThat(new String(UNB64.decode(parts[1]), StandardCharsets.UTF_8))
        .contains("\"aud\":\"https://push.example.net\"")
        .contains("\"exp\":1800000000");
    Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
    es256.initVerify(
        PushCrypto.publicKey(UNB64.decode(header.substring(header.indexOf(", k=") + 4))));
    es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(es256.verify(UNB64.decode(parts[2]))).isTrue();
  }
}
