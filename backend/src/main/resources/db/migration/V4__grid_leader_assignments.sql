-- Each grid has one current grid leader (ended_at IS NULL); earlier assignments are kept as history.
CREATE TABLE grid_leader_assignments (
  id          BIGINT      NOT NULL AUTO_INCREMENT,
  grid_id     BIGINT      NOT NULL,
  leader_id   BIGINT      NOT NULL,
  assigned_by BIGINT      NULL,
  started_at  DATETIME(3) NOT NULL,
  ended_at    DATETIME(3) NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_grid_leader_assignments_grid FOREIGN KEY (grid_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_grid_leader_assignments_leader FOREIGN KEY (leader_id) REFERENCES accounts (id),
  CONSTRAINT fk_grid_leader_assignments_assigned_by FOREIGN KEY (assigned_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_grid_leader_assignments_grid ON grid_leader_assignments (grid_id, ended_at);
CREATE INDEX ix_grid_leader_assignments_leader ON grid_leader_assignments (leader_id, ended_at);
