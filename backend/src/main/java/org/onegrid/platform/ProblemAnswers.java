package org.onegrid.platform;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents, on every operation of a controller, the error answers OneGrid gives: each is an RFC
 * 9457 problem document ({@link ProblemDetails}) in the caller's language. Which of them an
 * operation gives in practice depends on it; all may occur (a database outage is a 503 anywhere).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ApiResponse(
    responseCode = "400",
    description = "What was sent is not valid; `errors` names each field",
    content =
        @Content(
            mediaType = ProblemDetails.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDetails.class)))
@ApiResponse(
    responseCode = "401",
    description = "Not signed in, or the session ended",
    content =
        @Content(
            mediaType = ProblemDetails.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDetails.class)))
@ApiResponse(
    responseCode = "403",
    description = "Signed in, but this role may not do this",
    content =
        @Content(
            mediaType = ProblemDetails.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDetails.class)))
@ApiResponse(
    responseCode = "404",
    description = "No such record, or one outside the caller's reach (never told apart)",
    content =
        @Content(
            mediaType = ProblemDetails.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDetails.class)))
@ApiResponse(
    responseCode = "409",
    description = "Not possible in the record's present state (full, already decided, too early …)",
    content =
        @Content(
            mediaType = ProblemDetails.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDetails.class)))
@ApiResponse(
    responseCode = "429",
    description =
        "Too many tries; `retryAfterSeconds` and the Retry-After header say when to try again",
    content =
        @Content(
            mediaType = ProblemDetails.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDetails.class)))
@ApiResponse(
    responseCode = "503",
    description =
        "The database cannot be reached or is busy; nothing was saved; Retry-After says when",
    content =
        @Content(
            mediaType = ProblemDetails.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDetails.class)))
public @interface ProblemAnswers {}
