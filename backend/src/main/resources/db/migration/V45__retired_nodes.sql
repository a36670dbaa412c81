-- A node an admin retired (merged away, or no longer used): kept for the history that points at it (closed problems,
-- patrols, messages, the dashboard's past figures), hidden from lists, pickers and the map, its code never reused.
ALTER TABLE grid_nodes ADD COLUMN retired_at DATETIME(3) NULL;
