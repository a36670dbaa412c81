-- "Claimed" and "handed to the provider" are two moments: a row claimed by a sender that stopped before handing it
-- over goes back to the queue; one handed over and not answered is settled by asking the provider.
ALTER TABLE sms_outbox ADD COLUMN handed_at DATETIME(3) NULL AFTER claimed_until;
