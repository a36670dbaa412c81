-- Sign-in codes are claimed before anything else that is due, so they are read by purpose and due time.
CREATE INDEX ix_sms_outbox_due_purpose ON sms_outbox (status, purpose, next_attempt_at);
