package org.onegrid.open311;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Open311 answers in XML (a declared UTF-8 document without namespace; a list is an element
 * of items, a null an empty element) and JSON (the Spark convention: lists are arrays, the root
 * element of a list is dropped).
 */
final class Open311Format {

  static final String XML = "text/xml; charset=utf-8";
  static final String JSON = "application/json; charset=utf-8";

  /** A list that XML writes as {@code <itemName>} elements inside the list's element. */
  record ListOf(String itemName, List<?> items) {}

  private Open311Format() {}

  static String xml(String root, Object body) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    element(out, root, body);
    return out.append('\n').toString();
  }

  static String json(JsonMapper mapper, Object body) {
    try {
      return new String(
          mapper.writeValueAsBytes(plain(body)), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The errors document: one error with the HTTP status as its code. */
  static List<Map<String, Object>> errors(int status, String description) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", status);
    error.put("description", description);
    return List.of(error);
  }

  private static void element(StringBuilder out, String name, @Nullable Object value) {
    if (value == null) {
      out.append('<').append(name).append("/>");
      return;
    }
    out.append('<').append(name).append('>');
    if (value instanceof ListOf list) {
      for (Object item : list.items()) {
        element(out, list.itemName(), item);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        element(out, String.valueOf(e.getKey()), e.getValue());
      }
    } else if (value instanceof java.math.BigDecimal d) {
      out.append(d.toPlainString());
    } else {
      escape(out, String.valueOf(value));
    }
    out.append("</").append(name).append('>');
  }

  private static void escape(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          // Characters XML 1.0 cannot carry are dropped.
          if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
            out.append(c);
          }
        }
      }
    }
  }

  /** The same tree with lists as plain arrays, for JSON. */
  private static Object plain(@Nullable Object value) {
    if (value instanceof ListOf list) {
      return plain(list.items());
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(item -> out.add(plain(item)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    return value;
  }
}
