package org.onegrid.open311;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The GeoReport v2 documents as a client reads them, in XML and in JSON, without the app. */
class Open311FormatTest {

  private static final Open311Documents.ServiceRequest REQUEST =
      new Open311Documents.ServiceRequest(
          "42",
          "open",
          null,
          "环境卫生",
          "sanitation",
          "楼下垃圾 <没人> 清 & 臭",
          "二七区 民主路街道",
          "24 小时内受理",
          "2026-12-01T08:00:00+08:00",
          "2026-12-01T09:00:00+08:00",
          "2026-12-03T08:00:00+08:00",
          "3号楼",
          null,
          null,
          new BigDecimal("34.7470"),
          new BigDecimal("113.6250"),
          null);

  @Test
  void xmlNamesEveryFieldAsTheSpecificationDoesAndEscapesText() {
    String xml =
        Open311Format.xml(
            "service_requests", new Open311Format.ListOf("request", List.of(REQUEST)));
    assertThat(xml)
        .startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_requests><request>")
        .contains("<service_request_id>42</service_request_id><status>open</status><status_notes/>")
        .contains("<agency_responsible>二七区 民主路街道</agency_responsible>")
        .contains("<requested_datetime>2026-12-01T08:00:00+08:00</requested_datetime>")
        .contains("<lat>34.7470</lat><long>113.6250</long><media_url/>")
        .contains("<description>楼下垃圾 &lt;没人&gt; 清 &amp; 臭</description>")
        .contains("<address_id/><zipcode/>");
  }

  @Test
  void jsonIsAnArrayOfObjectsWithTheSameNames() {
    String json =
        Open311Format.json(
            JsonMapper.createDefault(), new Open311Format.ListOf("request", List.of(REQUEST)));
    assertThat(json)
        .startsWith("[{\"service_request_id\":\"42\",\"status\":\"open\"")
        .contains("\"service_code\":\"sanitation\"")
        .contains("\"long\":113.6250");
  }

  @Test
  void aServiceDefinitionListsItsAttributesAndTheirValues() {
    var definition =
        new Open311Documents.ServiceDefinition(
            "water",
            new Open311Format.ListOf(
                "attribute",
                List.of(
                    new Open311Documents.Attribute(
                        true,
                        "floor",
                        "singlevaluelist",
                        true,
                        null,
                        1,
                        "哪一层？",
                        new Open311Format.ListOf(
                            "value", List.of(new Open311Documents.Value("1", "一楼")))))));
    assertThat(Open311Format.xml("service_definition", definition))
        .contains(
            "<service_definition><service_code>water</service_code><attributes><attribute>"
                + "<variable>true</variable><code>floor</code><datatype>singlevaluelist</datatype>"
                + "<required>true</required><datatype_description/><order>1</order>"
                + "<description>哪一层？</description><values><value><key>1</key><name>一楼</name>"
                + "</value></values></attribute></attributes></service_definition>");
    assertThat(Open311Format.snakeCase("keyService")).isEqualTo("key_service");
  }
}
