package org.onegrid.association;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Phones;
import org.onegrid.platform.Tx;

/**
 * Associations of a community: staff found them and name an organiser (a resident volunteer or
 * staff); residents of the community (and of the street's other communities, when the association
 * welcomes neighbours) join or ask to. A full association keeps a waiting list that moves up by
 * itself. Every change is an event.
 */
@Singleton
public class AssociationService {

  private final AssociationRepository associations;
  private final AssociationAccess access;
  private final org.onegrid.problem.PhotoService photos;
  private final AccountService accounts;
  private final GridService grids;
  private final Notifications notify;
  private final org.onegrid.platform.RateLimiter limiter;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;
  private final org.onegrid.audit.AuditLog audit;

  AssociationService(
      AssociationRepository associations,
      AssociationAccess access,
      org.onegrid.problem.PhotoService photos,
      AccountService accounts,
      GridService grids,
      Notifications notify,
      org.onegrid.platform.RateLimiter limiter,
      Messages texts,
      Tx tx,
      Clock clock,
      org.onegrid.audit.AuditLog audit) {
    this.audit = audit;
    this.associations = associations;
    this.access = access;
    this.photos = photos;
    this.accounts = accounts;
    this.grids = grids;
    this.notify = notify;
    this.limiter = limiter;
    this.texts = texts;
    this.tx = tx;
    this.clock = clock;
  }

  /** Admins of the community and above found an association and name its organiser. */
  public AssociationViews.AssociationView create(Account staff, NewAssociation a) {
    GridNode community = grids.find(a.communityId()).orElseThrow(ApiException::notFound);
    if (community.level() != GridLevel.COMMUNITY) {
      throw ApiException.invalidField("communityId", "validation.not-a-community");
    }
    if (!access.administers(staff, community)) {
      throw ApiException.forbidden();
    }
    Account organiser =
        accounts.byIds(List.of(a.organiserId())).values().stream()
            .findFirst()
            .orElseThrow(() -> ApiException.invalidField("organiserId", "validation.organiser"));
    if (!organiser.role().isStaff()
        && access.communityOf(organiser).map(c -> c.id() != community.id()).orElse(true)) {
      throw ApiException.invalidField("organiserId", "validation.organiser");
    }
    long id =
        tx.run(
            () -> {
              Instant now = now();
              long created = associations.insert(a, staff.id(), now);
              associations.insertEvent(created, null, staff.id(), "CREATE", null, null, now);
              if (!organiser.role().isStaff()) {
                associations.setStatus(
                    created, organiser.id(), Association.MemberStatus.MEMBER, null, now);
              }
              return created;
            });
    return view(staff, associations.findById(id).orElseThrow());
  }

  /**
   * Associations a person may join: their community's, and the street's that welcome neighbours.
   */
  public List<AssociationViews.AssociationView> browse(
      Account viewer, @Nullable String text, Locale locale) {
    String q = text == null || text.isBlank() ? null : text.trim();
    List<Association> found = new ArrayList<>();
    if (viewer.role().isStaff()) {
      GridNode node = grids.get(viewer.nodeId());
      List<Long> communities = communitiesUnder(node);
      found.addAll(associations.findInCommunities(communities, q, null, 100));
    } else {
      GridNode community = access.communityOf(viewer).orElseThrow(() -> needsHome());
      found.addAll(associations.findInCommunities(List.of(community.id()), q, null, 100));
      List<Long> neighbours =
          grids.children(community.parentId()).stream()
              .filter(n -> n.id() != community.id())
              .map(GridNode::id)
              .toList();
      if (!neighbours.isEmpty()) {
        found.addAll(associations.findOpenToNeighbours(neighbours, q));
      }
    }
    return views(viewer, found);
  }

  public AssociationViews.AssociationView get(Account viewer, long id) {
    Association a = associations.findById(id).orElseThrow(ApiException::notFound);
    access.requireVisible(viewer, a);
    return view(viewer, a);
  }

