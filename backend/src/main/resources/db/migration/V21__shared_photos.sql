-- A photo used as an association's cover is shared: anyone signed in may see it (problem photos stay private).
ALTER TABLE problem_photos ADD COLUMN shared BOOLEAN NOT NULL DEFAULT FALSE;
