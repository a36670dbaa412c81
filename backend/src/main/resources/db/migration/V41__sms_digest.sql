-- A digest text stands for several alerts to one staff member within a few minutes: how many it folded in.
ALTER TABLE sms_outbox ADD COLUMN folded INT NOT NULL DEFAULT 0;