  /**
   * Joins (open association with room), asks to join (by approval) or queues (full). Joining twice
   * changes nothing.
   */
  public AssociationViews.AssociationView join(Account resident, long id) {
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
    return view(resident, joined);
  }

  /** Leaves (or withdraws a request); the first on the waiting list moves up. */
  public AssociationViews.AssociationView leave(Account resident, long id) {
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
    return view(resident, left);
  }

  /** The organiser approves a request (or queues it when full) or declines it with a reason. */
  public List<AssociationViews.MemberView> decide(
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
  public List<AssociationViews.MemberView> members(Account viewer, long id) {
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

  /**
   * The organiser tells every member, in the app and, when asked, by SMS too (at most one texted
   * announcement per association a day: 429 beyond, and nothing is sent).
   */
  public List<AssociationViews.Announcement> announce(
      Account organiser, long id, String body, boolean bySms) {
    Association a = associations.findById(id).orElseThrow(ApiException::notFound);
    access.requireManager(organiser, a);
    if (bySms) {
      limiter.hit("announce-sms:" + id, 1, java.time.Duration.ofDays(1), "announcement-sms-limit");
    }
    String text = body.trim();
    tx.run(
        () -> {
          Instant at = now();
          associations.insertAnnouncement(id, organiser.id(), text, bySms, at);
          associations.insertEvent(id, null, organiser.id(), "ANNOUNCE", null, null, at);
          Map<Long, Account> members = accounts.byIds(associations.findMemberIds(id));
          for (Account m : members.values()) {
            java.util.function.Function<Locale, String> message =
                locale -> texts.get(locale, "sms.association-announcement", a.name(), text);
            if (bySms) {
              notify.tell(m, "association-announcement", "/associations/" + id, message);
            } else {
              notify.add(m, "/associations/" + id, message);
            }
          }
          return null;
        });
    return announcements(organiser, id);
  }

  /** The latest announcements, for members and those who manage the association. */
  public List<AssociationViews.Announcement> announcements(Account viewer, long id) {
    Association a = associations.findById(id).orElseThrow(ApiException::notFound);
    access.requireVisible(viewer, a);
    boolean member =
        associations.findStatus(id, viewer.id()).orElse(null) == Association.MemberStatus.MEMBER;
    if (!member && !access.manages(viewer, a)) {
      return List.of();
    }
    return associations.findAnnouncements(id, 20);
  }

  /**
   * The organiser (or an admin over the community) changes the association. A new meeting time or
   * place is texted to every member; a higher limit moves the waiting list up; a limit below the
   * members it has is refused, so nobody loses their place.
   */
  public AssociationViews.AssociationView change(Account organiser, long id, Details d) {
    Association changed =
        tx.run(
            () -> {
              Association a = associations.lock(id).orElseThrow(ApiException::notFound);
              access.requireManager(organiser, a);
              int members = associations.countMembers(id);
              if (d.memberLimit() != null && d.memberLimit() < members) {
                throw new ApiException(HttpStatus.CONFLICT, "limit-below-members", members);
              }
              Instant at = now();
              String time = blank(d.meetingTime());
              String place = blank(d.meetingPlace());
              associations.updateDetails(
                  id,
                  d.name().trim(),
                  d.description() == null ? "" : d.description().trim(),
                  time,
                  place,
                  d.memberLimit(),
                  d.joinPolicy(),
                  d.openToNeighbours(),
                  at);
              associations.insertEvent(id, null, organiser.id(), "CHANGE", null, null, at);
              Association now = associations.findById(id).orElseThrow();
              audit.record(
                  organiser,
                  grids.get(a.communityId()),
                  "association.change",
                  now.name(),
                  details(a),
                  details(now));
              if (!java.util.Objects.equals(a.meetingTime(), time)
                  || !java.util.Objects.equals(a.meetingPlace(), place)) {
                for (long member : associations.findMemberIds(id)) {
                  Account person = accounts.get(member);
                  notify.tell(
                      person,
                      "association-changed",
                      "/associations/" + id,
                      locale ->
                          texts.get(
                              locale,
                              "sms.association-changed",
                              now.name(),
                              time == null ? "" : time,
                              place == null ? "" : place));
                }
              }
              places(now).moveUp(next -> admit(now, next, at));
              return now;
            });
    return view(organiser, changed);
  }

  /** What the audit log keeps of an association's details. */
  private static java.util.Map<String, Object> details(Association a) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("name", a.name());
    m.put("meetingTime", String.valueOf(a.meetingTime()));
    m.put("meetingPlace", String.valueOf(a.meetingPlace()));
    m.put("memberLimit", String.valueOf(a.memberLimit()));
    return m;
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** What an organiser may change of an association. */
  public record Details(
      String name,
      @Nullable String description,
      @Nullable String meetingTime,
      @Nullable String meetingPlace,
      @Nullable Integer memberLimit,
      Association.JoinPolicy joinPolicy,
      boolean openToNeighbours) {}

  /** The organiser sets the cover picture from a photo they uploaded. */
  public AssociationViews.AssociationView setCover(Account organiser, long id, long photoId) {
    Association a = associations.findById(id).orElseThrow(ApiException::notFound);
    access.requireManager(organiser, a);
    tx.run(
        () -> {
          Instant at = now();
          photos.share(photoId, organiser);
          associations.setCover(id, photoId, at);
          associations.insertEvent(id, null, organiser.id(), "COVER", null, null, at);
          return null;
        });
    return view(organiser, associations.findById(id).orElseThrow());
  }

  private List<Long> communitiesUnder(GridNode node) {
    if (node.level() == GridLevel.COMMUNITY) {
      return List.of(node.id());
    }
    if (node.level().ordinal() > GridLevel.COMMUNITY.ordinal()) {
      return communityOfNode(node).map(c -> List.of(c.id())).orElse(List.of());
    }
    List<Long> out = new ArrayList<>();
    for (GridNode child : grids.children(node.id())) {
      out.addAll(communitiesUnder(child));
    }
    return out;
  }

  private Optional<GridNode> communityOfNode(GridNode node) {
    return grids.pathOf(node).stream().filter(n -> n.level() == GridLevel.COMMUNITY).findFirst();
  }

  private Places places(Association a) {
    return new Places(
        a.memberLimit(),
        () -> associations.countMembers(a.id()),
        () -> associations.findFirstWaiting(a.id()));
  }

  /** One from the waiting list becomes a member and is told. Call with the row locked. */
  private void admit(Association a, long next, Instant at) {
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

  private List<AssociationViews.AssociationView> views(Account viewer, List<Association> list) {
    return list.stream().map(a -> view(viewer, a)).toList();
  }

  AssociationViews.AssociationView view(Account viewer, Association a) {
    Account organiser = accounts.get(a.organiserId());
    return new AssociationViews.AssociationView(
        a.id(),
        a.communityId(),
        grids.get(a.communityId()).name(),
        a.name(),
        a.kind(),
        a.description(),
        a.coverPhotoId() == null ? null : "/api/v1/photos/" + a.coverPhotoId(),
        organiser.displayName(),
        a.meetingTime(),
        a.meetingPlace(),
        a.memberLimit(),
        associations.countMembers(a.id()),
        a.joinPolicy(),
        a.openToNeighbours(),
        associations.findStatus(a.id(), viewer.id()).orElse(null),
        access.manages(viewer, a));
  }

  private static ApiException needsHome() {
    return new ApiException(HttpStatus.CONFLICT, "needs-home");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** What a new association is made of. */
  public record NewAssociation(
      long communityId,
      boolean openToNeighbours,
      String name,
      Association.Kind kind,
      String description,
      long organiserId,
      @Nullable String meetingTime,
      @Nullable String meetingPlace,
      @Nullable Integer memberLimit,
      Association.JoinPolicy joinPolicy) {}
}
