package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.db.Tables.GRID_NODES;
import static org.onegrid.db.Tables.PROBLEMS;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.onegrid.grid.Subtree;

/**
 * The inbox's kept shapes (SqlShapes, checked on every call in the tests) for every combination of
 * filters, read both ways a subtree is read: by its grids' ids (up to 500 grids, all the demo city
 * has) and by its path (a district or the city, which the HTTP tests never reach). Both ways find
 * the same problems.
 */
@MicronautTest
class InboxShapesTest {

  @Inject DSLContext dsl;
  @Inject ProblemQueries queries;

  @Test
  void everyFilterFindsTheSameProblemsByGridsAndByPath() {
    String city =
        dsl.select(GRID_NODES.PATH)
            .from(GRID_NODES)
            .where(GRID_NODES.PARENT_ID.isNull())
            .fetchOne(GRID_NODES.PATH);
    List<Long> grids =
        dsl.select(GRID_NODES.ID)
            .from(GRID_NODES)
            .where(Subtree.holds(city), GRID_NODES.NODE_LEVEL.eq("GRID"))
            .fetch(GRID_NODES.ID);
    assertThat(grids).isNotEmpty();
    Instant now = Instant.now().plusSeconds(30 * 86_400);
    List<String> checked = new ArrayList<>();
    for (ProblemState state : new ProblemState[] {null, ProblemState.SUBMITTED}) {
      for (String category : new String[] {null, "other"}) {
        for (ProblemSource source : new ProblemSource[] {null, ProblemSource.APP}) {
          for (String text : new String[] {null, "楼"}) {
            for (boolean overdue : new boolean[] {false, true}) {
              for (boolean byDeadline : new boolean[] {false, true}) {
                for (ProblemQueries.Cursor cursor :
                    new ProblemQueries.Cursor[] {
                      null,
                      new ProblemQueries.Cursor(
                          Long.MAX_VALUE / 2, byDeadline ? now.minusSeconds(1) : null)
                    }) {
                  List<Long> byGrids =
                      ids(
                          queries.findInSubtree(
                              city,
                              grids,
                              state,
                              category,
                              source,
                              overdue,
                              text,
                              cursor,
                              byDeadline,
                              20,
                              now));
                  List<Long> byPath =
                      ids(
                          queries.findInSubtree(
                              city,
                              null,
                              state,
                              category,
                              source,
                              overdue,
                              text,
                              cursor,
                              byDeadline,
                              20,
                              now));
                  String what =
                      state
                          + " "
                          + category
                          + " "
                          + source
                          + " "
                          + text
                          + " "
                          + overdue
                          + " "
                          + byDeadline
                          + " "
                          + cursor;
                  assertThat(byPath).as(what).isEqualTo(byGrids);
                  checked.add(what);
                }
              }
            }
          }
        }
      }
    }
    assertThat(checked).hasSize(128);
    // The city's first page is its newest problems, as many as there are up to 20.
    assertThat(
            ids(
                queries.findInSubtree(
                    city, null, null, null, null, false, null, null, false, 20, now)))
        .hasSize(Math.min(20, dsl.fetchCount(PROBLEMS)));
  }

  private static List<Long> ids(List<Problem> problems) {
    return problems.stream().map(Problem::id).toList();
  }
}
