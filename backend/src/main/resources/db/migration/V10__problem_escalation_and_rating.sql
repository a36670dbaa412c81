-- Escalation of overdue problems (0 none, 1 community, 2 street office) and the reporter's rating when they confirm.
ALTER TABLE problems ADD COLUMN escalation_level INT NOT NULL DEFAULT 0;
ALTER TABLE problems ADD COLUMN escalated_at DATETIME(3) NULL;
ALTER TABLE problems ADD COLUMN rating INT NULL;
ALTER TABLE problems ADD COLUMN rating_comment VARCHAR(500) NULL;

CREATE INDEX ix_problems_escalation ON problems (escalation_level, state, resolve_due_at);
CREATE INDEX ix_problems_state_resolved ON problems (state, resolved_at);
