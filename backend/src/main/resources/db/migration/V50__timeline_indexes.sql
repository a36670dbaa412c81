-- The Open311 updates feed (GET servicerequestupdates) reads the status changes and the staff replies of a time
-- window, oldest first, across the city: each by its time, not by walking every problem.
CREATE INDEX ix_problem_events_created ON problem_events (created_at, id);
CREATE INDEX ix_problem_messages_created ON problem_messages (created_at, id);
