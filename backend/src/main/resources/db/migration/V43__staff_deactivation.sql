-- A member of staff who has left: they cannot sign in, drop out of every staff list, and keep their history.
ALTER TABLE accounts ADD COLUMN deactivated_at DATETIME(3) NULL;
