package org.onegrid.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Every operation of the API as the OpenAPI document generated at build time describes it, so that
 * tests walk them all, including ones added after the tests were written.
 */
final class ApiSurface {

  private final Map<String, Object> document;

  @SuppressWarnings("unchecked")
  ApiSurface() {
    try (InputStream in =
        ApiSurface.class.getResourceAsStream("/META-INF/swagger/onegrid-0.1.yml")) {
      if (in == null) {
        throw new IllegalStateException("No OpenAPI document on the classpath; build the backend");
      }
      document = new Yaml().load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One operation: method, path template, its parameters and the properties of its JSON body. */
  record Operation(
      String method,
      String path,
      List<String> pathParams,
      List<String> queryParams,
      Map<String, String> bodyProperties,
      boolean jsonBody,
      Map<String, Object> described) {

    String key() {
      return method + " " + path;
    }

    /** The path with every path parameter set to {@code value}. */
    String url(String value, String query) {
      String url = path;
      for (String p : pathParams) {
        url = url.replace("{" + p + "}", value);
      }
      StringBuilder q = new StringBuilder();
      for (String p : queryParams) {
        q.append(q.isEmpty() ? "?" : "&").append(p).append('=').append(query);
      }
      return url + q;
    }
  }

  /** What the document promises for answers. */
  AnswerSchema answers() {
    return new AnswerSchema(document);
  }

  @SuppressWarnings("unchecked")
  List<Operation> operations() {
    List<Operation> out = new ArrayList<>();
    Map<String, Object> paths = (Map<String, Object>) document.get("paths");
    for (Map.Entry<String, Object> path : paths.entrySet()) {
      for (Map.Entry<String, Object> op : ((Map<String, Object>) path.getValue()).entrySet()) {
        String method = op.getKey().toUpperCase(Locale.ROOT);
        if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
          continue;
        }
        Map<String, Object> operation = (Map<String, Object>) op.getValue();
        List<String> pathParams = new ArrayList<>();
        List<String> queryParams = new ArrayList<>();
        for (Object p : (List<Object>) operation.getOrDefault("parameters", List.of())) {
          Map<String, Object> param = (Map<String, Object>) p;
          if ("path".equals(param.get("in"))) {
            pathParams.add((String) param.get("name"));
          } else if ("query".equals(param.get("in"))) {
            queryParams.add((String) param.get("name"));
          }
        }
        Map<String, String> body = new LinkedHashMap<>();
        boolean json = false;
        Map<String, Object> requestBody = (Map<String, Object>) operation.get("requestBody");
        if (requestBody != null) {
          Map<String, Object> content = (Map<String, Object>) requestBody.get("content");
          Map<String, Object> media = (Map<String, Object>) content.get("application/json");
          if (media != null) {
            json = true;
            body.putAll(properties((Map<String, Object>) media.get("schema")));
          }
        }
        out.add(
            new Operation(method, path.getKey(), pathParams, queryParams, body, json, operation));
      }
    }
    return out;
  }

  /**
   * The body's properties and their JSON types (string, integer, number, boolean, array, object).
   */
  @SuppressWarnings("unchecked")
  private Map<String, String> properties(Map<String, Object> schema) {
    Map<String, String> out = new LinkedHashMap<>();
    if (schema == null) {
      return out;
    }
    Object ref = schema.get("$ref");
    if (ref != null) {
      String name = ((String) ref).substring("#/components/schemas/".length());
      Map<String, Object> schemas =
          (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
      return properties((Map<String, Object>) schemas.get(name));
    }
    Map<String, Object> props = (Map<String, Object>) schema.get("properties");
    if (props != null) {
      props.forEach(
          (name, value) -> {
            Map<String, Object> p = (Map<String, Object>) value;
            Object type = p.get("type");
            out.put(name, type == null ? "object" : type.toString());
          });
    }
    return out;
  }
}
