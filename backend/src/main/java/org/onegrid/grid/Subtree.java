package org.onegrid.grid;

import static org.onegrid.db.Tables.GRID_NODES;

import org.jooq.Condition;
import org.jooq.Field;

/**
 * The one way to say "at or under this node" in a query. A node's path is its ancestors' ids and
 * its own, each followed by "/" ("/1/5/23/"), so a subtree is every path that starts with the
 * node's: the trailing "/" keeps node 2 from holding node 23, and the prefix is matched as text
 * (jOOQ escapes {@code %} and {@code _}) on the path index.
 */
public final class Subtree {

  private Subtree() {}

  /** The rows of {@code grid_nodes} (joined as it is named) at or under the node of this path. */
  public static Condition holds(String subtreePath) {
    return at(GRID_NODES.PATH, subtreePath);
  }

  /** Rows whose copy of a node's path (an audit entry's, an import's) is at or under this path. */
  public static Condition at(Field<String> pathColumn, String subtreePath) {
    if (!subtreePath.endsWith("/")) {
      throw new IllegalArgumentException("A node's path ends with /: " + subtreePath);
    }
    return pathColumn.startsWith(subtreePath);
  }
}
