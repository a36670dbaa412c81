package org.onegrid.platform;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * The {@code Idempotency-Key} header of a creating request: the client's key (a retry from a flaky
 * phone sends the same one and gets the first result), or a fresh one when the client sent none.
 */
public final class IdempotencyKeys {

  private IdempotencyKeys() {}

  public static String of(@Nullable String header) {
    if (header == null) {
      return UUID.randomUUID().toString();
    }
    String key = header.trim();
    if (key.isEmpty() || key.length() > 64) {
      throw ApiException.invalidField("Idempotency-Key", "validation.idempotency-key");
    }
    return key;
  }
}
