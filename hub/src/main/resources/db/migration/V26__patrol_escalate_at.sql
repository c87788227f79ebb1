-- When a dispatch round is due for its next escalation step, kept on each of its unaccepted
-- (NEW, DELIVERED) tasks: set when the round's first task is made (creation + the priority's
-- accept limit), copied onto tasks that join the round, moved one limit on by each step, NULL
-- once every step is taken, for P3/P4 and on tasks that are accepted or finished. The sweep reads
-- the due rounds as a range of its index instead of grouping every open task of every round
-- (issue 13's benchmark: thousands of open P1 rounds, ~300 ms a sweep).
ALTER TABLE patrol_task ADD COLUMN escalate_at TIMESTAMP;

-- Rounds open at the upgrade get the default limits (P1 3 minutes, P2 10, 3 steps); a deployment
-- with other limits has them from its next dispatch on.
UPDATE patrol_task t SET escalate_at =
    (SELECT MIN(s.created_at) FROM patrol_task s WHERE s.incident_id = t.incident_id
      AND s.round = t.round)
    + CASE t.priority WHEN 1 THEN INTERVAL '3' MINUTE ELSE INTERVAL '10' MINUTE END
      * ((SELECT COUNT(*) FROM patrol_escalation e WHERE e.incident_id = t.incident_id
        AND e.round = t.round) + 1)
  WHERE t.state IN ('NEW', 'DELIVERED') AND t.priority <= 2
    AND (SELECT COUNT(*) FROM patrol_escalation e WHERE e.incident_id = t.incident_id
      AND e.round = t.round) < 3;

CREATE INDEX ix_patrol_task_escalate ON patrol_task (escalate_at);
