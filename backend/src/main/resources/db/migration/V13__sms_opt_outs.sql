-- Phones that asked for no more SMS (replied STOP/退订, or Twilio reported error 21610), until they opt back in.
CREATE TABLE sms_opt_outs (
  phone_e164   VARCHAR(20) NOT NULL,
  source       VARCHAR(24) NOT NULL,
  opted_out_at DATETIME(3) NOT NULL,
  PRIMARY KEY (phone_e164)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
