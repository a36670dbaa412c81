-- Addresses inside a grid. A resident's household decides their grid.
CREATE TABLE buildings (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  grid_id     BIGINT       NOT NULL,
  name        VARCHAR(60)  NOT NULL,
  sort_order  INT          NOT NULL,
  lat         DECIMAL(9,6) NULL,
  lng         DECIMAL(9,6) NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_buildings_grid_name UNIQUE (grid_id, name),
  CONSTRAINT fk_buildings_grid FOREIGN KEY (grid_id) REFERENCES grid_nodes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE building_units (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  building_id BIGINT       NOT NULL,
  name        VARCHAR(30)  NOT NULL,
  sort_order  INT          NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_building_units_building_name UNIQUE (building_id, name),
  CONSTRAINT fk_building_units_building FOREIGN KEY (building_id) REFERENCES buildings (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE households (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  unit_id     BIGINT       NOT NULL,
  room        VARCHAR(20)  NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_households_unit_room UNIQUE (unit_id, room),
  CONSTRAINT fk_households_unit FOREIGN KEY (unit_id) REFERENCES building_units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
