-- Every SMS is written here in the transaction that causes it and sent afterwards by a dispatcher that claims rows,
-- so that nothing is lost and no instance sends a row another instance holds.
CREATE TABLE sms_outbox (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  to_e164         VARCHAR(20)   NOT NULL,
  body            VARCHAR(1000) NOT NULL,
  purpose         VARCHAR(40)   NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  attempts        INT           NOT NULL,
  next_attempt_at DATETIME(3)   NOT NULL,
  claimed_by      VARCHAR(64)   NULL,
  claimed_until   DATETIME(3)   NULL,
  provider        VARCHAR(16)   NULL,
  provider_id     VARCHAR(64)   NULL,
  provider_status VARCHAR(24)   NULL,
  last_error      VARCHAR(500)  NULL,
  created_at      DATETIME(3)   NOT NULL,
  sent_at         DATETIME(3)   NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_sms_outbox_due ON sms_outbox (status, next_attempt_at);
CREATE INDEX ix_sms_outbox_to ON sms_outbox (to_e164, created_at);
CREATE INDEX ix_sms_outbox_provider_id ON sms_outbox (provider_id);
