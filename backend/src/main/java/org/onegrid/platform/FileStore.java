package org.onegrid.platform;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where uploaded files live, shared by every instance: a directory ({@link DirectoryFileStore}) or
 * an S3-compatible bucket ({@link S3FileStore}). Keys are generated, never taken from users.
 */
public interface FileStore {

  /** Stores the bytes under the key, replacing what was there. */
  void write(String key, byte[] bytes);

  /** The bytes stored under the key, or empty. */
  Optional<byte[]> read(String key);

  /** Refuses a key that OneGrid would not have made. */
  static void requireKey(String key) {
    if (!Keys.PATTERN.matcher(key).matches()) {
      throw new IllegalArgumentException("Bad file key");
    }
  }

  /** The shape of a generated key. */
  final class Keys {
    static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,78}(\\.[a-z]{1,5})?");

    private Keys() {}
  }
}
