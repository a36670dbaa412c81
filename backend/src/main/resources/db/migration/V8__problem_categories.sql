-- What residents can report, with the time limits that decide when a problem is overdue and escalated.
CREATE TABLE problem_categories (
  code          VARCHAR(32)  NOT NULL,
  name_zh       VARCHAR(40)  NOT NULL,
  name_en       VARCHAR(60)  NOT NULL,
  icon          VARCHAR(40)  NOT NULL,
  accept_hours  INT          NOT NULL,
  resolve_hours INT          NOT NULL,
  sort_order    INT          NOT NULL,
  active        BOOLEAN      NOT NULL,
  PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO problem_categories (code, name_zh, name_en, icon, accept_hours, resolve_hours, sort_order, active) VALUES
  ('water_supply', '供水排水', 'Water supply', 'fire-o', 4, 48, 10, TRUE),
  ('sanitation', '环境卫生', 'Sanitation', 'delete-o', 8, 48, 20, TRUE),
  ('construction_waste', '建筑垃圾', 'Construction waste', 'logistics', 8, 72, 30, TRUE),
  ('safety_hazard', '安全隐患', 'Safety hazard', 'warning-o', 2, 24, 40, TRUE),
  ('public_order', '治安秩序', 'Public order', 'shield-o', 2, 24, 50, TRUE),
  ('food_drug', '食品药品安全', 'Food and drug safety', 'shop-o', 4, 72, 60, TRUE),
  ('neighbour_dispute', '邻里纠纷', 'Neighbour dispute', 'friends-o', 8, 120, 70, TRUE),
  ('facility_repair', '设施维修', 'Facility repair', 'setting-o', 8, 96, 80, TRUE),
  ('other', '其他', 'Other', 'more-o', 24, 168, 90, TRUE);
