-- V26 changed two keys of clinic_waitlist in statements jOOQ's code generator cannot parse (it hid them), so the
-- generated classes still described V23's keys. This states the keys V26 made again, under new names, in statements
-- the generator and both MariaDB and MySQL 8 understand; the generated classes now match the real schema
-- (GeneratedSchemaTest checks every table's columns, keys and indexes against the database).
ALTER TABLE clinic_waitlist
  ADD CONSTRAINT uq_clinic_waitlist_patient_day UNIQUE (service_id, starts_at, whole_day, patient_id);
ALTER TABLE clinic_waitlist DROP CONSTRAINT uq_clinic_waitlist_patient;
CREATE INDEX ix_clinic_waitlist_day_slot ON clinic_waitlist (service_id, starts_at, whole_day, status, id);
DROP INDEX ix_clinic_waitlist_slot ON clinic_waitlist;
