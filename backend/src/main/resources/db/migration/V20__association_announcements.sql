-- What organisers tell all members of an association; texted too when they ask (at most once a day).
CREATE TABLE association_announcements (
  id              BIGINT         NOT NULL AUTO_INCREMENT,
  association_id  BIGINT         NOT NULL,
  author_id       BIGINT         NOT NULL,
  body            VARCHAR(500)   NOT NULL,
  by_sms          BOOLEAN        NOT NULL,
  created_at      DATETIME(3)    NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_association_announcements_association FOREIGN KEY (association_id) REFERENCES associations (id),
  CONSTRAINT fk_association_announcements_author FOREIGN KEY (author_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_association_announcements ON association_announcements (association_id, id);
