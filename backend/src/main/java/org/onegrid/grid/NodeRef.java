package org.onegrid.grid;

import io.micronaut.serde.annotation.Serdeable;

/** A node of the grid tree by id, code, name and level. */
@Serdeable
public record NodeRef(long id, String code, String name, GridLevel level) {

  public static NodeRef of(GridNode node) {
    return new NodeRef(node.id(), node.code(), node.name(), node.level());
  }
}
