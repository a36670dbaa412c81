package org.onegrid.open311;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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

  /** The name a record component is written under where snake case of its Java name is not it. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({
    ElementType.RECORD_COMPONENT,
    ElementType.FIELD,
    ElementType.METHOD,
    ElementType.PARAMETER
  })
  @interface Named {
    String value();
  }

  private Open311Format() {}

  static String xml(String root, Object body) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    element(out, root, body);
    return out.append('\n').toString();
  }

  static String json(JsonMapper mapper, Object body) {
    try {
      return new String(mapper.writeValueAsBytes(plain(body)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The errors document: one error with the HTTP status as its code. */
  static List<Open311Documents.Error> errors(int status, String description) {
    return List.of(new Open311Documents.Error(status, description));
  }

  /** A record's components by the names the specification gives them, in order. */
  static Map<String, Object> fields(Record value) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : value.getClass().getRecordComponents()) {
      Named named = c.getAnnotation(Named.class);
      try {
        out.put(
            named == null ? snakeCase(c.getName()) : named.value(), c.getAccessor().invoke(value));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot read " + c + " of " + value.getClass(), e);
      }
    }
    return out;
  }

  static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        out.append('_').append(Character.toLowerCase(ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static void element(StringBuilder out, String name, @Nullable Object value) {
    if (value == null) {
      out.append('<').append(name).append("/>");
      return;
    }
    out.append('<').append(name).append('>');
    if (value instanceof Record r && !(value instanceof ListOf)) {
      value = fields(r);
    }
    if (value instanceof ListOf list) {
      for (Object item : list.items()) {
        element(out, list.itemName(), item);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        element(out, String.valueOf(e.getKey()), e.getValue());
      }
    } else if (value instanceof BigDecimal d) {
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
    if (value instanceof Record r) {
      return plain(fields(r));
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
