package org.onegrid.platform;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Uploaded files in a directory ({@code onegrid.storage.dir}): one instance's disk, or a network
 * volume that several instances share. Without {@code onegrid.storage.s3.bucket}.
 */
@Singleton
@Requires(missingProperty = "onegrid.storage.s3.bucket")
class DirectoryFileStore implements FileStore {

  private final Path root;

  DirectoryFileStore(@Value("${onegrid.storage.dir}") String dir) {
    this.root = Path.of(dir).toAbsolutePath().normalize();
  }

  @Override
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

  @Override
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
    FileStore.requireKey(key);
    return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
  }
}
