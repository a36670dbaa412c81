-- Per phone that staff alerts are folded for (SmsDigest): the latest alert or digest queued to it. A new alert locks
-- this one row by its key and then the one outbox row it names. It used to lock a range of ix_sms_outbox_to, whose gap
-- locks reach the next phone's rows: alerts to two neighbouring phones at once deadlocked (309 in 20 s of reports in
-- the benchmark's replay).
CREATE TABLE sms_digest_heads (
  to_e164    VARCHAR(20) NOT NULL,
  outbox_id  BIGINT      NOT NULL,
  PRIMARY KEY (to_e164)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A digest window is minutes long: the alerts of the last two days are more than enough to start from.
INSERT INTO sms_digest_heads (to_e164, outbox_id)
SELECT to_e164, MAX(id) FROM sms_outbox
WHERE purpose IN ('problem-new', 'hotline', 'digest') AND created_at >= NOW() - INTERVAL 2 DAY
GROUP BY to_e164;
