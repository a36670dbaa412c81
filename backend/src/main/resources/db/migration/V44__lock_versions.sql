-- A row that serialises work on it (an activity's or an association's places, a household's members) is claimed by
-- writing it, not only by reading it FOR UPDATE: on a Galera cluster a locking read on one node does not hold back a
-- transaction on another, but two writes of one row conflict at commit, and the loser is retried.
ALTER TABLE activities ADD COLUMN lock_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE associations ADD COLUMN lock_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE households ADD COLUMN lock_version BIGINT NOT NULL DEFAULT 0;
