-- Notices from leaders and admins to a grid or a whole subtree (water cut, meeting, safety tip). Residents see the
-- notices of every node on their path on their home page; when sent by SMS too, a job texts the residents under the
-- node grid by grid, 500 at a time, through the outbox (which skips opted-out phones). The cursor (grid, last
-- resident) moves under the notice's row lock, so several instances never text anyone twice.
CREATE TABLE notices (
  id                BIGINT         NOT NULL AUTO_INCREMENT,
  node_id           BIGINT         NOT NULL,
  author_id         BIGINT         NOT NULL,
  kind              VARCHAR(16)    NOT NULL,
  title             VARCHAR(100)   NOT NULL,
  body              VARCHAR(2000)  NOT NULL,
  by_sms            BOOLEAN        NOT NULL,
  sms_grid_cursor   BIGINT         NOT NULL DEFAULT 0,
  sms_account_cursor BIGINT        NOT NULL DEFAULT 0,
  sms_done          BOOLEAN        NOT NULL,
  sms_count         INT            NOT NULL DEFAULT 0,
  idempotency_key   VARCHAR(64)    NOT NULL,
  created_at        DATETIME(3)    NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_notices_key UNIQUE (author_id, idempotency_key),
  CONSTRAINT fk_notices_node FOREIGN KEY (node_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_notices_author FOREIGN KEY (author_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_notices_node ON notices (node_id, id);
CREATE INDEX ix_notices_sms ON notices (sms_done, id);
