package org.onegrid.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MariaDB's TLS key and certificate, made once per data directory. MariaDB 11.4 makes
 * itself a new certificate at every start when none is configured: an RSA key generated before it
 * opens its port, 1–12 s of a restart on two busy cores (seen with strace: seconds without a system
 * call between reads of /dev/urandom). TLS cannot simply be switched off: its own 11.4 clients (the
 * one that creates the database, {@code mariadb-dump} for backups) insist on it. The pair is made
 * with the JDK's {@code keytool} (a self-signed RSA certificate, in PKCS #12) and written as PEM
 * beside the data; without {@code keytool} MariaDB makes its own as before.
 */
final class EmbeddedTls {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTls.class);
  private static final String ALIAS = "onegrid-db";

  private EmbeddedTls() {}

  /** The server's arguments naming the pair in {@code dir}, made first if missing; or none. */
  static List<String> serverArgs(Path dir) throws IOException {
    Path key = dir.resolve("tls-key.pem");
    Path cert = dir.resolve("tls-cert.pem");
    if (!Files.exists(key) || !Files.exists(cert)) {
      try {
        make(dir, key, cert);
      } catch (IOException | GeneralSecurityException e) {
        LOG.warn(
            "No TLS certificate made for the embedded MariaDB ({}); it makes its own at each start",
            e.toString());
        return List.of();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    return List.of("--ssl-key=" + key, "--ssl-cert=" + cert);
  }

  private static void make(Path dir, Path key, Path cert)
      throws IOException, GeneralSecurityException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new IOException(keytool + " is not there");
    }
    Path store = dir.resolve("tls.p12");
    Files.deleteIfExists(store);
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    String pass = HexFormat.of().formatHex(bytes);
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                ALIAS,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "36500",
                "-dname",
                "CN=OneGrid embedded MariaDB",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                pass,
                "-keypass",
                pass)
            .redirectErrorStream(true)
            .start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("keytool failed: " + said.strip());
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, pass.toCharArray());
      }
      PrivateKey privateKey = (PrivateKey) ks.getKey(ALIAS, pass.toCharArray());
      writePrivate(key, pem("PRIVATE KEY", privateKey.getEncoded()));
      Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate(ALIAS).getEncoded()));
    } finally {
      Files.deleteIfExists(store);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /**
   * Writes a secret beside the data (the TLS key, the database's password) readable by its owner
   * only.
   */
  static void writePrivate(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // Not a POSIX file system: readable by the user only by the platform's defaults.
    }
  }
}
