-- Interest associations of a community (clubs, volunteer teams, mutual-aid groups), their members, activities and
-- sign-ups. Seats and places are counted under a lock on the association's or activity's row, so several instances
-- never give out more than there are.
CREATE TABLE associations (
  id                  BIGINT        NOT NULL AUTO_INCREMENT,
  community_id        BIGINT        NOT NULL,
  open_to_neighbours  BOOLEAN       NOT NULL,
  name                VARCHAR(60)   NOT NULL,
  kind                VARCHAR(16)   NOT NULL,
  description         VARCHAR(2000) NOT NULL,
  cover_photo_id      BIGINT        NULL,
  organiser_id        BIGINT        NOT NULL,
  meeting_time        VARCHAR(100)  NULL,
  meeting_place       VARCHAR(200)  NULL,
  member_limit        INT           NULL,
  join_policy         VARCHAR(12)   NOT NULL,
  created_by          BIGINT        NOT NULL,
  created_at          DATETIME(3)   NOT NULL,
  updated_at          DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_associations_community FOREIGN KEY (community_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_associations_organiser FOREIGN KEY (organiser_id) REFERENCES accounts (id),
  CONSTRAINT fk_associations_created_by FOREIGN KEY (created_by) REFERENCES accounts (id),
  CONSTRAINT fk_associations_cover FOREIGN KEY (cover_photo_id) REFERENCES problem_photos (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_associations_community ON associations (community_id, id);
CREATE INDEX ix_associations_organiser ON associations (organiser_id);

-- status: PENDING (waiting for approval), MEMBER, WAITING (the association is full), DECLINED, LEFT.
CREATE TABLE association_members (
  association_id  BIGINT        NOT NULL,
  account_id      BIGINT        NOT NULL,
  status          VARCHAR(12)   NOT NULL,
  reason          VARCHAR(300)  NULL,
  requested_at    DATETIME(3)   NOT NULL,
  updated_at      DATETIME(3)   NOT NULL,
  PRIMARY KEY (association_id, account_id),
  CONSTRAINT fk_association_members_association FOREIGN KEY (association_id) REFERENCES associations (id),
  CONSTRAINT fk_association_members_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_association_members_status ON association_members (association_id, status, requested_at);
CREATE INDEX ix_association_members_account ON association_members (account_id, status);

CREATE TABLE activities (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  association_id    BIGINT        NULL,
  community_id      BIGINT        NOT NULL,
  series_id         BIGINT        NULL,
  title             VARCHAR(80)   NOT NULL,
  description       VARCHAR(2000) NOT NULL,
  place             VARCHAR(200)  NOT NULL,
  starts_at         DATETIME(3)   NOT NULL,
  ends_at           DATETIME(3)   NOT NULL,
  signup_deadline   DATETIME(3)   NOT NULL,
  capacity          INT           NOT NULL,
  created_by        BIGINT        NOT NULL,
  created_at        DATETIME(3)   NOT NULL,
  cancelled_at      DATETIME(3)   NULL,
  reminded_at       DATETIME(3)   NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_activities_association FOREIGN KEY (association_id) REFERENCES associations (id),
  CONSTRAINT fk_activities_community FOREIGN KEY (community_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_activities_created_by FOREIGN KEY (created_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_activities_association ON activities (association_id, starts_at);
CREATE INDEX ix_activities_community ON activities (community_id, starts_at);
CREATE INDEX ix_activities_reminder ON activities (reminded_at, starts_at);

-- status: SIGNED_UP, WAITING, CANCELLED.
CREATE TABLE activity_signups (
  activity_id     BIGINT        NOT NULL,
  account_id      BIGINT        NOT NULL,
  status          VARCHAR(12)   NOT NULL,
  signed_up_at    DATETIME(3)   NOT NULL,
  updated_at      DATETIME(3)   NOT NULL,
  checked_in_at   DATETIME(3)   NULL,
  PRIMARY KEY (activity_id, account_id),
  CONSTRAINT fk_activity_signups_activity FOREIGN KEY (activity_id) REFERENCES activities (id),
  CONSTRAINT fk_activity_signups_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_activity_signups_status ON activity_signups (activity_id, status, signed_up_at);
CREATE INDEX ix_activity_signups_account ON activity_signups (account_id, status);

-- Every change to an association, its members and its activities: who, what, to whom, why.
CREATE TABLE association_events (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  association_id  BIGINT        NULL,
  activity_id     BIGINT        NULL,
  actor_id        BIGINT        NULL,
  action          VARCHAR(24)   NOT NULL,
  subject_id      BIGINT        NULL,
  reason          VARCHAR(300)  NULL,
  created_at      DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_association_events_association FOREIGN KEY (association_id) REFERENCES associations (id),
  CONSTRAINT fk_association_events_activity FOREIGN KEY (activity_id) REFERENCES activities (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_association_events_association ON association_events (association_id, id);
