-- A department's duty officer answers a problem handed to them through a signed link in the text, without an
-- account: accepts it, writes progress, records the fix or sends it back. Only the link's SHA-256 is kept; a link
-- works while the problem is with that department, until it expires or staff revoke it.
CREATE TABLE department_links (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  problem_id    BIGINT       NOT NULL,
  department_id BIGINT       NOT NULL,
  token_hash    CHAR(64)     NOT NULL,
  created_at    DATETIME(3)  NOT NULL,
  expires_at    DATETIME(3)  NOT NULL,
  revoked_at    DATETIME(3)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_department_links_token UNIQUE (token_hash),
  CONSTRAINT fk_department_links_problem FOREIGN KEY (problem_id) REFERENCES problems (id),
  CONSTRAINT fk_department_links_department FOREIGN KEY (department_id) REFERENCES departments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_department_links_problem ON department_links (problem_id, revoked_at);
