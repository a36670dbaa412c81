package org.onegrid.association;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;

/**
 * Membership of associations: residents join, ask to join (by approval) or queue when it is full;
 * the organiser decides on requests and sees who is in; whoever leaves makes room for the first
 * waiting, who is told. Every change is an event; changes of one association queue on its row.
 */
@Singleton
class Memberships {

  private final AssociationRepository associations;
  private final AssociationAccess access;
  private final AccountService accounts;
  private final Notifications notify;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;

  Memberships(
      AssociationRepository associations,
      AssociationAccess access,
      AccountService accounts,
      Notifications notify,
      Messages texts,
      Tx tx,
      Clock clock) {
    this.associations = associations;
    this.access = access;
    this.accounts = accounts;
    this.notify = notify;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Joins (open association with room), asks to join (by approval) or queues (full). Joining twice
   * changes nothing.
   */
  AssociationViews.AssociationView join(Account resident, long id) {
    Association joined =
        tx.run(
            () -> {
              Association a = associations.lock(id).orElseThrow(ApiException::notFound);
              access.requireVisible(resident, a);
              Optional<Association.MemberStatus> now = associations.findStatus(id, resident.id());
              if (now.isPresent()
                  && now.get() != Association.MemberStatus.LEFT
                  && now.get() != Association.MemberStatus.DECLINED) {
                return a;
              }
              Association.MemberStatus next;
              if (a.joinPolicy() == Association.JoinPolicy.APPROVAL) {
                next = Association.MemberStatus.PENDING;
              } else {
                next =
                    places(a).free()
                        ? Association.MemberStatus.MEMBER
                        : Association.MemberStatus.WAITING;
              }
              Instant at = now();
              associations.setStatus(id, resident.id(), next, null, at);
              associations.requeue(id, resident.id(), at);
              associations.insertEvent(
                  id, null, resident.id(), "JOIN_" + next, resident.id(), null, at);
              if (next == Association.MemberStatus.PENDING) {
                tellOrganiser(a, "sms.association-request", resident.displayName());
              }
              return a;
            });
    return access.view(resident, joined);
  }

  /** Leaves (or withdraws a request); the first on the waiting list moves up. */
  AssociationViews.AssociationView leave(Account resident, long id) {
    Association left =
        tx.run(
            () -> {
              Association a = associations.lock(id).orElseThrow(ApiException::notFound);
              Optional<Association.MemberStatus> was = associations.findStatus(id, resident.id());
              if (was.isEmpty()) {
                // Never in it: nothing to leave, and nothing to learn about an association not
                // theirs.
                access.requireVisible(resident, a);
                return a;
              }
              if (was.get() == Association.MemberStatus.LEFT) {
                return a;
              }
              Instant at = now();
              associations.setStatus(id, resident.id(), Association.MemberStatus.LEFT, null, at);
              associations.insertEvent(id, null, resident.id(), "LEAVE", resident.id(), null, at);
              if (was.get() == Association.MemberStatus.MEMBER) {
                places(a).moveUp(next -> admit(a, next, at));
              }
              return a;
            });
    return access.view(resident, left);
  }

  /** The organiser approves a request (or queues it when full) or declines it with a reason. */
  List<AssociationViews.MemberView> decide(
      Account organiser, long id, long accountId, boolean approve, @Nullable String reason) {
    String why = reason == null || reason.isBlank() ? null : reason.trim();
    if (!approve && why == null) {
      throw ApiException.invalidField("reason", "validation.reason");
    }
    tx.run(
        () -> {
          Association a = associations.lock(id).orElseThrow(ApiException::notFound);
          access.requireManager(organiser, a);
          if (associations.findStatus(id, accountId).orElse(null)
              != Association.MemberStatus.PENDING) {
            throw new ApiException(HttpStatus.CONFLICT, "member-state");
          }
          Instant at = now();
          Association.MemberStatus next =
              !approve
                  ? Association.MemberStatus.DECLINED
                  : places(a).free()
                      ? Association.MemberStatus.MEMBER
                      : Association.MemberStatus.WAITING;
          associations.setStatus(id, accountId, next, why, at);
          associations.insertEvent(
              id, null, organiser.id(), approve ? "APPROVE" : "DECLINE", accountId, why, at);
          Account person = accounts.get(accountId);
          notify.tell(
              person,
              "association-decision",
              "/associations/" + id,
              locale ->
                  approve
                      ? texts.get(locale, "sms.association-approved", a.name())
                      : texts.get(locale, "sms.association-declined", a.name(), why));
          return null;
        });
    return members(organiser, id);
  }

  /** Members, applicants and the waiting list; names and masked phones, for those who manage it. */
  List<AssociationViews.MemberView> members(Account viewer, long id) {
    Association a = associations.findById(id).orElseThrow(ApiException::notFound);
    access.requireManager(viewer, a);
    List<AssociationRepository.Member> people = associations.findPeople(id);
    Map<Long, Account> names =
        accounts.byIds(people.stream().map(AssociationRepository.Member::accountId).toList());
    return people.stream()
        .map(
            m -> {
              Account p = names.get(m.accountId());
              return new AssociationViews.MemberView(
                  m.accountId(),
                  p.displayName(),
                  Phones.mask(p.phone()),
                  m.status(),
                  m.reason(),
                  m.since());
            })
        .toList();
  }

  Places places(Association a) {
    return new Places(
        a.memberLimit(),
        () -> associations.countMembers(a.id()),
        () -> associations.findFirstWaiting(a.id()));
  }

  /** One from the waiting list becomes a member and is told. Call with the row locked. */
  void admit(Association a, long next, Instant at) {
    associations.setStatus(a.id(), next, Association.MemberStatus.MEMBER, null, at);
    associations.insertEvent(a.id(), null, null, "MOVE_UP", next, null, at);
    Account person = accounts.get(next);
    notify.tell(
        person,
        "association-moved-up",
        "/associations/" + a.id(),
        locale -> texts.get(locale, "sms.association-moved-up", a.name()));
  }

  private void tellOrganiser(Association a, String key, String who) {
    Account organiser = accounts.get(a.organiserId());
    notify.add(
        organiser.id(),
        texts.get(texts.localeOf(organiser.locale()), key, a.name(), who),
        "/associations/" + a.id());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
