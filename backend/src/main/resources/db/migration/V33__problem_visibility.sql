-- A problem is public or private. Only public problems reach Open311 readers and neighbours' "me too" lists, and then
-- with a coarse place and masked numbers. Hotline, text, call and patrol problems are always private, and so are the
-- categories marked always_private (care and medical needs, disputes between neighbours).
ALTER TABLE problems ADD COLUMN is_public BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE problem_categories ADD COLUMN always_private BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE problem_categories SET always_private = TRUE WHERE code = 'neighbour_dispute';
INSERT INTO problem_categories (code, name_zh, name_en, icon, accept_hours, resolve_hours, sort_order, active,
                                always_private)
VALUES ('care_medical', '关爱帮扶', 'Care and medical help', 'like-o', 2, 48, 85, TRUE, TRUE);

-- Until now nobody chose: requests filed through Open311 were published by their apps and stay public; reports made in
-- the app stay private until their reporter makes them public.
UPDATE problems
SET is_public = TRUE
WHERE source = 'OPEN311'
  AND category_code IN (SELECT code FROM problem_categories WHERE always_private = FALSE);

-- Open311 lists public problems by the day they were reported.
CREATE INDEX ix_problems_public_created ON problems (is_public, created_at, id);
