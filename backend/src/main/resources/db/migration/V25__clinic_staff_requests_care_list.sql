-- Who works for a provider (clinicians sign in with a password and see only their providers' bookings and requests);
-- which grids an area doctor (片医) serves; home-visit requests and green-channel referrals; and the grid's care list
-- (elderly living alone and others a grid leader looks after).
CREATE TABLE clinic_staff (
  provider_id  BIGINT  NOT NULL,
  account_id   BIGINT  NOT NULL,
  PRIMARY KEY (provider_id, account_id),
  CONSTRAINT fk_clinic_staff_provider FOREIGN KEY (provider_id) REFERENCES clinic_providers (id),
  CONSTRAINT fk_clinic_staff_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_clinic_staff_account ON clinic_staff (account_id);

INSERT INTO clinic_staff (provider_id, account_id)
  SELECT id, staff_id FROM clinic_providers WHERE staff_id IS NOT NULL;

ALTER TABLE clinic_providers DROP FOREIGN KEY fk_clinic_providers_staff;
ALTER TABLE clinic_providers DROP COLUMN staff_id;

CREATE TABLE clinic_area_grids (
  provider_id  BIGINT  NOT NULL,
  grid_id      BIGINT  NOT NULL,
  PRIMARY KEY (provider_id, grid_id),
  CONSTRAINT fk_clinic_area_grids_provider FOREIGN KEY (provider_id) REFERENCES clinic_providers (id),
  CONSTRAINT fk_clinic_area_grids_grid FOREIGN KEY (grid_id) REFERENCES grid_nodes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_clinic_area_grids_grid ON clinic_area_grids (grid_id);

-- The patient's grid at booking time, so supervisors can follow up on visits in their subtree (never why).
ALTER TABLE clinic_bookings ADD COLUMN grid_id BIGINT NULL;
CREATE INDEX ix_clinic_bookings_grid ON clinic_bookings (grid_id, starts_at);

-- kind: HOME_VISIT (asked by the resident) or REFERRAL (green channel, made by a grid leader or a clinician).
-- status: REQUESTED, SCHEDULED, DECLINED, CANCELLED, DONE. reason is for the patient and the provider's staff only.
CREATE TABLE clinic_requests (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  kind             VARCHAR(12)   NOT NULL,
  service_id       BIGINT        NOT NULL,
  provider_id      BIGINT        NOT NULL,
  requested_by     BIGINT        NOT NULL,
  patient_id       BIGINT        NOT NULL,
  grid_id          BIGINT        NOT NULL,
  address          VARCHAR(200)  NULL,
  preferred        VARCHAR(200)  NULL,
  reason           VARCHAR(500)  NOT NULL,
  status           VARCHAR(12)   NOT NULL,
  scheduled_at     DATETIME(3)   NULL,
  provider_note    VARCHAR(200)  NULL,
  idempotency_key  VARCHAR(64)   NOT NULL,
  created_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_clinic_requests_key UNIQUE (requested_by, idempotency_key),
  CONSTRAINT fk_clinic_requests_service FOREIGN KEY (service_id) REFERENCES clinic_services (id),
  CONSTRAINT fk_clinic_requests_provider FOREIGN KEY (provider_id) REFERENCES clinic_providers (id),
  CONSTRAINT fk_clinic_requests_by FOREIGN KEY (requested_by) REFERENCES accounts (id),
  CONSTRAINT fk_clinic_requests_patient FOREIGN KEY (patient_id) REFERENCES accounts (id),
  CONSTRAINT fk_clinic_requests_grid FOREIGN KEY (grid_id) REFERENCES grid_nodes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_clinic_requests_provider ON clinic_requests (provider_id, status, id);
CREATE INDEX ix_clinic_requests_patient ON clinic_requests (patient_id, id);
CREATE INDEX ix_clinic_requests_grid ON clinic_requests (grid_id, id);

-- kind: ELDERLY_ALONE, DISABILITY, OTHER. One row per resident; the grid is the resident's when added.
CREATE TABLE care_list (
  account_id  BIGINT        NOT NULL,
  grid_id     BIGINT        NOT NULL,
  kind        VARCHAR(16)   NOT NULL,
  note        VARCHAR(200)  NULL,
  added_by    BIGINT        NOT NULL,
  added_at    DATETIME(3)   NOT NULL,
  PRIMARY KEY (account_id),
  CONSTRAINT fk_care_list_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT fk_care_list_grid FOREIGN KEY (grid_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_care_list_added_by FOREIGN KEY (added_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_care_list_grid ON care_list (grid_id, account_id);
