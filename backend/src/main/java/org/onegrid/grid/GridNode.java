package org.onegrid.grid;

import io.micronaut.core.annotation.Nullable;
import java.util.Arrays;
import java.util.List;

/**
 * A node of the grid tree. {@code path} lists the ids from the root down to this node ("/1/4/9/"),
 * so "is X inside Y's subtree" is a string prefix test and a subtree is one index range. A retired
 * node stays for the history that points at it but takes no new people, places or problems.
 */
public record GridNode(
    long id,
    @Nullable Long parentId,
    GridLevel level,
    String code,
    String name,
    String path,
    int depth,
    @Nullable String hotlinePhone,
    boolean retired) {

  /** True when {@code other} is this node or lies below it. */
  public boolean contains(GridNode other) {
    return other.path.startsWith(path);
  }

  /** The ids from the root down to this node. */
  public List<Long> pathIds() {
    return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
  }
}
