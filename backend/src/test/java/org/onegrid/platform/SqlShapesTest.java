package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.onegrid.db.Tables.GRID_NODES;
import static org.onegrid.db.Tables.RATE_LIMIT_HITS;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.junit.jupiter.api.Test;
import org.onegrid.db.tables.GridNodes;

/** A read kept per shape answers as jOOQ would, and a wrong key or order is an error. */
@MicronautTest
class SqlShapesTest {

  @Inject DSLContext dsl;

  private ResultQuery<?> nodesFrom(long fromId, int limit) {
    return dsl.select(GRID_NODES.ID, GRID_NODES.NAME)
        .from(GRID_NODES)
        .where(GRID_NODES.ID.ge(fromId))
        .orderBy(GRID_NODES.ID)
        .limit(limit);
  }

  @Test
  void aKeptShapeIsBuiltOnceAndAnswersWhatJooqAnswers() {
    SqlShapes shapes = new SqlShapes(dsl, false);
    AtomicInteger built = new AtomicInteger();
    for (long from : new long[] {1, 2, 3}) {
      List<String> kept =
          shapes
              .fetch(
                  "nodes",
                  () -> {
                    built.incrementAndGet();
                    return nodesFrom(from, 2);
                  },
                  List.of(from, 2))
              .map(r -> r.get(GRID_NODES.ID) + " " + r.get(GRID_NODES.NAME));
      List<String> fresh =
          nodesFrom(from, 2).fetch().map(r -> r.get(GRID_NODES.ID) + " " + r.get(GRID_NODES.NAME));
      assertThat(kept).isEqualTo(fresh).hasSize(2);
    }
    assertThat(built).hasValue(1);
    assertThat(shapes.size()).isEqualTo(1);
  }

  private ResultQuery<?> nodesWithParents(GridNodes parent) {
    return dsl.select(GRID_NODES.ID, GRID_NODES.NAME, parent.ID, parent.NAME)
        .from(GRID_NODES)
        .join(parent)
        .on(parent.ID.eq(GRID_NODES.PARENT_ID))
        .orderBy(GRID_NODES.ID)
        .limit(3);
  }

  @Test
  void columnsOfTheSameNameFromTwoTablesAreToldApart() {
    GridNodes parent = GRID_NODES.as("parent");
    SqlShapes shapes = new SqlShapes(dsl, false);
    for (int round = 0; round < 2; round++) {
      List<String> kept =
          shapes
              .fetch("child-and-parent", () -> nodesWithParents(parent), List.of(3))
              .map(
                  r ->
                      r.get(parent.NAME) + " > " + r.get(GRID_NODES.NAME) + " " + r.get(parent.ID));
      List<String> fresh =
          nodesWithParents(parent)
              .fetch()
              .map(
                  r ->
                      r.get(parent.NAME) + " > " + r.get(GRID_NODES.NAME) + " " + r.get(parent.ID));
      assertThat(kept).isEqualTo(fresh).hasSize(3);
    }
  }

  @Test
  void aKeptWriteChangesWhatJooqWouldAndCountsItsRows() {
    SqlShapes shapes = new SqlShapes(dsl, false);
    String bucket = "shapes-test-" + System.nanoTime();
    Instant start = Instant.parse("2026-12-03T00:00:00Z");
    List<Integer> changed = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      changed.add(
          shapes.execute(
              "hit",
              () ->
                  dsl.insertInto(RATE_LIMIT_HITS)
                      .set(RATE_LIMIT_HITS.BUCKET, bucket)
                      .set(RATE_LIMIT_HITS.WINDOW_START, start)
                      .set(RATE_LIMIT_HITS.HITS, 1)
                      .onDuplicateKeyUpdate()
                      .set(RATE_LIMIT_HITS.HITS, RATE_LIMIT_HITS.HITS.plus(1)),
              List.of(bucket, start, 1, 1)));
    }
    // MySQL counts an inserted row once and a row updated on a duplicate key twice.
    assertThat(changed).containsExactly(1, 2);
    assertThat(
            dsl.select(RATE_LIMIT_HITS.HITS)
                .from(RATE_LIMIT_HITS)
                .where(RATE_LIMIT_HITS.BUCKET.eq(bucket), RATE_LIMIT_HITS.WINDOW_START.eq(start))
                .fetchOne(RATE_LIMIT_HITS.HITS))
        .isEqualTo(2);
  }

  @Test
  void valuesInAnotherOrderThanTheSqlBindsThemAreRefused() {
    SqlShapes shapes = new SqlShapes(dsl, false);
    assertThatThrownBy(() -> shapes.fetch("swapped", () -> nodesFrom(1, 2), List.of(2, 1L)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("swapped");
  }

  @Test
  void aKeyThatMissesWhatChangesTheSqlIsCaughtWhenEveryCallIsChecked() {
    SqlShapes shapes = new SqlShapes(dsl, true);
    shapes.fetch("too-coarse", () -> nodesFrom(1, 2), List.of(1L, 2));
    assertThatThrownBy(() -> shapes.fetch("too-coarse", this::nodesWithout, List.of(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rendered two ways");
  }

  private ResultQuery<?> nodesWithout() {
    return dsl.select(GRID_NODES.ID, GRID_NODES.NAME)
        .from(GRID_NODES)
        .orderBy(GRID_NODES.ID)
        .limit(2);
  }

  @Test
  void anInListOfAnySizeTakesOneShapePerPowerOfTwoAndFindsTheSameRows() {
    SqlShapes shapes = new SqlShapes(dsl, false);
    List<Long> all = dsl.select(GRID_NODES.ID).from(GRID_NODES).limit(7).fetch(GRID_NODES.ID);
    assertThat(all).hasSize(7);
    for (int n = 1; n <= all.size(); n++) {
      List<Long> ids = all.subList(0, n);
      List<Long> padded = SqlShapes.padded(ids);
      assertThat(Integer.bitCount(padded.size())).isEqualTo(1);
      List<Long> found =
          shapes
              .fetch(
                  "nodes-by-ids-" + padded.size(),
                  () ->
                      dsl.select(GRID_NODES.ID)
                          .from(GRID_NODES)
                          .where(GRID_NODES.ID.in(padded))
                          .orderBy(GRID_NODES.ID),
                  padded)
              .map(r -> r.get(GRID_NODES.ID));
      assertThat(found).containsExactlyInAnyOrderElementsOf(ids);
    }
    // 1, 2, 3–4 and 5–7 ids: four shapes.
    assertThat(shapes.size()).isEqualTo(4);
    assertThatThrownBy(() -> SqlShapes.padded(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
