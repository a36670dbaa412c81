-- A resident's conversation with the staff of their grid (the grid leader first of all). grid_id is the grid the
-- resident lived in when the message was written, so the staff who served them then keep seeing it.
CREATE TABLE resident_messages (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  resident_id BIGINT        NOT NULL,
  grid_id     BIGINT        NOT NULL,
  sender_id   BIGINT        NOT NULL,
  from_staff  BOOLEAN       NOT NULL,
  body        VARCHAR(1000) NOT NULL,
  client_key  VARCHAR(64)   NOT NULL,
  created_at  DATETIME(3)   NOT NULL,
  read_at     DATETIME(3)   NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_resident_messages_sender_key UNIQUE (sender_id, client_key),
  CONSTRAINT fk_resident_messages_resident FOREIGN KEY (resident_id) REFERENCES accounts (id),
  CONSTRAINT fk_resident_messages_grid FOREIGN KEY (grid_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_resident_messages_sender FOREIGN KEY (sender_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_resident_messages_resident ON resident_messages (resident_id, id);
CREATE INDEX ix_resident_messages_grid ON resident_messages (grid_id, resident_id, id);
