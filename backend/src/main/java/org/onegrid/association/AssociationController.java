package org.onegrid.association;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Phones;
import org.onegrid.platform.ProblemAnswers;

/** Associations, their members, their activities and sign-ups. */
@Controller("/api/v1")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "associations")
class AssociationController {

  private final AssociationService associations;
  private final Memberships memberships;
  private final ParticipationReport participation;
  private final ActivityService activities;
  private final ActivitySignups signups;
  private final AccountService accounts;
  private final Messages messages;
  private final Phones phones;

  AssociationController(
      AssociationService associations,
      Memberships memberships,
      ParticipationReport participation,
      ActivityService activities,
      ActivitySignups signups,
      AccountService accounts,
      Messages messages,
      Phones phones) {
    this.associations = associations;
    this.memberships = memberships;
    this.participation = participation;
    this.activities = activities;
    this.signups = signups;
    this.accounts = accounts;
    this.messages = messages;
    this.phones = phones;
  }

  @Get("/associations{?q}")
  @Operation(
      summary = "Associations I may join (my community's, and neighbours' open ones), or manage")
  List<AssociationViews.AssociationView> browse(
      HttpRequest<?> request, Authentication auth, @Nullable @QueryValue @Size(max = 50) String q) {
    return associations.browse(me(auth), q, messages.localeOf(request));
  }

  @Post("/associations")
  @Operation(
      summary = "Staff: found an association in a community they supervise, naming its organiser")
  HttpResponse<AssociationViews.AssociationView> create(
      Authentication auth, @Body @Valid NewAssociationRequest body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(
            associations.create(
                me(auth),
                new AssociationService.NewAssociation(
                    body.communityId(),
                    Boolean.TRUE.equals(body.openToNeighbours()),
                    body.name().trim(),
                    body.kind(),
                    body.description().trim(),
                    organiserOf(auth, body),
                    body.meetingTime(),
                    body.meetingPlace(),
                    body.memberLimit(),
                    body.joinPolicy())));
  }

  @Get("/associations/{id}")
  AssociationViews.AssociationView get(Authentication auth, @PathVariable long id) {
    return associations.get(me(auth), id);
  }

  @Post("/associations/{id}/join")
  @Operation(summary = "Join (or ask to, or queue when full); twice is once")
  AssociationViews.AssociationView join(Authentication auth, @PathVariable long id) {
    return memberships.join(me(auth), id);
  }

  @Post("/associations/{id}/leave")
  @Operation(summary = "Leave or withdraw; the waiting list moves up")
  AssociationViews.AssociationView leave(Authentication auth, @PathVariable long id) {
    return memberships.leave(me(auth), id);
  }

  @Get("/associations/{id}/members")
  @Operation(summary = "Organisers: members, requests and waiting list (phones masked)")
  List<AssociationViews.MemberView> members(Authentication auth, @PathVariable long id) {
    return memberships.members(me(auth), id);
  }

  @Post("/associations/{id}/members/{accountId}/decision")
  @Operation(summary = "Organisers: approve a request, or decline it with a reason")
  List<AssociationViews.MemberView> decide(
      Authentication auth,
      @PathVariable long id,
      @PathVariable long accountId,
      @Body @Valid Decision body) {
    return memberships.decide(me(auth), id, accountId, body.approve(), body.reason());
  }

  @Put("/associations/{id}")
  @Operation(
      summary =
          "Organisers: change an association; a new meeting time or place is texted to every member,"
              + " a higher limit moves the waiting list up (409 for a limit below the members it has)")
  AssociationViews.AssociationView change(
      Authentication auth, @PathVariable long id, @Body @Valid AssociationChange body) {
    return associations.change(
        me(auth),
        id,
        new AssociationService.Details(
            body.name(),
            body.description(),
            body.meetingTime(),
            body.meetingPlace(),
            body.memberLimit(),
            body.joinPolicy(),
            Boolean.TRUE.equals(body.openToNeighbours())));
  }

