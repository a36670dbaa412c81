-- Wrong passwords per account and address: past a few, each further try from that address waits longer. Counted per
-- address so that a stranger guessing from elsewhere slows only themselves and never locks the real person out.
CREATE TABLE login_failures (
  phone           VARCHAR(20)  NOT NULL,
  address         VARCHAR(64)  NOT NULL,
  failures        INT          NOT NULL,
  last_failed_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (phone, address)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_login_failures_last ON login_failures (last_failed_at);
