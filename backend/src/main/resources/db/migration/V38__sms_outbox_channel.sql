-- A sign-in code can also be said in a phone call ("call me with the code"): the outbox carries calls too, with the
-- same exactly-once sending, and `channel` tells a text from a call.
ALTER TABLE sms_outbox ADD COLUMN channel VARCHAR(8) NOT NULL DEFAULT 'sms' AFTER purpose;
