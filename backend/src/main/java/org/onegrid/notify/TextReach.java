package org.onegrid.notify;

import io.micronaut.security.authentication.Authentication;
import java.util.Optional;
import org.jooq.Record1;
import org.jooq.Select;

/**
 * Whose texts an admin may look at: the phones of the residents and staff in their part of the grid
 * tree. Answered where people and places are known (the account feature), so that the outbox need
 * not know them.
 */
public interface TextReach {

  /**
   * The phones in the caller's reach as a subquery, or empty for the whole city (a city admin); 403
   * for anyone who is not an admin.
   */
  Optional<Select<? extends Record1<String>>> phonesOf(Authentication caller);
}