  @Put("/associations/{id}/cover")
  @Operation(summary = "Organisers: set the cover picture to a photo uploaded through /photos")
  AssociationViews.AssociationView cover(
      Authentication auth, @PathVariable long id, @Body @Valid Cover body) {
    return associations.setCover(me(auth), id, body.photoId());
  }

  @Get("/associations/{id}/announcements")
  @Operation(summary = "Members: the organiser's latest announcements")
  List<AssociationViews.Announcement> announcements(Authentication auth, @PathVariable long id) {
    return associations.announcements(me(auth), id);
  }

  @Post("/associations/{id}/announcements")
  @Operation(
      summary =
          "Organisers: tell every member in the app, and by SMS when bySms (at most once a day per"
              + " association)")
  HttpResponse<List<AssociationViews.Announcement>> announce(
      Authentication auth, @PathVariable long id, @Body @Valid NewAnnouncement body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(associations.announce(me(auth), id, body.body(), Boolean.TRUE.equals(body.bySms())));
  }

  @Get("/associations/{id}/activities")
  @Operation(summary = "An association's coming activities")
  List<AssociationViews.ActivityView> activities(Authentication auth, @PathVariable long id) {
    return activities.ofAssociation(me(auth), id);
  }

  @Post("/associations/{id}/activities")
  @Operation(summary = "Organisers: publish an activity, or one every week for repeatWeeks weeks")
  HttpResponse<List<AssociationViews.ActivityView>> publish(
      Authentication auth, @PathVariable long id, @Body @Valid NewActivityRequest body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(activities.publish(me(auth), id, newActivity(body)));
  }

  private static ActivityService.NewActivity newActivity(NewActivityRequest body) {
    return new ActivityService.NewActivity(
        body.title().trim(),
        body.description() == null ? "" : body.description().trim(),
        body.place().trim(),
        body.startsAt(),
        body.endsAt(),
        body.signupDeadline(),
        body.capacity(),
        body.repeatWeeks() == null ? 1 : body.repeatWeeks());
  }

  @Get("/communities/{id}/activities")
  @Operation(summary = "The community's own coming activities (not an association's)")
  List<AssociationViews.ActivityView> communityActivities(
      Authentication auth, @PathVariable long id) {
    return activities.ofCommunity(me(auth), id);
  }

  @Post("/communities/{id}/activities")
  @Operation(summary = "Staff over the community: publish an activity of the community itself")
  HttpResponse<List<AssociationViews.ActivityView>> publishForCommunity(
      Authentication auth, @PathVariable long id, @Body @Valid NewActivityRequest body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(activities.publishForCommunity(me(auth), id, newActivity(body)));
  }

  @Get("/activities/{id}")
  AssociationViews.ActivityView activity(Authentication auth, @PathVariable long id) {
    return activities.get(me(auth), id);
  }

