-- The thread of a problem between its reporter and staff; internal notes are for staff only.
CREATE TABLE problem_messages (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  problem_id  BIGINT        NOT NULL,
  author_id   BIGINT        NOT NULL,
  from_staff  BOOLEAN       NOT NULL,
  internal    BOOLEAN       NOT NULL,
  body        VARCHAR(2000) NOT NULL,
  client_key  VARCHAR(64)   NOT NULL,
  created_at  DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_problem_messages_author_key UNIQUE (author_id, client_key),
  CONSTRAINT fk_problem_messages_problem FOREIGN KEY (problem_id) REFERENCES problems (id),
  CONSTRAINT fk_problem_messages_author FOREIGN KEY (author_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_problem_messages_problem ON problem_messages (problem_id, id);
