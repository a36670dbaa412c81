package org.onegrid.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.onegrid.platform.Phones;

/**
 * My household as I may see it: while I wait to be accepted, only myself; once a member, the others
 * and who asks to join.
 */
@Serdeable
public record HouseholdView(
    Status status, @Nullable String place, List<Member> members, List<Request> requests) {

  /** No home yet, waiting for the household's members, or one of them. */
  @Serdeable
  public enum Status {
    NONE,
    PENDING,
    MEMBER
  }

  @Serdeable
  public record Member(long id, String name, boolean me) {
    static Member of(Account member, Account viewer) {
      return new Member(member.id(), member.displayName(), member.id() == viewer.id());
    }
  }

  /** Someone asking to join; {@code place} is given to staff, who see many households. */
  @Serdeable
  public record Request(
      long accountId, String name, String phoneMasked, Instant since, @Nullable String place) {
    static Request of(Account applicant, @Nullable String place) {
      return new Request(
          applicant.id(),
          applicant.displayName(),
          Phones.mask(applicant.phone()),
          applicant.householdPendingSince(),
          place);
    }
  }
}
