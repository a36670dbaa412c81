-- Problems residents report, routed to the grid they are in, and every change of their state as an event.
CREATE TABLE problems (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  reporter_id      BIGINT        NOT NULL,
  grid_id          BIGINT        NOT NULL,
  category_code    VARCHAR(32)   NOT NULL,
  description      VARCHAR(2000) NOT NULL,
  building_id      BIGINT        NULL,
  unit_id          BIGINT        NULL,
  location_text    VARCHAR(200)  NULL,
  lat              DECIMAL(9,6)  NULL,
  lng              DECIMAL(9,6)  NULL,
  hide_reporter    BOOLEAN       NOT NULL,
  state            VARCHAR(16)   NOT NULL,
  assignee_id      BIGINT        NULL,
  source           VARCHAR(16)   NOT NULL,
  accept_due_at    DATETIME(3)   NOT NULL,
  resolve_due_at   DATETIME(3)   NOT NULL,
  accepted_at      DATETIME(3)   NULL,
  resolved_at      DATETIME(3)   NULL,
  closed_at        DATETIME(3)   NULL,
  redo_count       INT           NOT NULL,
  idempotency_key  VARCHAR(64)   NOT NULL,
  created_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_problems_reporter_key UNIQUE (reporter_id, idempotency_key),
  CONSTRAINT fk_problems_reporter FOREIGN KEY (reporter_id) REFERENCES accounts (id),
  CONSTRAINT fk_problems_grid FOREIGN KEY (grid_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_problems_category FOREIGN KEY (category_code) REFERENCES problem_categories (code),
  CONSTRAINT fk_problems_building FOREIGN KEY (building_id) REFERENCES buildings (id),
  CONSTRAINT fk_problems_unit FOREIGN KEY (unit_id) REFERENCES building_units (id),
  CONSTRAINT fk_problems_assignee FOREIGN KEY (assignee_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_problems_grid_state ON problems (grid_id, state, id);
CREATE INDEX ix_problems_reporter ON problems (reporter_id, id);
CREATE INDEX ix_problems_assignee_state ON problems (assignee_id, state, id);

CREATE TABLE problem_events (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  problem_id  BIGINT       NOT NULL,
  actor_id    BIGINT       NULL,
  action      VARCHAR(24)  NOT NULL,
  from_state  VARCHAR(16)  NULL,
  to_state    VARCHAR(16)  NOT NULL,
  reason      VARCHAR(500) NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_problem_events_problem FOREIGN KEY (problem_id) REFERENCES problems (id),
  CONSTRAINT fk_problem_events_actor FOREIGN KEY (actor_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_problem_events_problem ON problem_events (problem_id, id);
