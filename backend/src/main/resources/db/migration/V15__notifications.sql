-- In-app notifications: everything a person is told by SMS is also here, and more (they keep coming after an SMS
-- opt-out).
CREATE TABLE notifications (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  account_id  BIGINT        NOT NULL,
  body        VARCHAR(1000) NOT NULL,
  link        VARCHAR(200)  NULL,
  created_at  DATETIME(3)   NOT NULL,
  read_at     DATETIME(3)   NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_notifications_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_notifications_account ON notifications (account_id, id);
CREATE INDEX ix_notifications_unread ON notifications (account_id, read_at);
