-- Residents and staff. Residents belong to a household; staff are placed at a node of the grid tree and reach its
-- subtree.
CREATE TABLE accounts (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  phone_e164    VARCHAR(20)  NOT NULL,
  name          VARCHAR(60)  NULL,
  role          VARCHAR(24)  NOT NULL,
  password_hash VARCHAR(200) NULL,
  household_id  BIGINT       NULL,
  node_id       BIGINT       NULL,
  work_phone    VARCHAR(20)  NULL,
  locale        VARCHAR(8)   NULL,
  registered_by BIGINT       NULL,
  created_at    DATETIME(3)  NOT NULL,
  updated_at    DATETIME(3)  NOT NULL,
  last_login_at DATETIME(3)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_accounts_phone UNIQUE (phone_e164),
  CONSTRAINT fk_accounts_household FOREIGN KEY (household_id) REFERENCES households (id),
  CONSTRAINT fk_accounts_node FOREIGN KEY (node_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_accounts_registered_by FOREIGN KEY (registered_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_accounts_household ON accounts (household_id);
CREATE INDEX ix_accounts_node_role ON accounts (node_id, role);
