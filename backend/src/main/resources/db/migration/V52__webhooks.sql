-- Other systems (the city's 12345 platform, a data warehouse) follow what happens under a node through signed webhooks.
-- A city admin registers a subscriber for chosen event types under a node; each event is written as one delivery per
-- matching subscriber in the transaction that causes it (an outbox, as for SMS), and a dispatcher posts it signed with
-- the subscriber's secret, retrying with backoff, in order per stream (one problem, one booking, one warning).
CREATE TABLE webhook_subscribers (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  name        VARCHAR(80)   NOT NULL,
  url         VARCHAR(500)  NOT NULL,
  secret      VARCHAR(100)  NOT NULL,
  node_id     BIGINT        NOT NULL,
  node_path   VARCHAR(255)  NOT NULL,
  event_types VARCHAR(300)  NOT NULL,
  active      BOOLEAN       NOT NULL,
  created_by  BIGINT        NOT NULL,
  created_at  DATETIME(3)   NOT NULL,
  disabled_at DATETIME(3)   NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_webhook_subscribers_node FOREIGN KEY (node_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_webhook_subscribers_creator FOREIGN KEY (created_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_webhook_subscribers_active ON webhook_subscribers (active);

CREATE TABLE webhook_deliveries (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  subscriber_id   BIGINT        NOT NULL,
  event_id        CHAR(36)      NOT NULL,
  event_type      VARCHAR(40)   NOT NULL,
  stream_key      VARCHAR(60)   NOT NULL,
  payload         TEXT          NOT NULL,
  status          VARCHAR(12)   NOT NULL,
  attempts        INT           NOT NULL,
  next_attempt_at DATETIME(3)   NOT NULL,
  claimed_by      VARCHAR(64)   NULL,
  claimed_until   DATETIME(3)   NULL,
  last_status     INT           NULL,
  last_error      VARCHAR(500)  NULL,
  created_at      DATETIME(3)   NOT NULL,
  delivered_at    DATETIME(3)   NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_webhook_deliveries_event UNIQUE (subscriber_id, event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- No foreign key to the subscriber: checking one would share-lock the subscriber's row in every transaction that
-- writes an event, and the dispatcher locks that row to claim the subscriber's deliveries (subscribers are never
-- deleted, only disabled).
-- What is due, per subscriber; and a subscriber's waiting deliveries in the order they were written (the heads of
-- their streams are found among the first of them).
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (subscriber_id, status, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_order ON webhook_deliveries (subscriber_id, status, id);
-- The delivery log, newest first; and delivered rows past their keeping, oldest first.
CREATE INDEX ix_webhook_deliveries_log ON webhook_deliveries (subscriber_id, id);
CREATE INDEX ix_webhook_deliveries_delivered ON webhook_deliveries (status, delivered_at);
