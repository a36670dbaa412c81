-- Clinic visits: providers (community health stations, partner hospitals, area doctors), the services they offer,
-- their weekly hours and exceptions in the community's zone, and bookings. A slot's count is a row locked while it is
-- booked, so several instances never book a slot past its capacity.
CREATE TABLE clinic_providers (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  community_id  BIGINT        NOT NULL,
  kind          VARCHAR(16)   NOT NULL,
  name          VARCHAR(80)   NOT NULL,
  address       VARCHAR(200)  NULL,
  phone         VARCHAR(20)   NULL,
  staff_id      BIGINT        NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_clinic_providers_community FOREIGN KEY (community_id) REFERENCES grid_nodes (id),
  CONSTRAINT fk_clinic_providers_staff FOREIGN KEY (staff_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_clinic_providers_community ON clinic_providers (community_id);

CREATE TABLE clinic_services (
  id                 BIGINT       NOT NULL AUTO_INCREMENT,
  provider_id        BIGINT       NOT NULL,
  kind               VARCHAR(16)  NOT NULL,
  name               VARCHAR(80)  NOT NULL,
  slot_minutes       INT          NOT NULL,
  capacity_per_slot  INT          NOT NULL,
  min_notice_hours   INT          NOT NULL,
  horizon_days       INT          NOT NULL,
  cancel_cutoff_hours INT         NOT NULL,
  active             BOOLEAN      NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_clinic_services_provider FOREIGN KEY (provider_id) REFERENCES clinic_providers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Weekly hours: day 1 = Monday … 7 = Sunday, local times.
CREATE TABLE clinic_hours (
  service_id  BIGINT   NOT NULL,
  weekday     TINYINT  NOT NULL,
  opens_at    TIME     NOT NULL,
  closes_at   TIME     NOT NULL,
  PRIMARY KEY (service_id, weekday, opens_at),
  CONSTRAINT fk_clinic_hours_service FOREIGN KEY (service_id) REFERENCES clinic_services (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Days a service does not run (holidays, leave).
CREATE TABLE clinic_closures (
  service_id  BIGINT        NOT NULL,
  closed_on   DATE          NOT NULL,
  reason      VARCHAR(100)  NULL,
  PRIMARY KEY (service_id, closed_on),
  CONSTRAINT fk_clinic_closures_service FOREIGN KEY (service_id) REFERENCES clinic_services (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE clinic_slots (
  service_id  BIGINT       NOT NULL,
  starts_at   DATETIME(3)  NOT NULL,
  booked      INT          NOT NULL,
  PRIMARY KEY (service_id, starts_at),
  CONSTRAINT fk_clinic_slots_service FOREIGN KEY (service_id) REFERENCES clinic_services (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- status: BOOKED, CANCELLED, ATTENDED, NO_SHOW. The patient is the booker or someone of their household.
CREATE TABLE clinic_bookings (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  service_id       BIGINT        NOT NULL,
  starts_at        DATETIME(3)   NOT NULL,
  ends_at          DATETIME(3)   NOT NULL,
  booker_id        BIGINT        NOT NULL,
  patient_id       BIGINT        NOT NULL,
  reason           VARCHAR(500)  NULL,
  status           VARCHAR(12)   NOT NULL,
  code             CHAR(6)       NOT NULL,
  idempotency_key  VARCHAR(64)   NOT NULL,
  created_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_clinic_bookings_key UNIQUE (booker_id, idempotency_key),
  CONSTRAINT fk_clinic_bookings_service FOREIGN KEY (service_id) REFERENCES clinic_services (id),
  CONSTRAINT fk_clinic_bookings_booker FOREIGN KEY (booker_id) REFERENCES accounts (id),
  CONSTRAINT fk_clinic_bookings_patient FOREIGN KEY (patient_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_clinic_bookings_patient ON clinic_bookings (patient_id, status, starts_at);
CREATE INDEX ix_clinic_bookings_booker ON clinic_bookings (booker_id, starts_at);
CREATE INDEX ix_clinic_bookings_day ON clinic_bookings (service_id, starts_at);
