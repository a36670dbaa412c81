-- Residents who said "me too" to a problem (or whose duplicate was merged into it) follow it and hear its updates.
CREATE TABLE problem_followers (
  problem_id  BIGINT      NOT NULL,
  account_id  BIGINT      NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  PRIMARY KEY (problem_id, account_id),
  CONSTRAINT fk_problem_followers_problem FOREIGN KEY (problem_id) REFERENCES problems (id),
  CONSTRAINT fk_problem_followers_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_problem_followers_account ON problem_followers (account_id, created_at);
CREATE INDEX ix_problems_grid_category ON problems (grid_id, category_code, created_at);
