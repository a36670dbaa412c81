package org.onegrid.open311;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;

/**
 * The documents of GeoReport v2 as OneGrid answers them, field by field in the specification's
 * order. {@link Open311Format} writes a record's components in snake case ({@code serviceCode} →
 * {@code service_code}), or by {@link Open311Format.Named} where Java cannot spell the name.
 */
final class Open311Documents {

  private Open311Documents() {}

  /** discovery.xml: who runs this endpoint and where it is. */
  record Discovery(
      String changeset, String contact, String keyService, Open311Format.ListOf endpoints) {}

  /** One endpoint of the discovery document, with the formats it answers in. */
  record Endpoint(
      String specification,
      String url,
      String changeset,
      String type,
      Open311Format.ListOf formats) {}

  /** A service (a OneGrid problem category) as services.xml lists it. */
  record Service(
      String serviceCode,
      String serviceName,
      String description,
      boolean metadata,
      String type,
      String keywords,
      String group) {}

  /** services/{code}.xml: the extra questions of a service. */
  record ServiceDefinition(String serviceCode, Open311Format.ListOf attributes) {}

  /** One question of a service definition. */
  record Attribute(
      boolean variable,
      String code,
      String datatype,
      boolean required,
      @Nullable String datatypeDescription,
      int order,
      String description,
      Open311Format.ListOf values) {}

  /** One choice of a list question. */
  record Value(String key, String name) {}

  /** What a POST answers: the token to find the request by, and what to expect. */
  record Receipt(String token, String serviceNotice, @Nullable String accountId) {}

  /** tokens/{token}.xml: the request a token became. */
  record TokenAnswer(String serviceRequestId, String token) {}

  /** A service request as anyone may read it (see {@code PublicRecords}). */
  record ServiceRequest(
      String serviceRequestId,
      String status,
      @Nullable String statusNotes,
      String serviceName,
      String serviceCode,
      String description,
      String agencyResponsible,
      String serviceNotice,
      String requestedDatetime,
      String updatedDatetime,
      String expectedDatetime,
      @Nullable String address,
      @Nullable String addressId,
      @Nullable String zipcode,
      @Nullable BigDecimal lat,
      @Open311Format.Named("long") @Nullable BigDecimal lng,
      @Nullable String mediaUrl) {}

  /**
   * One update of a request (the mySociety updates extension): a change of its status or a reply
   * from its handlers, in the extension's lower-case statuses.
   */
  record RequestUpdate(
      String updateId,
      String serviceRequestId,
      String status,
      String updatedDatetime,
      String description,
      String mediaUrl) {}

  /** What a POSTed update answers: the update's id here, and the app's own account id if sent. */
  record UpdateReceipt(String updateId, @Nullable String accountId) {}

  /** One error: the HTTP status as its code, and what was wrong. */
  record Error(int code, String description) {}
}
