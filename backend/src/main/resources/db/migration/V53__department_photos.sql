-- A department's duty officer, who has no account, sends photos with the fix through the link: such a photo has no
-- owner but the link it came through, and joins the problem's photos when the step that carries it is recorded.
ALTER TABLE problem_photos MODIFY owner_id BIGINT NULL;
ALTER TABLE problem_photos ADD COLUMN department_link_id BIGINT NULL;
ALTER TABLE problem_photos
  ADD CONSTRAINT fk_problem_photos_department_link FOREIGN KEY (department_link_id) REFERENCES department_links (id);
