-- Departments a problem can be handed to when a grid cannot fix it itself (the water company, urban management …).
-- They are reached by SMS on their duty phone; staff record what the department did.
CREATE TABLE departments (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  code        VARCHAR(32)  NOT NULL,
  name_zh     VARCHAR(40)  NOT NULL,
  name_en     VARCHAR(60)  NOT NULL,
  phone       VARCHAR(20)  NULL,
  sort_order  INT          NOT NULL,
  active      BOOLEAN      NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_departments_code UNIQUE (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO departments (code, name_zh, name_en, phone, sort_order, active) VALUES
  ('water', '自来水公司', 'Water company', NULL, 10, TRUE),
  ('power', '供电公司', 'Power company', NULL, 20, TRUE),
  ('urban_management', '城市管理局', 'Urban management', NULL, 30, TRUE),
  ('housing', '住房和城乡建设局', 'Housing and construction', NULL, 40, TRUE),
  ('market_regulation', '市场监督管理局', 'Market regulation', NULL, 50, TRUE),
  ('police', '派出所', 'Police station', NULL, 60, TRUE);

ALTER TABLE problems ADD COLUMN department_id BIGINT NULL,
  ADD CONSTRAINT fk_problems_department FOREIGN KEY (department_id) REFERENCES departments (id);

-- The inbox filters by where a problem came from (app, patrol, hotline, Open311 …) within a grid.
CREATE INDEX ix_problems_grid_source ON problems (grid_id, source, id);

-- How far each person has read each problem's thread; what is after it (and not theirs) is unread.
CREATE TABLE problem_reads (
  problem_id       BIGINT NOT NULL,
  account_id       BIGINT NOT NULL,
  last_message_id  BIGINT NOT NULL,
  PRIMARY KEY (problem_id, account_id),
  CONSTRAINT fk_problem_reads_problem FOREIGN KEY (problem_id) REFERENCES problems (id),
  CONSTRAINT fk_problem_reads_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Replies a staff member keeps ready to insert (each text once); the built-in ones come from the message bundles.
CREATE TABLE reply_templates (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  owner_id    BIGINT       NOT NULL,
  body        VARCHAR(500) NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_reply_templates_owner_body UNIQUE (owner_id, body),
  CONSTRAINT fk_reply_templates_owner FOREIGN KEY (owner_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
