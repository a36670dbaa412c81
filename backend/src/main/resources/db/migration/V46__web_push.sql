-- Web Push, a free channel beside SMS: the browsers a person allowed to notify them, each a push service endpoint and
-- the keys its messages are encrypted for (RFC 8291). An endpoint is one browser on one phone; it belongs to whoever
-- subscribed last (a shared phone changes hands), and goes when the push service says it is gone (404/410).
CREATE TABLE push_subscriptions (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  account_id    BIGINT        NOT NULL,
  endpoint      VARCHAR(1000) NOT NULL,
  endpoint_hash CHAR(64)      NOT NULL,
  p256dh        VARCHAR(100)  NOT NULL,
  auth          VARCHAR(40)   NOT NULL,
  created_at    DATETIME(3)   NOT NULL,
  last_sent_at  DATETIME(3)   NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_push_subscriptions_endpoint UNIQUE (endpoint_hash),
  CONSTRAINT fk_push_subscriptions_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_push_subscriptions_account ON push_subscriptions (account_id);

-- A message sent by push carries the page it opens when tapped.
ALTER TABLE sms_outbox ADD COLUMN link VARCHAR(300) NULL;
