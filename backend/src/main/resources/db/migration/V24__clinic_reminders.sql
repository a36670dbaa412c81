-- When each booking's reminders went: a day before and two hours before (each sent once, by whichever instance).
ALTER TABLE clinic_bookings
  ADD COLUMN reminded_day_at DATETIME(3) NULL,
  ADD COLUMN reminded_hours_at DATETIME(3) NULL;

CREATE INDEX ix_clinic_bookings_reminders ON clinic_bookings (status, starts_at);
