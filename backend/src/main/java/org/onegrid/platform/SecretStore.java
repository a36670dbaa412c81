package org.onegrid.platform;

import static org.onegrid.db.Tables.PLATFORM_SECRETS;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Secrets every instance must share (the session-signing key, the pepper of sign-in code hashes).
 * The first instance to need one creates it; the others read the same row. A secret set in
 * configuration wins.
 */
@Singleton
public class SecretStore {

  private final DSLContext dsl;
  private final Clock clock;

  SecretStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  public String getOrCreate(String name) {
    return getOrCreate(
        name,
        () -> {
          byte[] bytes = new byte[48];
          new SecureRandom().nextBytes(bytes);
          return Base64.getEncoder().encodeToString(bytes);
        });
  }

  /**
   * The named secret, made by {@code make} if no instance made it yet (a key pair, say): the first
   * to insert wins, and every instance reads the winner's.
   */
  public String getOrCreate(String name, Supplier<String> make) {
    dsl.insertInto(PLATFORM_SECRETS)
        .set(PLATFORM_SECRETS.NAME, name)
        .set(PLATFORM_SECRETS.SECRET, make.get())
        .set(PLATFORM_SECRETS.CREATED_AT, clock.instant())
        .onDuplicateKeyIgnore()
        .execute();
    return dsl.select(PLATFORM_SECRETS.SECRET)
        .from(PLATFORM_SECRETS)
        .where(PLATFORM_SECRETS.NAME.eq(name))
        .fetchSingle(PLATFORM_SECRETS.SECRET);
  }

  /**
   * Locks the named row until the current transaction ends, so that work done once for the whole
   * deployment (such as loading demo data) runs on one instance while the others wait and then see
   * it done.
   */
  public void lockUntilCommit(String name) {
    getOrCreate(name);
    dsl.select(PLATFORM_SECRETS.NAME)
        .from(PLATFORM_SECRETS)
        .where(PLATFORM_SECRETS.NAME.eq(name))
        .forUpdate()
        .fetch();
  }
}
