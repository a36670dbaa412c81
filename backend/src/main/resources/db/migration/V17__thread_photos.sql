-- Photos sent in a problem's thread (a resident's close-up, a leader's "after" picture). They belong to the
-- problem but not to its public gallery: only the thread's people see them, and staff alone those of internal notes.
ALTER TABLE problem_photos
  ADD COLUMN in_thread BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN internal BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE problem_messages ADD COLUMN photo_id BIGINT NULL,
  ADD CONSTRAINT fk_problem_messages_photo FOREIGN KEY (photo_id) REFERENCES problem_photos (id);
