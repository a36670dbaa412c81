-- One-time sign-in codes (hashed, never stored in clear) and fixed-window counters shared by every instance.
CREATE TABLE otp_codes (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  phone_e164  VARCHAR(20)  NOT NULL,
  code_hash   VARCHAR(64)  NOT NULL,
  attempts    INT          NOT NULL,
  expires_at  DATETIME(3)  NOT NULL,
  consumed_at DATETIME(3)  NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_otp_codes_phone_created ON otp_codes (phone_e164, created_at);
CREATE INDEX ix_otp_codes_expires ON otp_codes (expires_at);

CREATE TABLE rate_limit_hits (
  bucket       VARCHAR(120) NOT NULL,
  window_start DATETIME(3)  NOT NULL,
  hits         INT          NOT NULL,
  PRIMARY KEY (bucket, window_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_rate_limit_hits_window ON rate_limit_hits (window_start);

-- Secrets the instances share (such as the session-signing key), created once by whichever instance starts first.
CREATE TABLE platform_secrets (
  name       VARCHAR(64)  NOT NULL,
  secret     VARCHAR(200) NOT NULL,
  created_at DATETIME(3)  NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
