-- The patrol diary (民情日记): a grid's staff log each patrol (date, area covered, notes, photos); what they found is
-- filed as problems of source PATROL, linked here. Patrol photos are staff photos of the grid: staff who reach the
-- grid see them, nobody else.
ALTER TABLE problem_photos ADD COLUMN grid_id BIGINT NULL;

CREATE TABLE patrols (
  id               BIGINT         NOT NULL AUTO_INCREMENT,
  grid_id          BIGINT         NOT NULL,
  author_id        BIGINT         NOT NULL,
  patrol_date      DATE           NOT NULL,
  area             VARCHAR(200)   NOT NULL,
  notes            VARCHAR(2000)  NULL,
  idempotency_key  VARCHAR(64)    NOT NULL,
  created_at       DATETIME(3)    NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_patrols_key UNIQUE (author_id, idempotency_key),
  CONSTRAINT fk_patrols_grid FOREIGN KEY (grid_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_patrols_author FOREIGN KEY (author_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_patrols_grid ON patrols (grid_id, id);

CREATE TABLE patrol_photos (
  patrol_id  BIGINT  NOT NULL,
  photo_id   BIGINT  NOT NULL,
  PRIMARY KEY (patrol_id, photo_id),
  CONSTRAINT fk_patrol_photos_patrol FOREIGN KEY (patrol_id) REFERENCES patrols (id),
  CONSTRAINT fk_patrol_photos_photo FOREIGN KEY (photo_id) REFERENCES problem_photos (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE patrol_findings (
  patrol_id   BIGINT  NOT NULL,
  problem_id  BIGINT  NOT NULL,
  PRIMARY KEY (patrol_id, problem_id),
  CONSTRAINT fk_patrol_findings_patrol FOREIGN KEY (patrol_id) REFERENCES patrols (id),
  CONSTRAINT fk_patrol_findings_problem FOREIGN KEY (problem_id) REFERENCES problems (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_patrol_findings_problem ON patrol_findings (problem_id);
