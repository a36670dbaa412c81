package org.onegrid.clinic;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.platform.IdempotencyKeys;
import org.onegrid.platform.Messages;
import org.onegrid.platform.ProblemAnswers;

/** Clinic services of one's community: slots, bookings, and the provider's day list. */
@Controller("/api/v1")
@ProblemAnswers
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "clinic")
class ClinicController {

  private final ClinicService clinic;
  private final ClinicBookings bookings;
  private final ClinicWaitlist waitlist;
  private final ClinicDesk desk;
  private final AccountService accounts;
  private final Messages messages;

  ClinicController(
      ClinicService clinic,
      ClinicBookings bookings,
      ClinicWaitlist waitlist,
      ClinicDesk desk,
      AccountService accounts,
      Messages messages) {
    this.clinic = clinic;
    this.bookings = bookings;
    this.waitlist = waitlist;
    this.desk = desk;
    this.accounts = accounts;
    this.messages = messages;
  }

  @Get("/clinic/providers")
  @Operation(
      summary =
          "The health stations, hospitals and area doctors of my community, with their services")
  List<ClinicViews.ProviderView> providers(HttpRequest<?> request, Authentication auth) {
    return clinic.providers(me(auth), messages.localeOf(request));
  }

  @Get("/clinic/patients")
  @Operation(summary = "Who I can book for: me and the others of my household")
  List<Patient> patients(Authentication auth) {
    Account me = me(auth);
    return accounts.householdOf(me).stream()
        .map(a -> new Patient(a.id(), a.displayName(), a.id() == me.id()))
        .toList();
  }

  @Get("/clinic/services/{id}/slots")
  @Operation(summary = "A service's bookable slots up to its horizon, with places taken")
  List<ClinicViews.Slot> slots(Authentication auth, @PathVariable long id) {
    return clinic.slots(me(auth), id);
  }

  @Post("/clinic/bookings")
  @Operation(
      summary =
          "Book a slot for me or someone of my household. Send an Idempotency-Key: a retry returns the"
              + " first booking")
  HttpResponse<ClinicViews.BookingView> book(
      Authentication auth,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Body @Valid NewBooking body) {
    String key = IdempotencyKeys.of(idempotencyKey);
    return HttpResponse.status(HttpStatus.CREATED)
        .body(
            bookings.book(
                me(auth), body.serviceId(), body.startsAt(), body.patientId(), body.reason(), key));
  }

  @Post("/clinic/waitlist")
  @Operation(summary = "Wait for a full slot; a freed place is offered by SMS and held for a while")
  HttpResponse<ClinicViews.WaitView> joinWaitlist(
      Authentication auth, @Body @Valid NewBooking body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(
            waitlist.joinWaitlist(
                me(auth), body.serviceId(), body.startsAt(), body.patientId(), body.reason()));
  }

  @Post("/clinic/waitlist/day")
  @Operation(
      summary =
          "Wait for any time of a day whose every slot is full; the first place freed that day is"
              + " offered by SMS")
  HttpResponse<ClinicViews.WaitView> joinDayWaitlist(
      Authentication auth, @Body @Valid DayWait body) {
    return HttpResponse.status(HttpStatus.CREATED)
        .body(
            waitlist.joinDayWaitlist(
                me(auth), body.serviceId(), body.day(), body.patientId(), body.reason()));
  }

  @Get("/me/clinic-waitlist")
  @Operation(summary = "My places on waiting lists, and places offered to me")
  List<ClinicViews.WaitView> myWaits(Authentication auth) {
    return waitlist.myWaits(me(auth));
  }

  @Post("/clinic/waitlist/{id}/accept")
  @Operation(summary = "Take the place offered to me, while the offer stands")
  ClinicViews.BookingView accept(Authentication auth, @PathVariable long id) {
    return waitlist.acceptOffer(me(auth), id);
  }

  @Get("/clinic/bookings/{id}/calendar.ics")
  @Operation(summary = "The booking as an iCalendar file")
  @ApiResponse(
      responseCode = "200",
      description = "an iCalendar (RFC 5545) file",
      content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string")))
  HttpResponse<String> ics(Authentication auth, @PathVariable long id) {
    return HttpResponse.ok(bookings.ics(me(auth), id))
        .contentType(MediaType.of("text/calendar; charset=utf-8"))
        .header("Content-Disposition", "attachment; filename=\"clinic-" + id + ".ics\"");
  }

  @Post("/clinic/bookings/{id}/cancel")
  @Operation(summary = "Cancel a booking until the service's cut-off")
  ClinicViews.BookingView cancel(Authentication auth, @PathVariable long id) {
    return bookings.cancel(me(auth), id);
  }

  @Post("/clinic/bookings/{id}/reschedule")
  @Operation(summary = "Move a booking to another slot of its service until the cut-off")
  ClinicViews.BookingView reschedule(
      Authentication auth, @PathVariable long id, @Body @Valid Reschedule body) {
    return bookings.reschedule(me(auth), id, body.startsAt());
  }

  @Get("/clinician/providers")
  @Operation(summary = "Clinicians: the providers I work for, with their services")
  List<ClinicViews.ProviderView> myProviders(Authentication auth) {
    return clinic.myProviders(me(auth));
  }

  @Get("/me/clinic-bookings")
  @Operation(summary = "Bookings I made or am the patient of")
  List<ClinicViews.BookingView> mine(Authentication auth) {
    return bookings.mine(me(auth));
  }

  @Get("/clinic/services/{id}/day")
  @Operation(summary = "The provider's staff: one day's bookings of a service, with reasons")
  List<ClinicViews.BookingView> day(
      Authentication auth, @PathVariable long id, @QueryValue LocalDate date) {
    return desk.dayList(me(auth), id, date);
  }

  @Delete("/clinic/bookings/{id}/attendance")
  @Operation(summary = "The provider's staff: take back an attendance mark, within a day")
  ClinicViews.BookingView undoAttendance(Authentication auth, @PathVariable long id) {
    return desk.unmark(me(auth), id);
  }

  @Post("/clinic/bookings/{id}/attendance")
  @Operation(summary = "The provider's staff: mark a booking attended or a no-show")
  ClinicViews.BookingView attendance(
      Authentication auth, @PathVariable long id, @Body @Valid Attendance body) {
    return desk.mark(me(auth), id, body.attended());
  }

  private Account me(Authentication auth) {
    return accounts.signedIn(auth);
  }

  @Serdeable
  record NewBooking(
      @NotNull Long serviceId,
      @NotNull Instant startsAt,
      @Nullable Long patientId,
      @Nullable @Size(max = 500) String reason) {}

  @Serdeable
  record Patient(long id, String name, boolean me) {}

  @Serdeable
  record DayWait(
      @NotNull Long serviceId,
      @NotNull LocalDate day,
      @Nullable Long patientId,
      @Nullable @Size(max = 500) String reason) {}

  @Serdeable
  record Reschedule(@NotNull Instant startsAt) {}

  @Serdeable
  record Attendance(boolean attended) {}
}
