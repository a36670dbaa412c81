-- Photos residents upload before sending a report (so each can be retried on a bad network), then attach to it.
-- The files live in the storage directory under file_key; only re-encoded copies are kept (no EXIF, no GPS).
CREATE TABLE problem_photos (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  owner_id    BIGINT       NOT NULL,
  problem_id  BIGINT       NULL,
  file_key    VARCHAR(80)  NOT NULL,
  width       INT          NOT NULL,
  height      INT          NOT NULL,
  bytes       INT          NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_problem_photos_file UNIQUE (file_key),
  CONSTRAINT fk_problem_photos_owner FOREIGN KEY (owner_id) REFERENCES accounts (id),
  CONSTRAINT fk_problem_photos_problem FOREIGN KEY (problem_id) REFERENCES problems (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_problem_photos_problem ON problem_photos (problem_id, id);
CREATE INDEX ix_problem_photos_owner ON problem_photos (owner_id, created_at);
