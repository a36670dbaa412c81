package org.onegrid.association;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.audit.AuditLog;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.notify.Notifications;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.RateLimiter;
import org.onegrid.platform.Tx;
import org.onegrid.problem.PhotoService;

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
  private final Memberships memberships;
  private final PhotoService photos;
  private final AccountService accounts;
  private final GridService grids;
  private final Notifications notify;
  private final RateLimiter limiter;
  private final Messages texts;
  private final Tx tx;
  private final Clock clock;
  private final AuditLog audit;

  AssociationService(
      AssociationRepository associations,
      AssociationAccess access,
      Memberships memberships,
      PhotoService photos,
      AccountService accounts,
      GridService grids,
      Notifications notify,
      RateLimiter limiter,
      Messages texts,
      Tx tx,
      Clock clock,
      AuditLog audit) {
    this.audit = audit;
    this.associations = associations;
    this.access = access;
    this.memberships = memberships;
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
    return access.view(staff, associations.findById(id).orElseThrow());
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
    return access.view(viewer, a);
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
      limiter.hit("announce-sms:" + id, 1, Duration.ofDays(1), "announcement-sms-limit");
    }
    String text = body.trim();
    tx.run(
        () -> {
          Instant at = now();
          associations.insertAnnouncement(id, organiser.id(), text, bySms, at);
          associations.insertEvent(id, null, organiser.id(), "ANNOUNCE", null, null, at);
          Map<Long, Account> members = accounts.byIds(associations.findMemberIds(id));
          for (Account m : members.values()) {
            Function<Locale, String> message =
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
              if (!Objects.equals(a.meetingTime(), time)
                  || !Objects.equals(a.meetingPlace(), place)) {
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
              memberships.places(now).moveUp(next -> memberships.admit(now, next, at));
              return now;
            });
    return access.view(organiser, changed);
  }

  /** What the audit log keeps of an association's details. */
  private static Map<String, Object> details(Association a) {
    Map<String, Object> m = new LinkedHashMap<>();
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
    return access.view(organiser, associations.findById(id).orElseThrow());
  }

  private List<Long> communitiesUnder(GridNode node) {
    if (node.level() == GridLevel.COMMUNITY) {
      return List.of(node.id());
    }
    if (node.level().below(GridLevel.COMMUNITY)) {
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

  private List<AssociationViews.AssociationView> views(Account viewer, List<Association> list) {
    return list.stream().map(a -> access.view(viewer, a)).toList();
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
