package org.onegrid.clinic;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.IdempotencyKeys;
import org.onegrid.platform.ProblemAnswers;

/**
 * Home-visit requests and green-channel referrals, for the household, the referrer and the
 * provider's staff; and the visits of residents under a node for their supervisors (never why).
 */
@Controller("/api/v1")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "clinic")
class ClinicRequestController {

  private final ClinicRequestService requests;
  private final VisitOverview visits;
  private final AccountService accounts;

  ClinicRequestController(
      ClinicRequestService requests, VisitOverview visits, AccountService accounts) {
    this.requests = requests;
    this.visits = visits;
    this.accounts = accounts;
  }

  @Post("/clinic/home-visits")
  @Operation(
      summary =
          "Ask the area doctor to visit me or someone of my household at home. Send an"
              + " Idempotency-Key: a retry returns the first request")
  HttpResponse<ClinicViews.RequestView> homeVisit(
      Authentication auth,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Body @Valid NewHomeVisit body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(
            requests.requestHomeVisit(
                me(auth),
                body.serviceId(),
                body.patientId(),
                body.reason(),
                body.preferred(),
                IdempotencyKeys.of(idempotencyKey)));
  }

  @Get("/clinic/green-channels")
  @Operation(
      summary =
          "Grid staff and clinicians: the green channels a resident can be referred to (their"
              + " community's partner hospitals)")
  List<ClinicViews.ServiceView> greenChannels(Authentication auth, @QueryValue long patientId) {
    return requests.greenChannelsFor(me(auth), patientId);
  }

  @Post("/clinic/referrals")
  @Operation(
      summary =
          "Grid staff reaching the resident, or a clinician of their community: refer a resident"
              + " to a partner hospital's green channel. Send an Idempotency-Key")
  HttpResponse<ClinicViews.RequestView> refer(
      Authentication auth,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Body @Valid NewReferral body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(
            requests.refer(
                me(auth),
                body.serviceId(),
                body.patientId(),
                body.reason(),
                IdempotencyKeys.of(idempotencyKey)));
  }

  @Get("/me/clinic-requests")
  @Operation(summary = "Home visits I asked for and referrals made for me or my household")
  List<ClinicViews.RequestView> mine(Authentication auth) {
    return requests.mine(me(auth));
  }

  @Post("/clinic/requests/{id}/cancel")
  @Operation(summary = "Call off a home visit or referral that is not done yet")
  ClinicViews.RequestView cancel(Authentication auth, @PathVariable long id) {
    return requests.cancel(me(auth), id);
  }

  @Get("/clinician/requests{?open,before}")
  @Operation(
      summary =
          "Clinicians: home-visit requests and referrals to my providers, open (default) or"
              + " closed, newest first, 50 at a time (pass the last id as before)")
  List<ClinicViews.RequestView> forProvider(
      Authentication auth, @Nullable @QueryValue Boolean open, @Nullable @QueryValue Long before) {
    return requests.forProvider(me(auth), open == null || open, before);
  }

  @Post("/clinic/requests/{id}/schedule")
  @Operation(summary = "Clinicians: set or move the time of a visit, with a note (where to go)")
  ClinicViews.RequestView schedule(
      Authentication auth, @PathVariable long id, @Body @Valid ScheduleVisit body) {
    return requests.schedule(me(auth), id, body.at(), body.note());
  }

  @Post("/clinic/requests/{id}/decline")
  @Operation(summary = "Clinicians: decline a request, saying why (the household is told)")
  ClinicViews.RequestView decline(
      Authentication auth, @PathVariable long id, @Body @Valid Decline body) {
    return requests.decline(me(auth), id, body.reason());
  }

  @Post("/clinic/requests/{id}/done")
  @Operation(summary = "Clinicians: record that a scheduled visit took place")
  ClinicViews.RequestView done(Authentication auth, @PathVariable long id) {
    return requests.done(me(auth), id);
  }

  @Get("/staff/clinic/visits{?careList}")
  @Operation(
      summary =
          "Staff: visits of residents under a node of my subtree (bookings, home visits, referrals)"
              + " for care follow-up; that they exist, never why")
  List<ClinicViews.VisitRow> visits(
      Authentication auth, @QueryValue long nodeId, @Nullable @QueryValue Boolean careList) {
    return visits.under(me(auth), nodeId, careList != null && careList);
  }

  private Account me(Authentication auth) {
    return accounts.signedIn(auth);
  }

  @Serdeable
  record NewHomeVisit(
      @NotNull Long serviceId,
      @Nullable Long patientId,
      @NotBlank @Size(max = 500) String reason,
      @Nullable @Size(max = 200) String preferred) {}

  @Serdeable
  record NewReferral(
      @NotNull Long serviceId, @NotNull Long patientId, @NotBlank @Size(max = 500) String reason) {}

  @Serdeable
  record ScheduleVisit(@NotNull Instant at, @Nullable @Size(max = 200) String note) {}

  @Serdeable
  record Decline(@NotBlank @Size(max = 200) String reason) {}
}
