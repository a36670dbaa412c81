-- Every sign-in is a session row; the session cookie carries its id. Sign-out, "sign out everywhere" and a password
-- change revoke rows, and every instance refuses a revoked session within seconds.
CREATE TABLE sessions (
  id          VARCHAR(32)  NOT NULL,
  account_id  BIGINT       NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  expires_at  DATETIME(3)  NOT NULL,
  revoked_at  DATETIME(3)  NULL,
  user_agent  VARCHAR(200) NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_sessions_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_sessions_account ON sessions (account_id, revoked_at, expires_at);
CREATE INDEX ix_sessions_expires ON sessions (expires_at);
