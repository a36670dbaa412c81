package org.onegrid.security;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks an answer against what the OpenAPI document promises for it: a 2xx JSON body against the
 * operation's documented schema (required properties present, types and enums right, null only
 * where nullable), and every error as a problem document whose status is the HTTP status.
 */
final class AnswerSchema {

  private final Map<String, Object> document;

  AnswerSchema(Map<String, Object> document) {
    this.document = document;
  }

  /** What is wrong with this answer to {@code operation}; empty when it keeps the promise. */
  @SuppressWarnings("unchecked")
  List<String> violations(
      Map<String, Object> operation, int status, String contentType, Object body) {
    List<String> out = new ArrayList<>();
    String type = contentType == null ? "" : contentType;
    if (status >= 400) {
      if (!type.startsWith("application/problem+json")) {
        out.add("an error answered as " + type + ", not problem+json");
      } else if (!(body instanceof Map<?, ?> problem)) {
        out.add("a problem document that is not an object");
      } else {
        for (String field : List.of("type", "title", "status", "code")) {
          if (problem.get(field) == null) {
            out.add("a problem document without " + field);
          }
        }
        if (problem.get("status") instanceof Number n && n.intValue() != status) {
          out.add("a problem document saying " + n + " in a " + status + " answer");
        }
      }
      return out;
    }
    if (status < 200 || status >= 300 || !type.startsWith("application/json")) {
      return out;
    }
    Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
    Map<String, Object> response = (Map<String, Object>) responses.get(String.valueOf(status));
    if (response == null) {
      response = (Map<String, Object>) responses.get("200");
    }
    if (response == null || response.get("content") == null) {
      return out;
    }
    Map<String, Object> media =
        (Map<String, Object>)
            ((Map<String, Object>) response.get("content")).get("application/json");
    if (media != null && media.get("schema") != null) {
      check("$", (Map<String, Object>) media.get("schema"), body, out);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private void check(String at, Map<String, Object> schema, Object value, List<String> out) {
    if (out.size() > 5) {
      return;
    }
    if (schema.get("$ref") != null) {
      schema = resolve((String) schema.get("$ref"));
    }
    if (value == null) {
      if (!Boolean.TRUE.equals(schema.get("nullable"))) {
        out.add(at + " is null but not nullable");
      }
      return;
    }
    if (schema.get("allOf") instanceof List<?> parts) {
      for (Object part : parts) {
        check(at, (Map<String, Object>) part, value, out);
      }
      return;
    }
    Object type = schema.get("type");
    if (schema.get("enum") instanceof List<?> values && !values.contains(value)) {
      out.add(at + " is " + value + ", not one of " + values);
    }
    if ("object".equals(type) || (type == null && schema.get("properties") != null)) {
      if (!(value instanceof Map<?, ?> object)) {
        out.add(at + " is not an object");
        return;
      }
      for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
        if (!object.containsKey(required)) {
          out.add(at + "." + required + " is missing");
        }
      }
      Map<String, Object> properties =
          (Map<String, Object>) schema.getOrDefault("properties", Map.of());
      for (Map.Entry<String, Object> p : properties.entrySet()) {
        if (object.containsKey(p.getKey())) {
          check(
              at + "." + p.getKey(),
              (Map<String, Object>) p.getValue(),
              object.get(p.getKey()),
              out);
        }
      }
    } else if ("array".equals(type)) {
      if (!(value instanceof List<?> list)) {
        out.add(at + " is not an array");
        return;
      }
      Map<String, Object> items = (Map<String, Object>) schema.get("items");
      for (int i = 0; i < list.size() && items != null; i++) {
        check(at + "[" + i + "]", items, list.get(i), out);
      }
    } else if ("string".equals(type) && !(value instanceof String)) {
      out.add(at + " is not a string");
    } else if ("integer".equals(type)
        && !(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
      out.add(at + " is not an integer");
    } else if ("number".equals(type) && !(value instanceof Number)) {
      out.add(at + " is not a number");
    } else if ("boolean".equals(type) && !(value instanceof Boolean)) {
      out.add(at + " is not a boolean");
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> resolve(String ref) {
    String name = ref.substring("#/components/schemas/".length());
    return (Map<String, Object>)
        ((Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas"))
            .get(name);
  }
}
