-- People waiting for a full slot. A cancellation offers the freed place to the longest waiting (status OFFERED, the
-- place held for them until offered_until); unaccepted offers pass on to the next, or free the place.
CREATE TABLE clinic_waitlist (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  service_id     BIGINT        NOT NULL,
  starts_at      DATETIME(3)   NOT NULL,
  booker_id      BIGINT        NOT NULL,
  patient_id     BIGINT        NOT NULL,
  reason         VARCHAR(500)  NULL,
  status         VARCHAR(12)   NOT NULL,
  offered_until  DATETIME(3)   NULL,
  created_at     DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_clinic_waitlist_patient UNIQUE (service_id, starts_at, patient_id),
  CONSTRAINT fk_clinic_waitlist_service FOREIGN KEY (service_id) REFERENCES clinic_services (id),
  CONSTRAINT fk_clinic_waitlist_booker FOREIGN KEY (booker_id) REFERENCES accounts (id),
  CONSTRAINT fk_clinic_waitlist_patient FOREIGN KEY (patient_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_clinic_waitlist_slot ON clinic_waitlist (service_id, starts_at, status, id);
CREATE INDEX ix_clinic_waitlist_offers ON clinic_waitlist (status, offered_until);
CREATE INDEX ix_clinic_waitlist_booker ON clinic_waitlist (booker_id, status);
