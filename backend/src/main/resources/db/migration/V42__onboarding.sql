-- A real city's own data, loaded from files: who imported what, when, and how far an import has got. running_slot is 1
-- while an import runs (NULL once it ends), so only one import runs at a time across every instance; heartbeat_at
-- shows a run whose instance died, which the next import marks as interrupted.
CREATE TABLE import_runs (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  kind             VARCHAR(16)   NOT NULL,
  file_name        VARCHAR(200)  NOT NULL,
  file_sha256      CHAR(64)      NOT NULL,
  actor_id         BIGINT        NOT NULL,
  node_path        VARCHAR(255)  NOT NULL,
  status           VARCHAR(12)   NOT NULL,
  running_slot     TINYINT       NULL,
  rows_total       INT           NOT NULL,
  rows_done        INT           NOT NULL,
  created_count    INT           NOT NULL,
  changed_count    INT           NOT NULL,
  unchanged_count  INT           NOT NULL,
  error            VARCHAR(500)  NULL,
  started_at       DATETIME(3)   NOT NULL,
  heartbeat_at     DATETIME(3)   NOT NULL,
  finished_at      DATETIME(3)   NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_import_runs_running UNIQUE (running_slot),
  CONSTRAINT fk_import_runs_actor FOREIGN KEY (actor_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_import_runs_path ON import_runs (node_path, id);

-- Every change an admin makes to the city's setup: who, when, what, before and after (JSON). node_path is the node
-- the change belongs to, so the admins above it can read it.
CREATE TABLE audit_log (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  actor_id     BIGINT        NOT NULL,
  node_path    VARCHAR(255)  NOT NULL,
  action       VARCHAR(40)   NOT NULL,
  subject      VARCHAR(200)  NOT NULL,
  before_json  TEXT          NULL,
  after_json   TEXT          NULL,
  at           DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_audit_log_actor FOREIGN KEY (actor_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_audit_log_path ON audit_log (node_path, id);

-- How many floors and rooms per floor a building has, when the city's building list says.
ALTER TABLE buildings ADD COLUMN floors INT NULL;
ALTER TABLE buildings ADD COLUMN rooms_per_floor INT NULL;

-- Staff loaded from a file have no password yet: 1 until the invitation job has set a temporary one and texted it.
ALTER TABLE accounts ADD COLUMN invite_pending TINYINT NULL;

CREATE INDEX ix_accounts_invite_pending ON accounts (invite_pending);
