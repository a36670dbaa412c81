package org.onegrid.platform;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The SQL of a hot read (or write) rendered once for its shape, then run with each call's values.
 *
 * <p>jOOQ renders a query's SQL afresh on every execution. On the pages read most (my problems, a
 * problem's page, the inbox) that was the largest part of the app's own CPU: a flight recording put
 * 30 % of the app's samples in jOOQ, half of it rendering. A repository whose statement has a fixed
 * shape (the same SQL on every call, only the bind values differ) names the shape with a key that
 * holds everything that changes the SQL (a flag, the length of an IN list), builds the query as
 * usual, and passes the values in the order the SQL binds them. Only the first call of a shape
 * builds and renders the query; later calls bind the values to the kept SQL.
 *
 * <p>A wrong key or order cannot pass quietly: the first call of a shape checks the values against
 * the query's own, and with {@code onegrid.database.check-shapes} (on in the tests) every call
 * builds and renders the query and compares its SQL and values with the kept shape's. Keys are
 * shared by the whole app (a record private to the repository, or a string that starts with its
 * name) and come from small fixed sets; past {@link #MAX_SHAPES} shapes new ones are not kept (each
 * call of those then builds, checks and renders its query: slower than plain jOOQ, never wrong).
 */
@Singleton
public class SqlShapes {

  static final int MAX_SHAPES = 2_000;

  private final DSLContext dsl;
  private final boolean checkEveryCall;
  private final Map<Object, Shape> shapes = new ConcurrentHashMap<>();

  /** The rendered SQL, the types of its bind values in order, and the fields it returns. */
  private record Shape(String sql, List<DataType<?>> types, Field<?>[] fields) {}

  public SqlShapes(
      DSLContext dsl, @Value("${onegrid.database.check-shapes:false}") boolean checkEveryCall) {
    this.dsl = dsl;
    this.checkEveryCall = checkEveryCall;
  }

  /** The rows of the query of this shape, bound to {@code values}, as plain records. */
  public Result<Record> fetch(
      Object key, Supplier<? extends ResultQuery<?>> query, List<?> values) {
    Shape shape = shape(key, query, values);
    return dsl.resultQuery(shape.sql(), binds(shape, values)).coerce(shape.fields()).fetch();
  }

  /** The rows of the query of this shape, bound to {@code values}, as records of {@code table}. */
  public <R extends Record> Result<R> fetch(
      Object key, Table<R> table, Supplier<? extends ResultQuery<R>> query, List<?> values) {
    Shape shape = shape(key, query, values);
    return dsl.resultQuery(shape.sql(), binds(shape, values)).coerce(table).fetch();
  }

  /**
   * Runs the statement of this shape (an insert, update or delete) bound to {@code values}: the
   * rows it changed, as {@link org.jooq.Query#execute()} counts them.
   */
  public int execute(Object key, Supplier<? extends Query> statement, List<?> values) {
    Shape shape = shape(key, statement, values);
    return dsl.query(shape.sql(), binds(shape, values)).execute();
  }

  private Shape shape(Object key, Supplier<? extends Query> query, List<?> values) {
    Shape kept = shapes.get(key);
    if (kept != null && !checkEveryCall) {
      if (kept.types().size() != values.size()) {
        throw new IllegalStateException(
            "Shape " + key + " binds " + kept.types().size() + " values, given " + values.size());
      }
      return kept;
    }
    Query built = query.get();
    List<DataType<?>> types =
        built.getParams().values().stream()
            .filter(p -> !p.isInline())
            .<DataType<?>>map(Param::getDataType)
            .toList();
    List<Object> own = built.getBindValues();
    if (!sameValues(own, types, values)) {
      throw new IllegalStateException(
          "Shape " + key + " binds " + own + " but was given " + values + " (order or key)");
    }
    // A select's own fields: fields() would name them after a derived table, so of two columns
    // called "name" (a problem's reporter's and its grid's) a record would return the first.
    Field<?>[] fields =
        built instanceof Select<?> select
            ? select.getSelect().toArray(Field<?>[]::new)
            : built instanceof ResultQuery<?> result ? result.fields() : new Field<?>[0];
    Shape rendered = new Shape(dsl.render(built), types, fields);
    if (kept != null) {
      if (!kept.sql().equals(rendered.sql())) {
        throw new IllegalStateException(
            "Shape " + key + " rendered two ways:\n" + kept.sql() + "\n" + rendered.sql());
      }
      return kept;
    }
    if (shapes.size() < MAX_SHAPES) {
      shapes.putIfAbsent(key, rendered);
    }
    return rendered;
  }

  /** Whether the given values are the query's own, each as the type it is bound as. */
  private static boolean sameValues(List<Object> own, List<DataType<?>> types, List<?> values) {
    if (own.size() != values.size() || types.size() != values.size()) {
      return false;
    }
    for (int i = 0; i < own.size(); i++) {
      DataType<?> type = types.get(i);
      if (!Objects.equals(type.convert(own.get(i)), type.convert(values.get(i)))) {
        return false;
      }
    }
    return true;
  }

  private static Object[] binds(Shape shape, List<?> values) {
    Object[] binds = new Object[values.size()];
    for (int i = 0; i < binds.length; i++) {
      @SuppressWarnings("unchecked")
      DataType<Object> type = (DataType<Object>) shape.types().get(i);
      binds[i] = DSL.val(values.get(i), type);
    }
    return binds;
  }

  /**
   * These values for an IN list, padded to the next power of two by repeating the last: lists of 1
   * to 1,000 ids take 11 shapes, not 1,000, and a repeated id finds no other row. The size of the
   * padded list belongs in the shape's key.
   */
  public static <T> List<T> padded(Collection<T> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("An IN list needs at least one value");
    }
    List<T> padded = new ArrayList<>(values);
    T last = padded.get(padded.size() - 1);
    while (Integer.bitCount(padded.size()) != 1) {
      padded.add(last);
    }
    return padded;
  }

  /** How many shapes are kept (for tests). */
  int size() {
    return shapes.size();
  }
}
