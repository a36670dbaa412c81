-- The grid tree: city > district > street office > community > zone > grid.
-- path holds the ids from the root down to the node itself ('/1/4/9/'), so a subtree is one index range scan.
CREATE TABLE grid_nodes (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  parent_id   BIGINT       NULL,
  node_level  VARCHAR(16)  NOT NULL,
  code        VARCHAR(32)  NOT NULL,
  name        VARCHAR(100) NOT NULL,
  path        VARCHAR(255) NOT NULL,
  depth       INT          NOT NULL,
  hotline_phone VARCHAR(20) NULL,
  boundary    TEXT         NULL,
  min_lat     DECIMAL(9,6) NULL,
  max_lat     DECIMAL(9,6) NULL,
  min_lng     DECIMAL(9,6) NULL,
  max_lng     DECIMAL(9,6) NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_grid_nodes_code UNIQUE (code),
  CONSTRAINT fk_grid_nodes_parent FOREIGN KEY (parent_id) REFERENCES grid_nodes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_grid_nodes_parent ON grid_nodes (parent_id, name);
CREATE INDEX ix_grid_nodes_path ON grid_nodes (path);
CREATE INDEX ix_grid_nodes_level_name ON grid_nodes (node_level, name);
CREATE INDEX ix_grid_nodes_bbox ON grid_nodes (min_lat, max_lat);
