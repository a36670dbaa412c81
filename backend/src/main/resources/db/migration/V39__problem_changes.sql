-- What changed, written in the transaction of the change: one row per problem change naming the grid and the day
-- (the problem's creation) whose counts must be recomputed; a transfer writes one for the grid it leaves too. The
-- dashboard's job reads and deletes them, so a change committed late is never skipped (the job used to follow
-- problems.updated_at, stamped by each instance's clock, and waited only 5 s for late commits).
CREATE TABLE problem_changes (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  grid_id     BIGINT       NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Changes the old job had not read yet.
INSERT INTO problem_changes (grid_id, created_at)
SELECT p.grid_id, p.created_at FROM problems p JOIN stats_progress s ON s.name = 'problems'
WHERE p.updated_at > s.watermark;
