-- patrol_task (state, priority, created_at) served the escalation sweep's scan of every open
-- round; the sweep reads ix_patrol_task_escalate since V26 and no other query leads with the
-- state, so the index only cost every task insert and state change (the P1 fast path).
DROP INDEX ix_patrol_task_state;
