-- The 24-hour hotline of each community: a rotation of staff in shifts (materialised ahead as duty_shifts rows),
-- one-off overrides (swaps, leave) as shifts that win over the rotation, an ordered fallback chain, and every
-- contact (call, text, message left on the web) as a hotline_contacts row.
CREATE TABLE duty_rotations (
  community_id        BIGINT       NOT NULL,
  first_start         DATETIME(3)  NOT NULL,
  shift_hours         INT          NOT NULL,
  materialized_until  DATETIME(3)  NOT NULL,
  updated_by          BIGINT       NOT NULL,
  updated_at          DATETIME(3)  NOT NULL,
  PRIMARY KEY (community_id),
  CONSTRAINT fk_duty_rotations_community FOREIGN KEY (community_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_duty_rotations_by FOREIGN KEY (updated_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE duty_rotation_members (
  community_id  BIGINT  NOT NULL,
  position      INT     NOT NULL,
  account_id    BIGINT  NOT NULL,
  PRIMARY KEY (community_id, position),
  CONSTRAINT fk_duty_rotation_members_rotation FOREIGN KEY (community_id) REFERENCES duty_rotations (community_id),
  CONSTRAINT fk_duty_rotation_members_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- kind: ROTA (from the rotation) or OVERRIDE (a swap or cover for leave; wins over ROTA where they overlap).
CREATE TABLE duty_shifts (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  community_id  BIGINT        NOT NULL,
  starts_at     DATETIME(3)   NOT NULL,
  ends_at       DATETIME(3)   NOT NULL,
  account_id    BIGINT        NOT NULL,
  kind          VARCHAR(8)    NOT NULL,
  note          VARCHAR(100)  NULL,
  created_by    BIGINT        NULL,
  created_at    DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_duty_shifts_community FOREIGN KEY (community_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_duty_shifts_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_duty_shifts_window ON duty_shifts (community_id, ends_at, starts_at);

CREATE TABLE duty_fallbacks (
  community_id  BIGINT  NOT NULL,
  position      INT     NOT NULL,
  account_id    BIGINT  NOT NULL,
  PRIMARY KEY (community_id, position),
  CONSTRAINT fk_duty_fallbacks_community FOREIGN KEY (community_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_duty_fallbacks_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- channel: CALL, SMS, WEB. status: RINGING, ANSWERED, MISSED, VOICEMAIL (calls); RECEIVED (texts, messages).
-- provider_sid is Twilio's CallSid or MessageSid: a replayed webhook finds its contact instead of making another.
CREATE TABLE hotline_contacts (
  id             BIGINT         NOT NULL AUTO_INCREMENT,
  community_id   BIGINT         NOT NULL,
  channel        VARCHAR(8)     NOT NULL,
  provider_sid   VARCHAR(64)    NULL,
  from_phone     VARCHAR(32)    NULL,
  account_id     BIGINT         NULL,
  problem_id     BIGINT         NULL,
  body           VARCHAR(1000)  NULL,
  status         VARCHAR(12)    NOT NULL,
  chain_step     INT            NOT NULL DEFAULT 0,
  ringing_id     BIGINT         NULL,
  answered_by    BIGINT         NULL,
  answered_at    DATETIME(3)    NULL,
  recording_url  VARCHAR(300)   NULL,
  handled_at     DATETIME(3)    NULL,
  created_at     DATETIME(3)    NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_hotline_contacts_sid UNIQUE (channel, provider_sid),
  CONSTRAINT fk_hotline_contacts_community FOREIGN KEY (community_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_hotline_contacts_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT fk_hotline_contacts_problem FOREIGN KEY (problem_id) REFERENCES problems (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_hotline_contacts_community ON hotline_contacts (community_id, created_at);
CREATE INDEX ix_grid_nodes_hotline ON grid_nodes (hotline_phone);

-- The daily warning to a community's admins of hours with nobody on duty: one per community per day.
CREATE TABLE duty_coverage_alerts (
  community_id  BIGINT  NOT NULL,
  alerted_on    DATE    NOT NULL,
  PRIMARY KEY (community_id, alerted_on),
  CONSTRAINT fk_duty_coverage_alerts_community FOREIGN KEY (community_id) REFERENCES grid_nodes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
