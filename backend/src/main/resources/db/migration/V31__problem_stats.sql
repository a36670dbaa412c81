-- The dashboard's summary table: per node of the grid tree (every level, rolled up from grids), per day reported (in the
-- city's zone), per category and source, the counts the rates are made of, and histograms of the time to accept and
-- to close (hours, bucket upper bounds 1, 2, 4, 8, 24, 72, 168, more). A job recomputes the grid-days of problems
-- changed since its watermark and rolls each up its path, so the city root reads ~100 rows per day.
CREATE TABLE problem_stats (
  node_id           BIGINT       NOT NULL,
  day               DATE         NOT NULL,
  category_code     VARCHAR(32)  NOT NULL,
  source            VARCHAR(16)  NOT NULL,
  reported          INT          NOT NULL,
  accepted          INT          NOT NULL,
  accepted_on_time  INT          NOT NULL,
  closed            INT          NOT NULL,
  closed_ok         INT          NOT NULL,
  closed_on_time    INT          NOT NULL,
  rated             INT          NOT NULL,
  rating_sum        INT          NOT NULL,
  redo              INT          NOT NULL,
  a0 INT NOT NULL, a1 INT NOT NULL, a2 INT NOT NULL, a3 INT NOT NULL,
  a4 INT NOT NULL, a5 INT NOT NULL, a6 INT NOT NULL, a7 INT NOT NULL,
  c0 INT NOT NULL, c1 INT NOT NULL, c2 INT NOT NULL, c3 INT NOT NULL,
  c4 INT NOT NULL, c5 INT NOT NULL, c6 INT NOT NULL, c7 INT NOT NULL,
  PRIMARY KEY (node_id, day, category_code, source)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- How far the job has read problems by (updated_at, id); one row, locked while a run works.
CREATE TABLE stats_progress (
  name          VARCHAR(32)  NOT NULL,
  watermark     DATETIME(3)  NOT NULL,
  watermark_id  BIGINT       NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO stats_progress (name, watermark, watermark_id) VALUES ('problems', '1970-01-01 00:00:00', 0);

CREATE INDEX ix_problems_updated ON problems (updated_at, id);
CREATE INDEX ix_problems_grid_created ON problems (grid_id, created_at);
-- Open problems past their fix deadline, with their grid in the index: the dashboard's live "overdue now" counts
-- them without reading a row (measured: 60,000 overdue among 3,000,000 problems, 0.2 s at the city root).
CREATE INDEX ix_problems_open_due ON problems (state, resolve_due_at, grid_id);

-- Engagement per node (rolled up from grids and communities), recounted every few minutes by one instance:
-- residents registered, association members, clinic bookings and hotline contacts of the last 30 days.
CREATE TABLE engagement_stats (
  node_id       BIGINT       NOT NULL,
  residents     INT          NOT NULL,
  members       INT          NOT NULL,
  bookings_30d  INT          NOT NULL,
  hotline_30d   INT          NOT NULL,
  refreshed_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (node_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO stats_progress (name, watermark, watermark_id) VALUES ('engagement', '1970-01-01 00:00:00', 0);
