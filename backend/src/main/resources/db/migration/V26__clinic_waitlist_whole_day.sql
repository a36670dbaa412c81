-- Waiting for any time of a full day, beside waiting for one slot. A whole-day entry's starts_at is the day's local
-- midnight; the slot actually offered (for either kind) is offered_slot.
ALTER TABLE clinic_waitlist
  ADD COLUMN whole_day BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN offered_slot DATETIME(3) NULL;

UPDATE clinic_waitlist SET offered_slot = starts_at WHERE status = 'OFFERED';

-- The code generator's parser does not know the named unique key as an index; MariaDB does.
-- [jooq ignore start]
ALTER TABLE clinic_waitlist DROP INDEX uq_clinic_waitlist_patient;
ALTER TABLE clinic_waitlist ADD CONSTRAINT uq_clinic_waitlist_patient UNIQUE (service_id, starts_at, whole_day, patient_id);
DROP INDEX ix_clinic_waitlist_slot ON clinic_waitlist;
CREATE INDEX ix_clinic_waitlist_slot ON clinic_waitlist (service_id, starts_at, whole_day, status, id);
-- [jooq ignore stop]
