-- Joining a household that already has members needs a member's (or the grid leader's) yes. Until then the person
-- lives there for their own reports (their grid follows from the room) but is not one of the family: they see no
-- member names and book only for themselves. NULL = a member (or no home); a time = waiting since then.
ALTER TABLE accounts ADD COLUMN household_pending_since DATETIME(3) NULL;

CREATE INDEX ix_accounts_household_pending ON accounts (household_pending_since);

-- Who joined, asked, was accepted or declined, and who decided: the household's own history.
CREATE TABLE household_events (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  household_id  BIGINT       NOT NULL,
  account_id    BIGINT       NOT NULL,
  action        VARCHAR(16)  NOT NULL,
  by_account_id BIGINT       NULL,
  at            DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_household_events_household FOREIGN KEY (household_id) REFERENCES households (id),
  CONSTRAINT fk_household_events_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_household_events_household ON household_events (household_id, id);
