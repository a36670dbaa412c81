package org.onegrid.platform;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Uploaded files, in a directory that several instances can share (a network volume) or that can be
 * swapped for object storage behind this same small interface. Keys are generated, never taken from
 * users.
 */
@Singleton
public class FileStore {

  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,78}(\\.[a-z]{1,5})?");
  private final Path root;

  FileStore(@Value("${onegrid.storage.dir}") String dir) {
    this.root = Path.of(dir).toAbsolutePath().normalize();
  }

  public void write(String key, byte[] bytes) {
    Path target = pathOf(key);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
      Files.write(temp, bytes);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<byte[]> read(String key) {
    Path path = pathOf(key);
    try {
      return Files.exists(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Two levels of directories from the key's start keep any one directory small. */
  private Path pathOf(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("Bad file key");
    }
    return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
  }
}