  @Get("/activities/{id}/calendar.ics")
  @Operation(summary = "The activity as an iCalendar file")
  @ApiResponse(
      responseCode = "200",
      description = "an iCalendar (RFC 5545) file",
      content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string")))
  HttpResponse<String> ics(Authentication auth, @PathVariable long id) {
    return HttpResponse.ok(activities.ics(me(auth), id))
        .contentType(MediaType.of("text/calendar; charset=utf-8"))
        .header("Content-Disposition", "attachment; filename=\"activity-" + id + ".ics\"");
  }

  @Post("/activities/{id}/signup")
  @Operation(summary = "Sign up (or join the waiting list when full); twice is once")
  AssociationViews.ActivityView signUp(Authentication auth, @PathVariable long id) {
    return signups.signUp(me(auth), id);
  }

  @Post("/activities/{id}/cancel")
  @Operation(summary = "Cancel my sign-up; the first waiting moves up and is texted")
  AssociationViews.ActivityView cancel(Authentication auth, @PathVariable long id) {
    return signups.cancel(me(auth), id);
  }

  @Post("/activities/{id}/call-off")
  @Operation(summary = "Organisers: call the activity off with a reason; everyone on it is texted")
  AssociationViews.ActivityView callOff(
      Authentication auth, @PathVariable long id, @Body @Valid CallOff body) {
    return activities.callOff(me(auth), id, body.reason());
  }

  @Put("/activities/{id}")
  @Operation(
      summary =
          "Organisers: change a published activity; a new time or place is texted to everyone on it,"
              + " more places move the waiting up (409 for fewer places than are taken)")
  AssociationViews.ActivityView change(
      Authentication auth, @PathVariable long id, @Body @Valid NewActivityRequest body) {
    return activities.change(me(auth), id, newActivity(body));
  }

  @Get("/activities/{id}/signups")
  @Operation(summary = "Organisers: who signed up and who waits, with check-ins")
  List<AssociationViews.SignupView> signups(Authentication auth, @PathVariable long id) {
    return signups.signups(me(auth), id);
  }

  @Post("/activities/{id}/signups/{accountId}/check-in")
  @Operation(summary = "Organisers: check a signed-up person in")
  List<AssociationViews.SignupView> checkIn(
      Authentication auth, @PathVariable long id, @PathVariable long accountId) {
    return signups.checkIn(me(auth), id, accountId);
  }

  @Get("/staff/participation")
  @Operation(
      summary =
          "Staff: members and attendance per association and per grid of my subtree, last 90 days")
  AssociationViews.Participation participation(Authentication auth) {
    return participation.participation(me(auth));
  }

  @Get("/me/activities")
  @Operation(summary = "My coming activities (signed up or waiting), soonest first")
  List<AssociationViews.ActivityView> mine(Authentication auth) {
    return activities.mine(me(auth));
  }

  /** The organiser named by id, else by phone (a resident volunteer), else the founder. */
  private long organiserOf(Authentication auth, NewAssociationRequest body) {
    if (body.organiserId() != null) {
      return body.organiserId();
    }
    if (body.organiserPhone() != null && !body.organiserPhone().isBlank()) {
      return accounts
          .findByPhone(phones.toE164(body.organiserPhone(), "organiserPhone"))
          .map(Account::id)
          .orElseThrow(() -> ApiException.invalidField("organiserPhone", "validation.organiser"));
    }
    return me(auth).id();
  }

  private Account me(Authentication auth) {
    return accounts.signedIn(auth);
  }

  @Serdeable
  record NewAssociationRequest(
      @NotNull Long communityId,
      @NotBlank @Size(max = 60) String name,
      @NotNull Association.Kind kind,
      @NotBlank @Size(max = 2000) String description,
      @Nullable Long organiserId,
      @Nullable @Size(max = 40) String organiserPhone,
      @Nullable @Size(max = 100) String meetingTime,
      @Nullable @Size(max = 200) String meetingPlace,
      @Nullable @Min(1) @Max(10000) Integer memberLimit,
      @NotNull Association.JoinPolicy joinPolicy,
      @Nullable Boolean openToNeighbours) {}

  @Serdeable
  record CallOff(@NotBlank @Size(max = 300) String reason) {}

  @Serdeable
  record Cover(@NotNull Long photoId) {}

  @Serdeable
  record NewAnnouncement(@NotBlank @Size(max = 500) String body, @Nullable Boolean bySms) {}

  @Serdeable
  record AssociationChange(
      @NotBlank @Size(max = 60) String name,
      @Nullable @Size(max = 2000) String description,
      @Nullable @Size(max = 100) String meetingTime,
      @Nullable @Size(max = 200) String meetingPlace,
      @Nullable @Min(1) @Max(10000) Integer memberLimit,
      @NotNull Association.JoinPolicy joinPolicy,
      @Nullable Boolean openToNeighbours) {}

  @Serdeable
  record Decision(boolean approve, @Nullable @Size(max = 300) String reason) {}

  @Serdeable
  record NewActivityRequest(
      @NotBlank @Size(max = 80) String title,
      @Nullable @Size(max = 2000) String description,
      @NotBlank @Size(max = 200) String place,
      @NotNull Instant startsAt,
      @NotNull Instant endsAt,
      @Nullable Instant signupDeadline,
      @NotNull @Min(1) @Max(10000) Integer capacity,
      @Nullable @Min(1) @Max(26) Integer repeatWeeks) {}
}
