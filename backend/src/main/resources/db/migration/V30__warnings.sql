-- Four-level warnings (四级预警): an admin warns a subtree (blue, yellow, orange, red) with instructions and a validity
-- period. Every grid under it gets a row its leader must acknowledge; unacknowledged rows are reminded at half the
-- level's deadline and escalated to the grid's community admins at the deadline (red 2 h, orange 6 h, yellow 24 h,
-- blue 72 h), each once, whichever instance gets there first.
CREATE TABLE warnings (
  id               BIGINT         NOT NULL AUTO_INCREMENT,
  node_id          BIGINT         NOT NULL,
  issued_by        BIGINT         NOT NULL,
  level            VARCHAR(8)     NOT NULL,
  title            VARCHAR(100)   NOT NULL,
  instructions     VARCHAR(2000)  NOT NULL,
  valid_from       DATETIME(3)    NOT NULL,
  valid_until      DATETIME(3)    NOT NULL,
  remind_at        DATETIME(3)    NOT NULL,
  ack_due_at       DATETIME(3)    NOT NULL,
  idempotency_key  VARCHAR(64)    NOT NULL,
  created_at       DATETIME(3)    NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_warnings_key UNIQUE (issued_by, idempotency_key),
  CONSTRAINT fk_warnings_node FOREIGN KEY (node_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_warnings_by FOREIGN KEY (issued_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_warnings_node ON warnings (node_id, valid_until);

CREATE TABLE warning_acks (
  warning_id       BIGINT       NOT NULL,
  grid_id          BIGINT       NOT NULL,
  leader_id        BIGINT       NULL,
  acknowledged_by  BIGINT       NULL,
  acknowledged_at  DATETIME(3)  NULL,
  reminded_at      DATETIME(3)  NULL,
  escalated_at     DATETIME(3)  NULL,
  PRIMARY KEY (warning_id, grid_id),
  CONSTRAINT fk_warning_acks_warning FOREIGN KEY (warning_id) REFERENCES warnings (id),
  CONSTRAINT fk_warning_acks_grid FOREIGN KEY (grid_id) REFERENCES grid_nodes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_warning_acks_grid ON warning_acks (grid_id, acknowledged_at);
CREATE INDEX ix_warning_acks_pending ON warning_acks (acknowledged_at, escalated_at, warning_id);
