-- Open311 GeoReport v2: third-party apps with keys issued by a city admin, the requests they filed, and the extra
-- questions a category asks (service definition attributes), with the answers given.
CREATE TABLE open311_clients (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  name        VARCHAR(80)  NOT NULL,
  key_hash    CHAR(64)     NOT NULL,
  key_hint    VARCHAR(12)  NOT NULL,
  account_id  BIGINT       NOT NULL,
  created_by  BIGINT       NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  revoked_at  DATETIME(3)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_open311_clients_key UNIQUE (key_hash),
  CONSTRAINT fk_open311_clients_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT fk_open311_clients_created_by FOREIGN KEY (created_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- What an app sent with a request beyond the problem itself; the submitter's contact is for staff only.
CREATE TABLE open311_requests (
  problem_id      BIGINT        NOT NULL,
  client_id       BIGINT        NOT NULL,
  token           CHAR(32)      NOT NULL,
  address_string  VARCHAR(400)  NULL,
  email           VARCHAR(200)  NULL,
  first_name      VARCHAR(60)   NULL,
  last_name       VARCHAR(60)   NULL,
  phone           VARCHAR(40)   NULL,
  account_ref     VARCHAR(80)   NULL,
  device_id       VARCHAR(80)   NULL,
  media_url       VARCHAR(500)  NULL,
  PRIMARY KEY (problem_id),
  CONSTRAINT uq_open311_requests_token UNIQUE (token),
  CONSTRAINT fk_open311_requests_problem FOREIGN KEY (problem_id) REFERENCES problems (id),
  CONSTRAINT fk_open311_requests_client FOREIGN KEY (client_id) REFERENCES open311_clients (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_open311_requests_client ON open311_requests (client_id, problem_id);

-- GET requests lists the city's problems by when they were reported (the 90-day window), newest first.
CREATE INDEX ix_problems_created ON problems (created_at, id);

CREATE TABLE category_questions (
  category_code   VARCHAR(32)   NOT NULL,
  code            VARCHAR(32)   NOT NULL,
  datatype        VARCHAR(16)   NOT NULL,
  required        BOOLEAN       NOT NULL,
  sort_order      INT           NOT NULL,
  text_zh         VARCHAR(200)  NOT NULL,
  text_en         VARCHAR(200)  NOT NULL,
  -- For singlevaluelist/multivaluelist: key|中文|English entries separated by ';'.
  choices         VARCHAR(1000) NULL,
  PRIMARY KEY (category_code, code),
  CONSTRAINT fk_category_questions_category FOREIGN KEY (category_code) REFERENCES problem_categories (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO category_questions (category_code, code, datatype, required, sort_order, text_zh, text_en, choices) VALUES
  ('water_supply', 'NO_WATER', 'singlevaluelist', TRUE, 1, '现在是否停水？', 'Is the water off now?',
   'yes|是|Yes;no|否|No'),
  ('construction_waste', 'AMOUNT', 'singlevaluelist', FALSE, 1, '大约有多少？', 'About how much is there?',
   'small|一车以内|Less than a truckload;large|一车以上|More than a truckload'),
  ('safety_hazard', 'INJURED', 'singlevaluelist', TRUE, 1, '是否有人受伤？（有人受伤请先拨打 120）',
   'Is anyone hurt? (If so, call 120 first)', 'yes|是|Yes;no|否|No');

CREATE TABLE problem_answers (
  problem_id     BIGINT        NOT NULL,
  question_code  VARCHAR(32)   NOT NULL,
  answer         VARCHAR(500)  NOT NULL,
  PRIMARY KEY (problem_id, question_code),
  CONSTRAINT fk_problem_answers_problem FOREIGN KEY (problem_id) REFERENCES problems (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
